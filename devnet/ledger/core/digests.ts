import { blake2b } from '@noble/hashes/blake2.js';
import { bcs, TypeTagSerializer } from '@mysten/sui/bcs';
import { fromBase58, toBase58 } from '@mysten/sui/utils';
import type { EventRecord, ObjectRecord, Owner } from './types.js';

/**
 * Hash of a BCS value the way Sui hashes its signable types: Blake2b-256 over `Name::` ‖ BCS bytes.
 * @example saltedDigest('TransactionData', bytes)
 */
export function saltedDigest(typeName: string, bytes: Uint8Array): Uint8Array {
  const hash = blake2b.create({ dkLen: 32 });
  hash.update(new TextEncoder().encode(`${typeName}::`));
  hash.update(bytes);
  return hash.digest();
}

/** Base58 transaction digest of BCS `TransactionData`. */
export function transactionDigest(txBytes: Uint8Array): string {
  return toBase58(saltedDigest('TransactionData', txBytes));
}

/** The object id Sui assigns to the `index`-th object created by a transaction. */
export function deriveObjectId(txDigest: string, index: bigint): string {
  const hash = blake2b.create({ dkLen: 32 });
  hash.update(new Uint8Array([0xf1])); // HashingIntentScope::RegularObjectId
  hash.update(fromBase58(txDigest));
  hash.update(bcs.u64().serialize(index).toBytes());
  return `0x${Buffer.from(hash.digest()).toString('hex')}`;
}

/** BCS `Owner` value for the SDK codec. */
export function ownerToBcs(owner: Owner) {
  switch (owner.kind) {
    case 'address':
      return { AddressOwner: owner.address };
    case 'object':
      return { ObjectOwner: owner.address };
    case 'shared':
      return { Shared: { initialSharedVersion: owner.initialSharedVersion } };
    case 'immutable':
      return { Immutable: true };
  }
}

/** `MoveObjectType` for the SDK codec: SUI coins are `GasCoin`, other coins `Coin(T)`, else `Other`. */
function moveObjectType(type: string) {
  const coinPrefix = '0x0000000000000000000000000000000000000000000000000000000000000002::coin::Coin<';
  if (type === `${coinPrefix}0x0000000000000000000000000000000000000000000000000000000000000002::sui::SUI>`) {
    return { GasCoin: true };
  }
  if (type.startsWith(coinPrefix)) return { Coin: type.slice(coinPrefix.length, -1) };
  return { Other: (TypeTagSerializer.parseFromStr(type, true) as { struct: unknown }).struct };
}

/** BCS of the whole object (`ObjectInner`) as Sui stores and hashes it. */
export function objectBcs(record: Omit<ObjectRecord, 'digest'>): Uint8Array {
  return bcs.Object.serialize({
    data: {
      Move: {
        type: moveObjectType(record.type) as never,
        hasPublicTransfer: record.hasPublicTransfer,
        version: record.version,
        contents: record.contents,
      },
    },
    owner: ownerToBcs(record.owner),
    previousTransaction: record.previousTransaction,
    storageRebate: record.storageRebate,
  }).toBytes();
}

/** Base58 object digest. */
export function objectDigest(record: Omit<ObjectRecord, 'digest'>): string {
  return toBase58(saltedDigest('Object', objectBcs(record)));
}

const EventBcs = bcs.struct('Event', {
  packageId: bcs.Address,
  transactionModule: bcs.string(),
  sender: bcs.Address,
  type: bcs.StructTag,
  contents: bcs.byteVector(),
});

/** Base58 digest of a transaction's events (`TransactionEvents`). */
export function eventsDigest(events: EventRecord[]): string {
  const bytes = bcs
    .vector(EventBcs)
    .serialize(
      events.map((e) => ({
        packageId: e.packageId,
        transactionModule: e.module,
        sender: e.sender,
        type: (TypeTagSerializer.parseFromStr(e.type, true) as { struct: never }).struct,
        contents: e.contents,
      })),
    )
    .toBytes();
  return toBase58(saltedDigest('TransactionEvents', bytes));
}
