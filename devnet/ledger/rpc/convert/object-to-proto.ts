/**
 * ObjectRecord -> `sui.rpc.v2.Object`. The object's BCS (`ObjectInner`) and digest come from the ledger
 * core (`objectBcs`, `objectDigest` in `core/digests.ts`).
 */

import { GrpcTypes } from '@mysten/sui/grpc';
import { moveObjectType, objectBcs } from '../../core/digests.js';
import type { LayoutCache } from '../../core/move/layouts.js';
import { moveJson } from '../../core/move/move-json.js';
import type { ObjectRecord, PackageRecord } from '../../core/types.js';
import { bcsValue, ownerToProto, typeToString } from './common.js';
import { jsonToProtoValue } from './json-to-proto.js';

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
 * `storage_rebate`, plus `balance` for coins, which `listCoins` reads). `json` (the contents rendered as Sui's
 * RPC renders Move values) only when `json` layouts are given, i.e. when the read mask asks for it, since it
 * decodes the whole object; `display` is omitted.
 */
export function objectToProto(record: ObjectRecord, json?: LayoutCache): GrpcTypes.Object {
  const objectType = typeToString(record.type);
  const proto: GrpcTypes.Object = {
    objectId: record.id,
    version: record.version,
    digest: record.digest,
    owner: ownerToProto(record.owner),
    objectType,
    hasPublicTransfer: record.hasPublicTransfer,
    contents: bcsValue(objectType, record.contents),
    bcs: bcsValue('Object', objectBcs(record)),
    previousTransaction: record.previousTransaction,
    storageRebate: record.storageRebate,
  };
  const balance = coinBalance(record);
  if (balance !== undefined) proto.balance = balance;
  if (json) proto.json = jsonToProtoValue(moveJson(json, record.type, record.contents));
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
