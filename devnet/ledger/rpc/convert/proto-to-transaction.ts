/**
 * The reverse direction: a `sui.rpc.v2.Transaction` from a client -> a structure the ledger can resolve,
 * and a fully resolved structure -> BCS `TransactionData`.
 *
 * What the SDK sends (`@mysten/sui` 2.x, `client/transaction-resolver`):
 * - `SimulateTransaction` from `Transaction.build()`'s resolver plugin and from `simulateTransaction(tx)`
 *   carries a *structured* transaction (`transactionDataToGrpcTransaction`): `version: 1`,
 *   `kind.programmable_transaction {inputs, commands}`, `sender` (the zero address when none was set),
 *   `gas_payment {objects (possibly empty), owner?, price?, budget?}` and `expiration?`.
 *   Its inputs are `PURE` (bytes set), resolved object inputs with a `kind`, or *unresolved* objects that
 *   have no `kind`: `object_id` plus whatever the user gave (`version` is either the object version or the
 *   initial shared version, the SDK collapses both into it; `digest`; `mutable`).
 * - `ExecuteTransaction`, and `simulateTransaction(bytes)`, send only `transaction.bcs` (full
 *   `TransactionData`); {@link resolvableFromProto} parses those bytes instead.
 */

import { fromBase64, toBase64 } from '@mysten/bcs';
import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { timestampToMs, typeToString } from './common.js';
import type {
  ArgumentValue,
  CallArgValue,
  CommandValue,
  ExpirationValue,
  TransactionDataValue,
} from './transaction-to-proto.js';

export type FundsWithdrawalValue = typeof bcs.CallArg.$inferType extends infer T
  ? T extends { $kind: 'FundsWithdrawal'; FundsWithdrawal: infer W }
    ? W
    : never
  : never;

export interface PureInput {
  kind: 'pure';
  bytes: Uint8Array;
}

export type ObjectInputKind = 'immOrOwned' | 'shared' | 'receiving';

/**
 * An object input. When `objectKind` is set the client resolved it itself (`version`+`digest` for
 * `immOrOwned`/`receiving`, `initialSharedVersion`+`mutable` for `shared`); when it is absent the input is
 * unresolved and the ledger must look the object up (owned vs shared from its owner, `receiving` from the
 * Move parameter type, shared mutability from the parameter's reference kind unless `mutable` is given).
 * For unresolved inputs `version` may be either the object version or its initial shared version.
 */
export interface ObjectInput {
  kind: 'object';
  objectId: string;
  objectKind?: ObjectInputKind;
  version?: bigint;
  digest?: string;
  initialSharedVersion?: bigint;
  mutable?: boolean;
}

/** An address-balance withdrawal (`CallArg::FundsWithdrawal`), kept as the SDK's BCS value. */
export interface FundsWithdrawalInput {
  kind: 'fundsWithdrawal';
  withdrawal: FundsWithdrawalValue;
}

export type ResolvableInput = PureInput | ObjectInput | FundsWithdrawalInput;

export interface ObjectRef {
  objectId: string;
  version: bigint;
  digest: string;
}

/** A transaction as a client submitted it, possibly with unresolved inputs and missing gas data. */
export interface ResolvableTransaction {
  /** Undefined only when the proto had none (the SDK always sends one, the zero address if unset). */
  sender?: string;
  inputs: ResolvableInput[];
  /** Commands as the SDK's BCS `Command` values (`bcs.Command.parse` shape), ready to serialize back. */
  commands: CommandValue[];
  /** Gas coins; undefined when the client sent none (gas selection is the ledger's job then). */
  gasPayment?: ObjectRef[];
  /** Gas owner (sponsor); undefined means the sender. */
  gasOwner?: string;
  gasPrice?: bigint;
  gasBudget?: bigint;
  /** Undefined when the client sent none; BCS needs one, {@link resolvableToTransactionBcs} uses `None`. */
  expiration?: ExpirationValue;
}

function requireField<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Invalid transaction: missing ${what}`);
  return value;
}

export function argumentFromProto(arg: GrpcTypes.Argument | undefined): ArgumentValue {
  if (!arg) throw new Error('Invalid transaction: missing command argument');
  switch (arg.kind) {
    case GrpcTypes.Argument_ArgumentKind.GAS:
      return { $kind: 'GasCoin', GasCoin: true };
    case GrpcTypes.Argument_ArgumentKind.INPUT:
      return { $kind: 'Input', Input: requireField(arg.input, 'argument input index') };
    case GrpcTypes.Argument_ArgumentKind.RESULT: {
      const result = requireField(arg.result, 'argument result index');
      if (arg.subresult !== undefined)
        return { $kind: 'NestedResult', NestedResult: [result, arg.subresult] };
      return { $kind: 'Result', Result: result };
    }
    default:
      throw new Error(`Invalid transaction: unknown argument kind ${arg.kind}`);
  }
}

export function commandFromProto(command: GrpcTypes.Command): CommandValue {
  const c = command.command;
  switch (c.oneofKind) {
    case 'moveCall':
      return {
        $kind: 'MoveCall',
        MoveCall: {
          package: normalizeSuiAddress(requireField(c.moveCall.package, 'move call package')),
          module: requireField(c.moveCall.module, 'move call module'),
          function: requireField(c.moveCall.function, 'move call function'),
          typeArguments: c.moveCall.typeArguments.map(typeToString),
          arguments: c.moveCall.arguments.map(argumentFromProto),
        },
      };
    case 'transferObjects':
      return {
        $kind: 'TransferObjects',
        TransferObjects: {
          objects: c.transferObjects.objects.map(argumentFromProto),
          address: argumentFromProto(c.transferObjects.address),
        },
      };
    case 'splitCoins':
      return {
        $kind: 'SplitCoins',
        SplitCoins: {
          coin: argumentFromProto(c.splitCoins.coin),
          amounts: c.splitCoins.amounts.map(argumentFromProto),
        },
      };
    case 'mergeCoins':
      return {
        $kind: 'MergeCoins',
        MergeCoins: {
          destination: argumentFromProto(c.mergeCoins.coin),
          sources: c.mergeCoins.coinsToMerge.map(argumentFromProto),
        },
      };
    case 'publish':
      return {
        $kind: 'Publish',
        Publish: {
          modules: c.publish.modules.map((m) => toBase64(m)),
          dependencies: c.publish.dependencies.map((d) => normalizeSuiAddress(d)),
        },
      };
    case 'makeMoveVector':
      return {
        $kind: 'MakeMoveVec',
        MakeMoveVec: {
          type: c.makeMoveVector.elementType ? typeToString(c.makeMoveVector.elementType) : null,
          elements: c.makeMoveVector.elements.map(argumentFromProto),
        },
      };
    case 'upgrade':
      return {
        $kind: 'Upgrade',
        Upgrade: {
          modules: c.upgrade.modules.map((m) => toBase64(m)),
          dependencies: c.upgrade.dependencies.map((d) => normalizeSuiAddress(d)),
          package: normalizeSuiAddress(requireField(c.upgrade.package, 'upgrade package')),
          ticket: argumentFromProto(c.upgrade.ticket),
        },
      };
    default:
      throw new Error('Invalid transaction: command is missing');
  }
}

function sharedMutable(input: GrpcTypes.Input): boolean | undefined {
  if (input.mutable !== undefined) return input.mutable;
  switch (input.mutability) {
    case GrpcTypes.Input_Mutability.MUTABLE:
    case GrpcTypes.Input_Mutability.NON_EXCLUSIVE_WRITE:
      return true;
    case GrpcTypes.Input_Mutability.IMMUTABLE:
      return false;
    default:
      return undefined;
  }
}

function fundsWithdrawalFromProto(funds: GrpcTypes.FundsWithdrawal | undefined): FundsWithdrawalValue {
  const f = requireField(funds, 'funds_withdrawal');
  let withdrawFrom: FundsWithdrawalValue['withdrawFrom'];
  switch (f.source) {
    case GrpcTypes.FundsWithdrawal_Source.SPONSOR:
      withdrawFrom = { $kind: 'Sponsor', Sponsor: true };
      break;
    case GrpcTypes.FundsWithdrawal_Source.SENDER_ALLOWANCE:
      withdrawFrom = {
        $kind: 'SenderAllowance',
        SenderAllowance: {
          funder: normalizeSuiAddress(requireField(f.funder, 'funds_withdrawal.funder')),
          allowance: normalizeSuiAddress(requireField(f.allowance, 'funds_withdrawal.allowance')),
        },
      };
      break;
    default:
      withdrawFrom = { $kind: 'Sender', Sender: true };
  }
  return {
    reservation: {
      $kind: 'MaxAmountU64',
      MaxAmountU64: requireField(f.amount, 'funds_withdrawal.amount').toString(),
    },
    typeArg: { $kind: 'Balance', Balance: typeToString(f.coinType ?? '0x2::sui::SUI') },
    withdrawFrom,
  };
}

export function inputFromProto(input: GrpcTypes.Input): ResolvableInput {
  const Kind = GrpcTypes.Input_InputKind;
  if (input.literal !== undefined) {
    throw new Error('Invalid transaction: literal inputs are not supported, send BCS pure bytes');
  }
  switch (input.kind) {
    case Kind.PURE:
      return { kind: 'pure', bytes: requireField(input.pure, 'pure input bytes') };
    case Kind.IMMUTABLE_OR_OWNED:
    case Kind.RECEIVING:
      return {
        kind: 'object',
        objectKind: input.kind === Kind.RECEIVING ? 'receiving' : 'immOrOwned',
        objectId: normalizeSuiAddress(requireField(input.objectId, 'object input id')),
        version: requireField(input.version, 'object input version'),
        digest: requireField(input.digest, 'object input digest'),
      };
    case Kind.SHARED:
      return {
        kind: 'object',
        objectKind: 'shared',
        objectId: normalizeSuiAddress(requireField(input.objectId, 'object input id')),
        initialSharedVersion: requireField(input.version, 'shared input initial version'),
        mutable: sharedMutable(input) ?? false,
      };
    case Kind.FUNDS_WITHDRAWAL:
      return { kind: 'fundsWithdrawal', withdrawal: fundsWithdrawalFromProto(input.fundsWithdrawal) };
    case undefined:
    case Kind.INPUT_KIND_UNKNOWN: {
      if (input.objectId === undefined) {
        // The SDK never sends this (unresolved pure values fail client-side); accept bare bytes anyway.
        if (input.pure !== undefined) return { kind: 'pure', bytes: input.pure };
        throw new Error('Invalid transaction: input has neither a kind nor an object id');
      }
      const unresolved: ObjectInput = { kind: 'object', objectId: normalizeSuiAddress(input.objectId) };
      if (input.version !== undefined) unresolved.version = input.version;
      if (input.digest !== undefined) unresolved.digest = input.digest;
      const mutable = sharedMutable(input);
      if (mutable !== undefined) unresolved.mutable = mutable;
      return unresolved;
    }
    default:
      throw new Error(`Invalid transaction: unknown input kind ${input.kind}`);
  }
}

export function expirationFromProto(
  expiration: GrpcTypes.TransactionExpiration,
): ExpirationValue | undefined {
  const Kind = GrpcTypes.TransactionExpiration_TransactionExpirationKind;
  switch (expiration.kind) {
    case Kind.NONE:
      return { $kind: 'None', None: true };
    case Kind.EPOCH:
      return { $kind: 'Epoch', Epoch: Number(requireField(expiration.epoch, 'expiration epoch')) };
    case Kind.VALID_DURING:
    case Kind.VALIDITY: {
      const validity = {
        minEpoch: expiration.minEpoch?.toString() ?? null,
        maxEpoch: expiration.epoch?.toString() ?? null,
        minTimestamp: expiration.minTimestamp ? timestampToMs(expiration.minTimestamp).toString() : null,
        maxTimestamp: expiration.maxTimestamp ? timestampToMs(expiration.maxTimestamp).toString() : null,
        chain: requireField(expiration.chain, 'expiration chain'),
        nonce: expiration.nonce ?? 0,
      };
      if (expiration.kind === Kind.VALID_DURING) return { $kind: 'ValidDuring', ValidDuring: validity };
      const allowed = expiration.allowedProposers;
      return {
        $kind: 'Validity',
        Validity: {
          ...validity,
          allowedProposers: allowed
            ? { epoch: (allowed.epoch ?? 0n).toString(), proposers: [...allowed.proposers] }
            : null,
        },
      };
    }
    default:
      return undefined;
  }
}

function inputFromCallArg(arg: CallArgValue): ResolvableInput {
  switch (arg.$kind) {
    case 'Pure':
      return { kind: 'pure', bytes: fromBase64(arg.Pure.bytes) };
    case 'FundsWithdrawal':
      return { kind: 'fundsWithdrawal', withdrawal: arg.FundsWithdrawal };
    case 'Object': {
      const o = arg.Object;
      switch (o.$kind) {
        case 'ImmOrOwnedObject':
        case 'Receiving': {
          const ref = o.$kind === 'Receiving' ? o.Receiving : o.ImmOrOwnedObject;
          return {
            kind: 'object',
            objectKind: o.$kind === 'Receiving' ? 'receiving' : 'immOrOwned',
            objectId: ref.objectId,
            version: BigInt(ref.version),
            digest: ref.digest,
          };
        }
        case 'SharedObject':
          return {
            kind: 'object',
            objectKind: 'shared',
            objectId: o.SharedObject.objectId,
            initialSharedVersion: BigInt(o.SharedObject.initialSharedVersion),
            mutable: o.SharedObject.mutable,
          };
      }
    }
  }
  throw new Error(`Unknown call argument ${JSON.stringify(arg)}`);
}

/** Parsed BCS `TransactionData` -> resolvable structure (fully resolved by construction). */
export function resolvableFromTransactionData(data: TransactionDataValue): ResolvableTransaction {
  const v1 = data.V1;
  const kind = v1.kind;
  const ptb =
    kind.$kind === 'ProgrammableTransaction'
      ? kind.ProgrammableTransaction
      : kind.$kind === 'ProgrammableSystemTransaction'
        ? kind.ProgrammableSystemTransaction
        : undefined;
  if (!ptb) throw new Error(`Unsupported transaction kind ${kind.$kind}: only programmable transactions`);
  return {
    sender: v1.sender,
    inputs: ptb.inputs.map(inputFromCallArg),
    commands: ptb.commands,
    gasPayment: v1.gasData.payment.map((ref) => ({
      objectId: ref.objectId,
      version: BigInt(ref.version),
      digest: ref.digest,
    })),
    gasOwner: v1.gasData.owner,
    gasPrice: BigInt(v1.gasData.price),
    gasBudget: BigInt(v1.gasData.budget),
    expiration: v1.expiration,
  };
}

/** BCS `TransactionData` bytes -> resolvable structure. */
export function resolvableFromTransactionBcs(transactionBcs: Uint8Array): ResolvableTransaction {
  return resolvableFromTransactionData(bcs.TransactionData.parse(transactionBcs));
}

/**
 * Proto transaction -> resolvable structure. A proto with only `bcs` (what `ExecuteTransaction` sends) is
 * parsed from its bytes; otherwise the structured fields are used and `bcs` is ignored.
 */
export function resolvableFromProto(tx: GrpcTypes.Transaction): ResolvableTransaction {
  const data = tx.kind?.data;
  if (!data || data.oneofKind === undefined) {
    if (tx.bcs?.value) return resolvableFromTransactionBcs(tx.bcs.value);
    throw new Error('Invalid transaction: neither a transaction kind nor BCS bytes were given');
  }
  if (data.oneofKind !== 'programmableTransaction') {
    throw new Error(`Unsupported transaction kind ${data.oneofKind}: only programmable transactions`);
  }
  const result: ResolvableTransaction = {
    inputs: data.programmableTransaction.inputs.map(inputFromProto),
    commands: data.programmableTransaction.commands.map(commandFromProto),
  };
  if (tx.sender !== undefined) result.sender = normalizeSuiAddress(tx.sender);
  const gas = tx.gasPayment;
  if (gas) {
    if (gas.objects.length > 0) {
      result.gasPayment = gas.objects.map((ref) => ({
        objectId: normalizeSuiAddress(requireField(ref.objectId, 'gas object id')),
        version: requireField(ref.version, 'gas object version'),
        digest: requireField(ref.digest, 'gas object digest'),
      }));
    }
    if (gas.owner !== undefined) result.gasOwner = normalizeSuiAddress(gas.owner);
    if (gas.price !== undefined) result.gasPrice = gas.price;
    if (gas.budget !== undefined) result.gasBudget = gas.budget;
  }
  if (tx.expiration) {
    const expiration = expirationFromProto(tx.expiration);
    if (expiration) result.expiration = expiration;
  }
  return result;
}

/** Inputs that still need the ledger's help (no `objectKind`), with their positions. */
export function unresolvedInputs(tx: ResolvableTransaction): { index: number; input: ObjectInput }[] {
  const out: { index: number; input: ObjectInput }[] = [];
  tx.inputs.forEach((input, index) => {
    if (input.kind === 'object' && input.objectKind === undefined) out.push({ index, input });
  });
  return out;
}

function inputToCallArg(input: ResolvableInput, index: number): typeof bcs.CallArg.$inferInput {
  switch (input.kind) {
    case 'pure':
      return { Pure: { bytes: input.bytes } };
    case 'fundsWithdrawal':
      return { FundsWithdrawal: input.withdrawal };
    case 'object': {
      const where = `input ${index} (${input.objectId})`;
      switch (input.objectKind) {
        case 'immOrOwned':
        case 'receiving': {
          const ref = {
            objectId: input.objectId,
            version: requireField(input.version, `version of ${where}`),
            digest: requireField(input.digest, `digest of ${where}`),
          };
          return input.objectKind === 'receiving'
            ? { Object: { Receiving: ref } }
            : { Object: { ImmOrOwnedObject: ref } };
        }
        case 'shared':
          return {
            Object: {
              SharedObject: {
                objectId: input.objectId,
                initialSharedVersion: requireField(
                  input.initialSharedVersion,
                  `initial shared version of ${where}`,
                ),
                mutable: requireField(input.mutable, `mutability of ${where}`),
              },
            },
          };
        default:
          throw new Error(`Transaction is not resolved: ${where} has no object kind`);
      }
    }
  }
}

/**
 * A fully resolved structure -> BCS `TransactionData` (V1, programmable). Requires the sender, gas price,
 * budget and payment (an empty payment list is allowed: it is how address-balance gas is expressed) and
 * every object input resolved; the gas owner defaults to the sender and the expiration to `None`.
 */
export function resolvableToTransactionBcs(tx: ResolvableTransaction): Uint8Array {
  const sender = requireField(tx.sender, 'sender');
  return bcs.TransactionData.serialize({
    V1: {
      kind: {
        ProgrammableTransaction: {
          inputs: tx.inputs.map(inputToCallArg),
          commands: tx.commands,
        },
      },
      sender,
      gasData: {
        payment: requireField(tx.gasPayment, 'gas payment'),
        owner: tx.gasOwner ?? sender,
        price: requireField(tx.gasPrice, 'gas price'),
        budget: requireField(tx.gasBudget, 'gas budget'),
      },
      expiration: tx.expiration ?? { None: true },
    },
  }).toBytes();
}
