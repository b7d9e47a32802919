/**
 * Natives of `walrus::system`: the shared `System` object, the entry point for storage and blobs. Its
 * state is the `SystemStateInnerV1` kept as a dynamic field under the key `version` (a `u64`), exactly
 * as on Sui, so the SDK finds it at `deriveDynamicFieldID(systemId, 'u64', bcs.u64(version))`.
 *
 * The TypeScript twins take the context first and the decoded values as the executor produces them
 * (`&mut` arguments are mutated in place), and return what Move returns.
 */
import type { BalanceValue, CoinValue, IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  type BlobValue,
  type BlsCommitteeValue,
  type EpochParamsValue,
  MOVE_CONSTANTS,
  type StorageValue,
  type SystemStateInnerV1Value,
  type SystemValue,
} from '../../generated/move-types.js';
import { addField, assertField, borrowField, type FieldSlot, fieldSlot } from '../support/fields.js';
import { effect, implement, returning } from '../support/implement.js';
import { abort, newUid, T, walrusType } from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';
import * as inner_ from './system_state_inner.js';

/** The version of the inner state this package reads and writes (the key of its dynamic field). */
export const VERSION = MOVE_CONSTANTS.system.VERSION;

/** Where the inner state of `system` lives: its field id and `Field<u64, SystemStateInnerV1>` type. */
export function innerField(ctx: NativeContext, system: SystemValue): FieldSlot {
  const innerType = walrusType(ctx, 'system_state_inner', 'SystemStateInnerV1');
  return fieldSlot(ctx, system.id.id.bytes, T.u64, VERSION, innerType);
}

/** Creates and shares the system object with an empty epoch-0 state; returns nothing, as in Move. */
export function createEmpty(ctx: NativeContext, maxEpochsAhead: number, packageId: IdValue): void {
  const system: SystemValue = {
    id: newUid(ctx),
    version: VERSION,
    package_id: { bytes: packageId.bytes },
    new_package_id: { vec: [] },
  };
  const state = inner_.createEmpty(ctx, maxEpochsAhead);
  addField(ctx, innerField(ctx, system), VERSION, state);
  ctx.transfer(walrusType(ctx, 'system', 'System'), system, { kind: 'shared', initialSharedVersion: 0n });
}

/** The inner state (live; do not mutate through a `&System`). Aborts with `EWrongVersion`. */
export function inner(ctx: NativeContext, self: SystemValue): SystemStateInnerV1Value {
  if (self.version !== VERSION) abort(ctx, 'system', 'inner', 'EWrongVersion');
  const slot = innerField(ctx, self);
  assertField(ctx, slot, 'borrow');
  return borrowField(ctx, slot);
}

/** The inner state, live: mutate it in place. Aborts with `EWrongVersion`. */
export function innerMut(ctx: NativeContext, self: SystemValue): SystemStateInnerV1Value {
  return inner(ctx, self);
}

// === Storage and blobs ===

/**
 * Buys `storageAmount` bytes for `epochsAhead` epochs starting now; the cost,
 * `ceil(storageAmount / 1 MiB) * storage price * epochsAhead`, is split off `payment`.
 */
export function reserveSpace(
  ctx: NativeContext,
  self: SystemValue,
  storageAmount: bigint,
  epochsAhead: number,
  payment: CoinValue,
): StorageValue {
  return inner_.reserveSpace(ctx, innerMut(ctx, self), storageAmount, epochsAhead, payment);
}

/**
 * Registers a blob on `storage` (which must cover the current epoch and the encoded size); the write
 * cost, `ceil(encoded size / 1 MiB) * write price`, is split off `writePayment`.
 */
export function registerBlob(
  ctx: NativeContext,
  self: SystemValue,
  storage: StorageValue,
  blobId: bigint,
  rootHash: bigint,
  size: bigint,
  encodingType: number,
  deletable: boolean,
  writePayment: CoinValue,
): BlobValue {
  return inner_.registerBlob(
    ctx,
    innerMut(ctx, self),
    storage,
    blobId,
    rootHash,
    size,
    encodingType,
    deletable,
    writePayment,
  );
}

/** Certifies `blob` with a quorum certificate of the current committee over `message`. */
export function certifyBlob(
  ctx: NativeContext,
  self: SystemValue,
  blob: BlobValue,
  signature: Uint8Array,
  signersBitmap: Uint8Array,
  message: Uint8Array,
): void {
  inner_.certifyBlob(ctx, inner(ctx, self), blob, signature, signersBitmap, message);
}

/** Deletes a deletable blob and returns its storage. */
export function deleteBlob(ctx: NativeContext, self: SystemValue, blob: BlobValue): StorageValue {
  return inner_.deleteBlob(ctx, inner(ctx, self), blob);
}

/** Extends a certified blob by `extendedEpochs` epochs, paying the storage cost from `payment`. */
export function extendBlob(
  ctx: NativeContext,
  self: SystemValue,
  blob: BlobValue,
  extendedEpochs: number,
  payment: CoinValue,
): void {
  inner_.extendBlob(ctx, innerMut(ctx, self), blob, extendedEpochs, payment);
}

/** Extends a certified blob with a reservation of the same size starting where its storage ends. */
export function extendBlobWithResource(
  ctx: NativeContext,
  self: SystemValue,
  blob: BlobValue,
  extension: StorageValue,
): void {
  inner_.extendBlobWithResource(ctx, inner(ctx, self), blob, extension);
}

/** Marks a blob id invalid, given a certificate of at least one correct node; returns the id. */
export function invalidateBlobId(
  ctx: NativeContext,
  self: SystemValue,
  signature: Uint8Array,
  membersBitmap: Uint8Array,
  message: Uint8Array,
): bigint {
  return inner_.invalidateBlobId(ctx, inner(ctx, self), signature, membersBitmap, message);
}

// === Views ===

/** The current Walrus epoch (the committee's). */
export function epoch(ctx: NativeContext, self: SystemValue): number {
  return inner_.epoch(ctx, inner(ctx, self));
}

/**
 * The native of a `system` view that Move answers from the inner state: `view` applied to it
 * (`public fun n_shards(self: &System): u16 { self.inner().n_shards() }`).
 */
function onInner<R>(
  view: (ctx: NativeContext, inner: SystemStateInnerV1Value) => R,
): (ctx: NativeContext, args: [SystemValue, ...unknown[]]) => [R] {
  return (ctx, [self]) => [view(ctx, inner(ctx, self))];
}

// === Package ===

/**
 * Moves the system to the next epoch (`newCommittee.epoch` must be the current epoch + 1) with the
 * capacity and prices of `params`; returns the finished epoch's rewards by node id (member order).
 */
export function advanceEpoch(
  ctx: NativeContext,
  self: SystemValue,
  newCommittee: BlsCommitteeValue,
  params: EpochParamsValue,
): VecMapValue<IdValue, BalanceValue> {
  return inner_.advanceEpoch(ctx, innerMut(ctx, self), newCommittee, params);
}

/** Takes the share of the current epoch's rewards that is burned at the epoch change (3%). */
export function extractBurnBalance(ctx: NativeContext, self: SystemValue): BalanceValue {
  return inner_.extractBurnBalance(ctx, innerMut(ctx, self));
}

/** The current committee (live; Move returns `&BlsCommittee`). */
export function committee(ctx: NativeContext, self: SystemValue): BlsCommitteeValue {
  return inner_.committee(ctx, inner(ctx, self));
}

/** The package clients send their calls to. */
export function packageId(_ctx: NativeContext, self: SystemValue): IdValue {
  return { bytes: self.package_id.bytes };
}

/** The version (key of the inner state's dynamic field). */
export function version(_ctx: NativeContext, self: SystemValue): bigint {
  return self.version;
}

/** The natives of `walrus::system`: buying storage, the blob lifecycle and the System's views. */
export const systemNatives = implement('system', {
  reserve_space: returning(reserveSpace),
  register_blob: returning(registerBlob),
  certify_blob: effect(certifyBlob),
  delete_blob: returning(deleteBlob),
  extend_blob: effect(extendBlob),
  extend_blob_with_resource: effect(extendBlobWithResource),
  invalidate_blob_id: returning(invalidateBlobId),
  epoch: returning(epoch),
  n_shards: onInner(inner_.nShards),
  total_capacity_size: onInner((_ctx, state) => state.total_capacity_size),
  used_capacity_size: onInner((_ctx, state) => state.used_capacity_size),
  storage_price_per_unit_size: onInner((_ctx, state) => state.storage_price_per_unit_size),
  write_price_per_unit_size: onInner((_ctx, state) => state.write_price_per_unit_size),
});
