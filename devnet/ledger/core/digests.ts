/**
 * The BCS values and salted Blake2b digests Sui derives from transactions, objects and events. The one
 * implementation the ledger core and the RPC conversions share.
 */

import { bcs, TypeTagSerializer } from '@mysten/sui/bcs';
import { fromBase58, toBase58 } from '@mysten/sui/utils';
import { blake2b } from '@noble/hashes/blake2.js';
import { SUI_FRAMEWORK } from './natives/framework/values.js';
import type { EventRecord, ObjectRecord, Owner } from './types.js';

const SUI_SYSTEM = '0x0000000000000000000000000000000000000000000000000000000000000003';

// ---------------------------------------------------------------------------------------------------------
// Salted digests
// ---------------------------------------------------------------------------------------------------------

/**
 * Hash of a BCS value the way Sui hashes its signable types: Blake2b-256 over `Name::` ‖ BCS bytes
 * (`TransactionData::`, `TransactionEffects::`, `TransactionEvents::`, `Object::`, ...).
 * @example saltedDigest('TransactionData', bytes)
 */
export function saltedDigest(typeName: string, bytes: Uint8Array): Uint8Array {
  const hash = blake2b.create({ dkLen: 32 });
  hash.update(new TextEncoder().encode(`${typeName}::`));
  hash.update(bytes);
  return hash.digest();
}

/** {@link saltedDigest}, base58-encoded as Sui prints digests. */
export function saltedDigestBase58(typeName: string, bytes: Uint8Array): string {
  return toBase58(saltedDigest(typeName, bytes));
}

/** Base58 transaction digest: `Blake2b256("TransactionData::" || bcs(TransactionData))`. */
export function transactionDigest(txBytes: Uint8Array): string {
  return saltedDigestBase58('TransactionData', txBytes);
}

/** The object id Sui assigns to the `index`-th object created by a transaction. */
export function deriveObjectId(txDigest: string, index: bigint): string {
  const hash = blake2b.create({ dkLen: 32 });
  hash.update(new Uint8Array([0xf1])); // HashingIntentScope::RegularObjectId
  hash.update(fromBase58(txDigest));
  hash.update(bcs.u64().serialize(index).toBytes());
  return `0x${Buffer.from(hash.digest()).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Owners and types
// ---------------------------------------------------------------------------------------------------------

/** Core owner -> the SDK's BCS `Owner` enum value. */
export function ownerToBcs(owner: Owner): typeof bcs.Owner.$inferInput {
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

/** Parses a Move struct type into the SDK's `StructTag` value (a valid BCS `StructTag` input). */
export function structTagFromString(type: string) {
  const tag = TypeTagSerializer.parseFromStr(type, true);
  if (!('struct' in tag)) throw new Error(`Expected a Move struct type, got ${type}`);
  return tag.struct;
}

/**
 * Sui's compact `MoveObjectType` for a struct type: `Coin<0x2::sui::SUI>` is `GasCoin`,
 * `0x3::staking_pool::StakedSui` is `StakedSui`, any other `0x2::coin::Coin<T>` is `Coin(T)`, everything
 * else is `Other(StructTag)`. (`AccumulatorBalanceWrapper` is not produced: the ledger has no address
 * balances.)
 */
export function moveObjectType(type: string): typeof bcs.MoveObjectType.$inferInput {
  const s = structTagFromString(type);
  if (s.address === SUI_FRAMEWORK && s.module === 'coin' && s.name === 'Coin' && s.typeParams.length === 1) {
    const param = s.typeParams[0]!;
    if (
      'struct' in param &&
      param.struct.address === SUI_FRAMEWORK &&
      param.struct.module === 'sui' &&
      param.struct.name === 'SUI' &&
      param.struct.typeParams.length === 0
    ) {
      return { GasCoin: true };
    }
    return { Coin: param };
  }
  if (
    s.address === SUI_SYSTEM &&
    s.module === 'staking_pool' &&
    s.name === 'StakedSui' &&
    !s.typeParams.length
  ) {
    return { StakedSui: true };
  }
  return { Other: s };
}

// ---------------------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------------------

/**
 * The fields of an object that its BCS (and therefore its digest) covers. The object's id is not
 * serialized separately; it is the first 32 bytes (the UID) of the Move struct contents.
 */
export type ObjectDigestInput = Pick<
  ObjectRecord,
  'version' | 'owner' | 'type' | 'contents' | 'hasPublicTransfer' | 'previousTransaction' | 'storageRebate'
>;

/**
 * BCS of the whole object (`ObjectInner`, which the SDK exports as `bcs.Object`) as Sui stores and hashes
 * it, and as gRPC's `Object.bcs` carries it.
 */
export function objectBcs(record: ObjectDigestInput): Uint8Array {
  return bcs.Object.serialize({
    data: {
      Move: {
        type: moveObjectType(record.type),
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

/**
 * Base58 object digest: `Blake2b256("Object::" || bcs(ObjectInner))` (the Rust `ObjectInner` struct is
 * serde-renamed to `Object`, hence the salt).
 */
export function objectDigest(record: ObjectDigestInput): string {
  return saltedDigestBase58('Object', objectBcs(record));
}

// ---------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------

/** Sui's `Event`: `package_id, transaction_module, sender, type_ (StructTag), contents`. */
const EventBcs = bcs.struct('Event', {
  packageId: bcs.Address,
  transactionModule: bcs.string(),
  sender: bcs.Address,
  type: bcs.StructTag,
  contents: bcs.byteVector(),
});

/** Sui's `TransactionEvents(Vec<Event>)`. */
const TransactionEventsBcs = bcs.vector(EventBcs);

/** BCS `TransactionEvents` of a transaction's events. */
export function eventsBcs(events: readonly EventRecord[]): Uint8Array {
  return TransactionEventsBcs.serialize(
    events.map((e) => ({
      packageId: e.packageId,
      transactionModule: e.module,
      sender: e.sender,
      type: structTagFromString(e.type),
      contents: e.contents,
    })),
  ).toBytes();
}

/** Base58 events digest: `Blake2b256("TransactionEvents::" || bcs(TransactionEvents))`. */
export function eventsDigest(events: readonly EventRecord[]): string {
  return saltedDigestBase58('TransactionEvents', eventsBcs(events));
}
