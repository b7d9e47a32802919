/**
 * Shared helpers for the record <-> `sui.rpc.v2` conversions: owners, type strings, timestamps and the
 * salted Blake2b digests Sui uses for its BCS-serialized values.
 */

import { toBase58 } from '@mysten/bcs';
import { type bcs, TypeTagSerializer } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { blake2b } from '@noble/hashes/blake2.js';
import type { Owner } from '../../core/types.js';

/** `typeof bcs.X.$inferType` / `$inferInput` shorthands for the SDK codecs used here. */
export type BcsOwnerInput = typeof bcs.Owner.$inferInput;
export type BcsOwner = typeof bcs.Owner.$inferType;
export type BcsStructTag = typeof bcs.StructTag.$inferInput;

/**
 * Blake2b-256 of `"<typeName>::" || bytes`, the digest Sui computes for every BCS value it hashes
 * (`TransactionData::`, `TransactionEffects::`, `TransactionEvents::`, `Object::`, ...).
 */
export function typedDigestBytes(typeName: string, bytes: Uint8Array): Uint8Array {
  const salt = new TextEncoder().encode(`${typeName}::`);
  const data = new Uint8Array(salt.length + bytes.length);
  data.set(salt);
  data.set(bytes, salt.length);
  return blake2b(data, { dkLen: 32 });
}

/** {@link typedDigestBytes}, base58-encoded as Sui prints digests. */
export function typedDigest(typeName: string, bytes: Uint8Array): string {
  return toBase58(typedDigestBytes(typeName, bytes));
}

/** Core owner -> `sui.rpc.v2.Owner`. */
export function ownerToProto(owner: Owner): GrpcTypes.Owner {
  switch (owner.kind) {
    case 'address':
      return { kind: GrpcTypes.Owner_OwnerKind.ADDRESS, address: normalizeSuiAddress(owner.address) };
    case 'object':
      return { kind: GrpcTypes.Owner_OwnerKind.OBJECT, address: normalizeSuiAddress(owner.address) };
    case 'shared':
      return { kind: GrpcTypes.Owner_OwnerKind.SHARED, version: owner.initialSharedVersion };
    case 'immutable':
      return { kind: GrpcTypes.Owner_OwnerKind.IMMUTABLE };
  }
}

/** Core owner -> the SDK's BCS `Owner` enum value. */
export function ownerToBcs(owner: Owner): BcsOwnerInput {
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

/** The SDK's parsed BCS `Owner` -> core owner. `ConsensusAddressOwner` has no core equivalent. */
export function ownerFromBcs(owner: BcsOwner): Owner {
  switch (owner.$kind) {
    case 'AddressOwner':
      return { kind: 'address', address: owner.AddressOwner };
    case 'ObjectOwner':
      return { kind: 'object', address: owner.ObjectOwner };
    case 'Shared':
      return { kind: 'shared', initialSharedVersion: BigInt(owner.Shared.initialSharedVersion) };
    case 'Immutable':
      return { kind: 'immutable' };
    default:
      throw new Error(`Owner kind ${owner.$kind} is not supported by the ledger core`);
  }
}

/**
 * Canonical string form of a Move type, as Sui's Rust `TypeTag`/`StructTag` `Display` prints it and the
 * gRPC service returns it: addresses in full 64-hex form, type parameters separated by `", "`.
 */
export function typeToString(type: string): string {
  return TypeTagSerializer.tagToString(TypeTagSerializer.parseFromStr(type, true));
}

/** Parses a Move struct type into the SDK's BCS `StructTag` value. */
export function structTagFromString(type: string): BcsStructTag {
  const tag = TypeTagSerializer.parseFromStr(type, true);
  if (!('struct' in tag)) throw new Error(`Expected a Move struct type, got ${type}`);
  return tag.struct;
}

/** Milliseconds since the Unix epoch -> `google.protobuf.Timestamp`. */
export function msToTimestamp(ms: bigint): { seconds: bigint; nanos: number } {
  return { seconds: ms / 1000n, nanos: Number(ms % 1000n) * 1_000_000 };
}

/** `google.protobuf.Timestamp` -> milliseconds since the Unix epoch (sub-millisecond precision dropped). */
export function timestampToMs(ts: { seconds: bigint; nanos: number }): bigint {
  return ts.seconds * 1000n + BigInt(Math.floor(ts.nanos / 1_000_000));
}

export function bcsValue(name: string, value: Uint8Array): GrpcTypes.Bcs {
  return { name, value };
}
