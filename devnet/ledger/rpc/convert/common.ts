/**
 * Shared helpers for the record <-> `sui.rpc.v2` conversions: owners, type strings and timestamps. The BCS
 * values and salted digests Sui derives (owner BCS, object/effects/events BCS and digests) live in the
 * ledger core (`core/digests.ts`, `core/effects-bcs.ts`).
 */

import { type bcs, TypeTagSerializer } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { Owner } from '../../core/types.js';

/** The SDK's parsed BCS `Owner` value. */
export type BcsOwner = typeof bcs.Owner.$inferType;

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
