/**
 * ObjectRecord -> `sui.rpc.v2.Object`, plus the object's BCS (`ObjectInner`, which the SDK exports as
 * `bcs.Object`) and its digest.
 *
 * Sui's object digest is `Blake2b256("Object::" || bcs(ObjectInner))`: the Rust `ObjectInner` struct is
 * serde-renamed to `Object`, and `sui-sdk-types` hashes it with the salt `"Object::"`. The object's id is
 * not serialized separately; it is the first 32 bytes (the UID) of the Move struct contents.
 */

import { bcs, TypeTagSerializer } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import type { ObjectRecord, PackageRecord } from '../../core/types.js';
import { bcsValue, ownerToBcs, ownerToProto, typedDigest, typeToString } from './common.js';

const SUI_FRAMEWORK = '0x0000000000000000000000000000000000000000000000000000000000000002';
const SUI_SYSTEM = '0x0000000000000000000000000000000000000000000000000000000000000003';

/** The fields of an object that its BCS (and therefore its digest) covers. */
export type ObjectDigestInput = Pick<
  ObjectRecord,
  'version' | 'owner' | 'type' | 'contents' | 'hasPublicTransfer' | 'previousTransaction' | 'storageRebate'
>;

type MoveObjectTypeInput = typeof bcs.MoveObjectType.$inferInput;

/**
 * Sui's compact `MoveObjectType` for a struct type: `Coin<0x2::sui::SUI>` is `GasCoin`,
 * `0x3::staking_pool::StakedSui` is `StakedSui`, any other `0x2::coin::Coin<T>` is `Coin(T)`, everything
 * else is `Other(StructTag)`. (`AccumulatorBalanceWrapper` is not produced: the ledger has no address
 * balances.)
 */
export function moveObjectType(type: string): MoveObjectTypeInput {
  const tag = TypeTagSerializer.parseFromStr(type, true);
  if (!('struct' in tag)) throw new Error(`Object type must be a Move struct, got ${type}`);
  const s = tag.struct;
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

/** The object as the SDK's `bcs.Object` (`ObjectInner`) value. */
export function objectInner(record: ObjectDigestInput): typeof bcs.Object.$inferInput {
  return {
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
  };
}

/** BCS bytes of the whole object (`ObjectInner`), as gRPC's `Object.bcs` carries them. */
export function objectInnerBcs(record: ObjectDigestInput): Uint8Array {
  return bcs.Object.serialize(objectInner(record)).toBytes();
}

/** Base58 object digest: `Blake2b256("Object::" || bcs(ObjectInner))`. */
export function objectDigest(record: ObjectDigestInput): string {
  return typedDigest('Object', objectInnerBcs(record));
}

/** `Some(balance)` when the object is a `0x2::coin::Coin<T>` whose contents hold `{ id, balance: u64 }`. */
export function coinBalance(record: Pick<ObjectRecord, 'type' | 'contents'>): bigint | undefined {
  const kind = moveObjectType(record.type);
  if (!('GasCoin' in kind) && !('Coin' in kind)) return undefined;
  if (record.contents.length < 40) return undefined;
  return new DataView(record.contents.buffer, record.contents.byteOffset + 32, 8).getBigUint64(0, true);
}

/**
 * ObjectRecord -> `sui.rpc.v2.Object` with every field the SDK's gRPC core client can ask for
 * (`object_id`, `version`, `digest`, `owner`, `object_type`, `contents`, `bcs`, `previous_transaction`,
 * `storage_rebate`, plus `balance` for coins, which `listCoins` reads). `json` and `display` are omitted;
 * the RPC layer applies read masks.
 */
export function objectToProto(record: ObjectRecord): GrpcTypes.Object {
  const objectType = typeToString(record.type);
  const proto: GrpcTypes.Object = {
    objectId: record.id,
    version: record.version,
    digest: record.digest,
    owner: ownerToProto(record.owner),
    objectType,
    hasPublicTransfer: record.hasPublicTransfer,
    contents: bcsValue(objectType, record.contents),
    bcs: bcsValue('Object', objectInnerBcs(record)),
    previousTransaction: record.previousTransaction,
    storageRebate: record.storageRebate,
  };
  const balance = coinBalance(record);
  if (balance !== undefined) proto.balance = balance;
  return proto;
}

/**
 * PackageRecord -> `sui.rpc.v2.Object` (`object_type` = `package`, immutable). The core keeps no module
 * bytecode, so neither `bcs` nor `package` is filled.
 */
export function packageToProto(record: PackageRecord): GrpcTypes.Object {
  return {
    objectId: record.id,
    version: record.version,
    digest: record.digest,
    owner: { kind: GrpcTypes.Owner_OwnerKind.IMMUTABLE },
    objectType: 'package',
    previousTransaction: record.previousTransaction,
    storageRebate: 0n,
  };
}
