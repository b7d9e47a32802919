/**
 * BCS `TransactionData` -> structured `sui.rpc.v2.Transaction`, as the gRPC service returns it in
 * `ExecutedTransaction.transaction` and in the `SimulateTransaction` response (the SDK's resolver plugin
 * reads the resolved inputs and gas data back from it with `grpcTransactionToTransactionData`).
 */

import { fromBase64 } from '@mysten/bcs';
import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import { transactionDigest } from '../../core/digests.js';
import { bcsValue, msToTimestamp } from './common.js';

export type TransactionDataValue = typeof bcs.TransactionData.$inferType;
export type TransactionDataV1Value = TransactionDataValue['V1'];
export type CallArgValue = typeof bcs.CallArg.$inferType;
export type CommandValue = typeof bcs.Command.$inferType;
export type ArgumentValue = typeof bcs.Argument.$inferType;
export type ExpirationValue = typeof bcs.TransactionExpiration.$inferType;
type TransactionKindValue = TransactionDataV1Value['kind'];
type ProgrammableTransactionValue = typeof bcs.ProgrammableTransaction.$inferType;

export function argumentToProto(arg: ArgumentValue): GrpcTypes.Argument {
  switch (arg.$kind) {
    case 'GasCoin':
      return { kind: GrpcTypes.Argument_ArgumentKind.GAS };
    case 'Input':
      return { kind: GrpcTypes.Argument_ArgumentKind.INPUT, input: arg.Input };
    case 'Result':
      return { kind: GrpcTypes.Argument_ArgumentKind.RESULT, result: arg.Result };
    case 'NestedResult':
      return {
        kind: GrpcTypes.Argument_ArgumentKind.RESULT,
        result: arg.NestedResult[0],
        subresult: arg.NestedResult[1],
      };
  }
}

export function callArgToProto(arg: CallArgValue): GrpcTypes.Input {
  switch (arg.$kind) {
    case 'Pure':
      return { kind: GrpcTypes.Input_InputKind.PURE, pure: fromBase64(arg.Pure.bytes) };
    case 'Object': {
      const object = arg.Object;
      switch (object.$kind) {
        case 'ImmOrOwnedObject':
          return {
            kind: GrpcTypes.Input_InputKind.IMMUTABLE_OR_OWNED,
            objectId: object.ImmOrOwnedObject.objectId,
            version: BigInt(object.ImmOrOwnedObject.version),
            digest: object.ImmOrOwnedObject.digest,
          };
        case 'SharedObject':
          return {
            kind: GrpcTypes.Input_InputKind.SHARED,
            objectId: object.SharedObject.objectId,
            version: BigInt(object.SharedObject.initialSharedVersion),
            mutable: object.SharedObject.mutable,
            mutability: object.SharedObject.mutable
              ? GrpcTypes.Input_Mutability.MUTABLE
              : GrpcTypes.Input_Mutability.IMMUTABLE,
          };
        case 'Receiving':
          return {
            kind: GrpcTypes.Input_InputKind.RECEIVING,
            objectId: object.Receiving.objectId,
            version: BigInt(object.Receiving.version),
            digest: object.Receiving.digest,
          };
      }
      throw new Error(`Unknown object argument ${JSON.stringify(object)}`);
    }
    case 'FundsWithdrawal': {
      const w = arg.FundsWithdrawal;
      const funds: GrpcTypes.FundsWithdrawal = {
        amount: BigInt(w.reservation.MaxAmountU64),
        coinType: w.typeArg.Balance,
      };
      switch (w.withdrawFrom.$kind) {
        case 'Sender':
          funds.source = GrpcTypes.FundsWithdrawal_Source.SENDER;
          break;
        case 'Sponsor':
          funds.source = GrpcTypes.FundsWithdrawal_Source.SPONSOR;
          break;
        case 'SenderAllowance':
          funds.source = GrpcTypes.FundsWithdrawal_Source.SENDER_ALLOWANCE;
          funds.funder = w.withdrawFrom.SenderAllowance.funder;
          funds.allowance = w.withdrawFrom.SenderAllowance.allowance;
          break;
      }
      return { kind: GrpcTypes.Input_InputKind.FUNDS_WITHDRAWAL, fundsWithdrawal: funds };
    }
  }
}

export function commandToProto(command: CommandValue): GrpcTypes.Command {
  switch (command.$kind) {
    case 'MoveCall':
      return {
        command: {
          oneofKind: 'moveCall',
          moveCall: {
            package: command.MoveCall.package,
            module: command.MoveCall.module,
            function: command.MoveCall.function,
            typeArguments: [...command.MoveCall.typeArguments],
            arguments: command.MoveCall.arguments.map(argumentToProto),
          },
        },
      };
    case 'TransferObjects':
      return {
        command: {
          oneofKind: 'transferObjects',
          transferObjects: {
            objects: command.TransferObjects.objects.map(argumentToProto),
            address: argumentToProto(command.TransferObjects.address),
          },
        },
      };
    case 'SplitCoins':
      return {
        command: {
          oneofKind: 'splitCoins',
          splitCoins: {
            coin: argumentToProto(command.SplitCoins.coin),
            amounts: command.SplitCoins.amounts.map(argumentToProto),
          },
        },
      };
    case 'MergeCoins':
      return {
        command: {
          oneofKind: 'mergeCoins',
          mergeCoins: {
            coin: argumentToProto(command.MergeCoins.destination),
            coinsToMerge: command.MergeCoins.sources.map(argumentToProto),
          },
        },
      };
    case 'Publish':
      return {
        command: {
          oneofKind: 'publish',
          publish: {
            modules: command.Publish.modules.map((m) => fromBase64(m)),
            dependencies: [...command.Publish.dependencies],
          },
        },
      };
    case 'MakeMoveVec': {
      const makeMoveVector: GrpcTypes.MakeMoveVector = {
        elements: command.MakeMoveVec.elements.map(argumentToProto),
      };
      if (command.MakeMoveVec.type !== null) makeMoveVector.elementType = command.MakeMoveVec.type;
      return { command: { oneofKind: 'makeMoveVector', makeMoveVector } };
    }
    case 'Upgrade':
      return {
        command: {
          oneofKind: 'upgrade',
          upgrade: {
            modules: command.Upgrade.modules.map((m) => fromBase64(m)),
            dependencies: [...command.Upgrade.dependencies],
            package: command.Upgrade.package,
            ticket: argumentToProto(command.Upgrade.ticket),
          },
        },
      };
  }
}

export function programmableTransactionToProto(
  ptb: ProgrammableTransactionValue,
): GrpcTypes.ProgrammableTransaction {
  return { inputs: ptb.inputs.map(callArgToProto), commands: ptb.commands.map(commandToProto) };
}

export function expirationToProto(expiration: ExpirationValue): GrpcTypes.TransactionExpiration {
  const Kind = GrpcTypes.TransactionExpiration_TransactionExpirationKind;
  switch (expiration.$kind) {
    case 'None':
      return { kind: Kind.NONE };
    case 'Epoch':
      return { kind: Kind.EPOCH, epoch: BigInt(expiration.Epoch) };
    case 'ValidDuring':
    case 'Validity': {
      const v = expiration.$kind === 'ValidDuring' ? expiration.ValidDuring : expiration.Validity;
      const proto: GrpcTypes.TransactionExpiration = {
        kind: expiration.$kind === 'ValidDuring' ? Kind.VALID_DURING : Kind.VALIDITY,
        chain: v.chain,
        nonce: v.nonce,
      };
      if (v.minEpoch !== null) proto.minEpoch = BigInt(v.minEpoch);
      if (v.maxEpoch !== null) proto.epoch = BigInt(v.maxEpoch);
      if (v.minTimestamp !== null) proto.minTimestamp = msToTimestamp(BigInt(v.minTimestamp));
      if (v.maxTimestamp !== null) proto.maxTimestamp = msToTimestamp(BigInt(v.maxTimestamp));
      if (expiration.$kind === 'Validity' && expiration.Validity.allowedProposers) {
        proto.allowedProposers = {
          epoch: BigInt(expiration.Validity.allowedProposers.epoch),
          proposers: [...expiration.Validity.allowedProposers.proposers],
        };
      }
      return proto;
    }
  }
}

function kindToProto(kind: TransactionKindValue): GrpcTypes.TransactionKind {
  const Kind = GrpcTypes.TransactionKind_Kind;
  switch (kind.$kind) {
    case 'ProgrammableTransaction':
      return {
        kind: Kind.PROGRAMMABLE_TRANSACTION,
        data: {
          oneofKind: 'programmableTransaction',
          programmableTransaction: programmableTransactionToProto(kind.ProgrammableTransaction),
        },
      };
    case 'ProgrammableSystemTransaction':
      return {
        kind: Kind.PROGRAMMABLE_SYSTEM_TRANSACTION,
        data: {
          oneofKind: 'programmableTransaction',
          programmableTransaction: programmableTransactionToProto(kind.ProgrammableSystemTransaction),
        },
      };
    case 'Genesis':
      return { kind: Kind.GENESIS, data: { oneofKind: undefined } };
    case 'ChangeEpoch':
      return { kind: Kind.CHANGE_EPOCH, data: { oneofKind: undefined } };
    case 'EndOfEpochTransaction':
      return { kind: Kind.END_OF_EPOCH, data: { oneofKind: undefined } };
    default:
      // System kinds the ledger never produces: name the kind, leave the details out.
      return { kind: Kind.KIND_UNKNOWN, data: { oneofKind: undefined } };
  }
}

/** Parsed `TransactionData` -> structured proto. `transactionBcs` fills `bcs` and `digest` when given. */
export function transactionDataToProto(
  data: TransactionDataValue,
  transactionBcs?: Uint8Array,
): GrpcTypes.Transaction {
  const v1 = data.V1;
  const proto: GrpcTypes.Transaction = {
    version: 1,
    kind: kindToProto(v1.kind),
    sender: v1.sender,
    gasPayment: {
      objects: v1.gasData.payment.map((ref) => ({
        objectId: ref.objectId,
        version: BigInt(ref.version),
        digest: ref.digest,
      })),
      owner: v1.gasData.owner,
      price: BigInt(v1.gasData.price),
      budget: BigInt(v1.gasData.budget),
    },
    expiration: expirationToProto(v1.expiration),
  };
  if (transactionBcs) {
    proto.bcs = bcsValue('TransactionData', transactionBcs);
    proto.digest = transactionDigest(transactionBcs);
  }
  return proto;
}

/** BCS `TransactionData` bytes -> structured proto with `bcs` and `digest` set. */
export function transactionBcsToProto(transactionBcs: Uint8Array): GrpcTypes.Transaction {
  return transactionDataToProto(bcs.TransactionData.parse(transactionBcs), transactionBcs);
}
