/**
 * The checks a transaction passes before it runs (as Sui's `check_transaction_input`, in simulacrum too): well-formed
 * bytes, one valid signature per required signer, expiration, gas price and budget, and every input object and gas
 * coin resolved against the store with its version, digest and ownership. A failed check throws
 * {@link TransactionRejectedError}: the transaction is refused and changes nothing.
 */
import { bcs } from '@mysten/sui/bcs';
import { toBase58 } from '@mysten/sui/utils';
import { isValidTransactionSignature } from '@mysten/sui/verify';
import { objectDigest, saltedDigest } from './digests.js';
import { verifyEd25519TransactionSignature } from './ed25519-verify.js';
import { TransactionRejectedError } from './execution/execution-error.js';
import { GAS, minimumBudget } from './execution/gas.js';
import type { ResolvedInput } from './execution/ptb-executor.js';
import type { LayoutCache } from './move/layouts.js';
import { SUI_COIN_TYPE } from './natives/framework/values.js';
import type { ObjectRecord, Owner } from './types.js';

export type TransactionDataV1 = NonNullable<(typeof bcs.TransactionData)['$inferType']['V1']>;
type ProgrammableTransaction = NonNullable<TransactionDataV1['kind']['ProgrammableTransaction']>;
type CallArg = ProgrammableTransaction['inputs'][number];

/** The digest genesis objects (and the simulation's stand-in gas coin) name as their previous transaction. */
export const GENESIS_DIGEST = toBase58(
  saltedDigest('TransactionData', new TextEncoder().encode('walrus-devkit genesis')),
);

/** Parses `TransactionData` bytes (V1 only). */
export function parseTransactionData(txBytes: Uint8Array): TransactionDataV1 {
  let parsed: (typeof bcs.TransactionData)['$inferType'];
  try {
    parsed = bcs.TransactionData.parse(txBytes);
  } catch (error) {
    throw new TransactionRejectedError(`Malformed transaction bytes: ${(error as Error).message}`);
  }
  if (!parsed.V1) throw new TransactionRejectedError('Unsupported TransactionData version');
  return parsed.V1;
}

/** One signature per required signer (the sender, and the gas owner when another), each verifying over the bytes. */
export async function checkSignatures(
  txBytes: Uint8Array,
  data: TransactionDataV1,
  signatures: string[],
): Promise<void> {
  const required = new Set([data.sender, data.gasData.owner]);
  if (signatures.length !== required.size) {
    throw new TransactionRejectedError(
      `Expected ${required.size} signature(s) (sender${required.size > 1 ? ' and gas owner' : ''}), got ${signatures.length}`,
    );
  }
  for (const signer of required) {
    let valid = false;
    for (const signature of signatures) {
      const verified =
        verifyEd25519TransactionSignature(txBytes, signature, signer) ??
        (await isValidTransactionSignature(txBytes, signature, { address: signer }));
      if (verified) valid = true;
    }
    if (!valid)
      throw new TransactionRejectedError(
        `Invalid signature: no signature from ${signer} verifies over the transaction`,
      );
  }
}

/** The transaction is valid in `epoch` on `chainId`. */
export function checkExpiration(data: TransactionDataV1, epoch: bigint, chainId: string): void {
  const expiration = data.expiration;
  if (expiration.Epoch !== undefined && BigInt(expiration.Epoch) < epoch) {
    throw new TransactionRejectedError(
      `Transaction expired at epoch ${expiration.Epoch}; the current epoch is ${epoch}`,
    );
  }
  const during = expiration.ValidDuring;
  if (!during) return;
  if (during.minEpoch !== null && BigInt(during.minEpoch) > epoch) {
    throw new TransactionRejectedError(
      `Transaction is valid from epoch ${during.minEpoch}; the current epoch is ${epoch}`,
    );
  }
  if (during.maxEpoch !== null && BigInt(during.maxEpoch) < epoch) {
    throw new TransactionRejectedError(
      `Transaction expired at epoch ${during.maxEpoch}; the current epoch is ${epoch}`,
    );
  }
  if (during.chain !== chainId) {
    throw new TransactionRejectedError(`Transaction is for chain ${during.chain}, this ledger is ${chainId}`);
  }
}

/** The gas price is at least the reference price and the budget between the minimum and `max_tx_gas`. */
export function checkGasPriceAndBudget(gasPrice: bigint, gasBudget: bigint, referenceGasPrice: bigint): void {
  if (gasPrice < referenceGasPrice) {
    throw new TransactionRejectedError(
      `Gas price ${gasPrice} is below the reference gas price ${referenceGasPrice}`,
    );
  }
  if (gasBudget < minimumBudget(gasPrice)) {
    throw new TransactionRejectedError(
      `Gas budget ${gasBudget} is lower than the minimum ${minimumBudget(gasPrice)}`,
    );
  }
  if (gasBudget > GAS.maxBudget) {
    throw new TransactionRejectedError(`Gas budget ${gasBudget} is higher than the maximum ${GAS.maxBudget}`);
  }
}

/** An object reference names the object's current version and digest. */
function checkRef(
  record: ObjectRecord,
  ref: { version: string | number | bigint; digest: string },
  where: string,
): void {
  if (BigInt(ref.version) !== record.version) {
    throw new TransactionRejectedError(
      `${where}: object ${record.id} version ${ref.version} is not available for consumption; its current version is ${record.version}`,
      'ABORTED',
    );
  }
  if (ref.digest !== record.digest) {
    throw new TransactionRejectedError(
      `${where}: object ${record.id} digest ${ref.digest} does not match its current digest ${record.digest}`,
    );
  }
}

/** An owned or immutable input object: its reference is current, and the sender owns it (or nobody does). */
function ownedInput(
  record: ObjectRecord,
  ref: { version: string; digest: string },
  index: number,
  sender: string,
) {
  const id = record.id;
  checkRef(record, ref, `Input ${index}`);
  if (record.owner.kind === 'immutable') return { kind: 'object', record, mode: 'immutable' } as const;
  if (record.owner.kind === 'shared') {
    throw new TransactionRejectedError(
      `Input ${index}: object ${id} is shared and must be passed as a shared object`,
    );
  }
  if (record.owner.kind === 'object') {
    throw new TransactionRejectedError(
      `Input ${index}: object ${id} is owned by object ${record.owner.address} and cannot be an input`,
    );
  }
  if (record.owner.address !== sender) {
    throw new TransactionRejectedError(
      `Input ${index}: object ${id} is owned by ${record.owner.address}, not by the sender ${sender}`,
    );
  }
  return { kind: 'object', record, mode: 'owned' } as const;
}

/**
 * Input `index` resolved against the store through `objectAt`: pure bytes, or an object with the mode it is used
 * in. An object may be an input only once (`seen` holds the ids used so far).
 */
export function resolveInput(
  input: CallArg,
  index: number,
  sender: string,
  seen: Set<string>,
  objectAt: (id: string) => ObjectRecord | undefined,
): ResolvedInput {
  if (input.Pure) return { kind: 'pure', bytes: Uint8Array.from(Buffer.from(input.Pure.bytes, 'base64')) };
  const arg = input.Object;
  if (!arg)
    throw new TransactionRejectedError(
      `Input ${index}: ${Object.keys(input)[0]} inputs are not supported (address balances are out of scope)`,
    );
  const ref = arg.ImmOrOwnedObject ?? arg.Receiving;
  const id = ref?.objectId ?? arg.SharedObject!.objectId;
  if (seen.has(id)) throw new TransactionRejectedError(`Object ${id} is used twice as an input`);
  seen.add(id);
  const record = objectAt(id);
  if (!record)
    throw new TransactionRejectedError(
      `Input ${index}: object ${id} does not exist or was deleted`,
      'NOT_FOUND',
    );
  if (arg.Receiving) {
    checkRef(record, arg.Receiving, `Input ${index}`);
    if (record.owner.kind !== 'address') {
      throw new TransactionRejectedError(
        `Input ${index}: object ${id} is not owned by an address or object id, so it cannot be received`,
      );
    }
    // Whether its owner is the parent object the transaction receives it into is checked at execution.
    return { kind: 'object', record, mode: 'receiving' };
  }
  if (ref) return ownedInput(record, ref, index, sender);
  const shared = arg.SharedObject!;
  if (record.owner.kind !== 'shared')
    throw new TransactionRejectedError(`Input ${index}: object ${id} is not shared`);
  if (BigInt(shared.initialSharedVersion) !== record.owner.initialSharedVersion) {
    throw new TransactionRejectedError(
      `Input ${index}: shared object ${id} has initial shared version ${record.owner.initialSharedVersion}, not ${shared.initialSharedVersion}`,
    );
  }
  return { kind: 'object', record, mode: shared.mutable ? 'shared-mut' : 'shared-imm' };
}

/** A simulation's stand-in gas coin for `owner`: never stored, holding more than any budget or tx.gas split needs. */
function standInGasCoin(layouts: LayoutCache, owner: string): ObjectRecord {
  const id = `0x${'0'.repeat(63)}0`;
  const contents = layouts.encode(SUI_COIN_TYPE, {
    id: { id: { bytes: id } },
    balance: { value: 1n << 62n },
  });
  const base = {
    id,
    version: 0n,
    owner: { kind: 'address', address: owner } as Owner,
    type: SUI_COIN_TYPE,
    contents,
    hasPublicTransfer: true,
    previousTransaction: GENESIS_DIGEST,
    storageRebate: 0n,
  };
  return { ...base, digest: objectDigest(base) };
}

/** Where {@link resolveGas} reads coins from. */
export interface GasContext {
  layouts: LayoutCache;
  /** The committed object with this id. */
  object: (id: string) => ObjectRecord | undefined;
  /** Ids already used as inputs (gas coins are added). */
  seen: Set<string>;
  /** A simulation without payment gets a stand-in coin. */
  simulate: boolean;
}

/**
 * The gas payment checked (current SUI coins of the gas owner, holding at least the budget) and smashed into its
 * first coin; the others are deleted by the transaction (`extraDeleted`).
 */
export function resolveGas(
  data: TransactionDataV1,
  budget: bigint,
  { layouts, object, seen, simulate }: GasContext,
): { gasCoin: ObjectRecord; extraDeleted: ObjectRecord[] } {
  const payment = data.gasData.payment;
  if (payment.length === 0) {
    if (!simulate) throw new TransactionRejectedError('The transaction has no gas payment');
    return { gasCoin: standInGasCoin(layouts, data.gasData.owner), extraDeleted: [] };
  }
  const coins = payment.map((ref) => {
    const record = object(ref.objectId);
    if (!record) throw new TransactionRejectedError(`Gas object ${ref.objectId} does not exist`, 'NOT_FOUND');
    if (seen.has(record.id))
      throw new TransactionRejectedError(`Gas object ${record.id} is also used as an input`);
    seen.add(record.id);
    checkRef(record, ref, 'Gas payment');
    if (record.type !== SUI_COIN_TYPE)
      throw new TransactionRejectedError(`Gas object ${record.id} is not a SUI coin`);
    if (record.owner.kind !== 'address' || record.owner.address !== data.gasData.owner) {
      throw new TransactionRejectedError(
        `Gas object ${record.id} is not owned by the gas owner ${data.gasData.owner}`,
      );
    }
    return record;
  });
  const balanceOf = (r: ObjectRecord) =>
    (layouts.decode(r.type, r.contents) as { balance: { value: bigint } }).balance.value;
  const total = coins.reduce((sum, c) => sum + balanceOf(c), 0n);
  if (total < budget) {
    throw new TransactionRejectedError(
      `Insufficient gas: the gas coins hold ${total} MIST but the budget is ${budget}`,
    );
  }
  const [first, ...rest] = coins;
  if (rest.length === 0) return { gasCoin: first!, extraDeleted: [] };
  // Smash the gas coins into the first one; the others are deleted.
  const value = layouts.decode(first!.type, first!.contents) as { balance: { value: bigint } };
  value.balance.value = total;
  return { gasCoin: { ...first!, contents: layouts.encode(first!.type, value) }, extraDeleted: rest };
}
