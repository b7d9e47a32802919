/**
 * Natives of `walrus::system`: the shared `System` object, the entry point for storage and blobs. Its
 * state is the `SystemStateInnerV1` kept as a dynamic field under the key `version` (a `u64`), exactly
 * as on Sui, so the SDK finds it at `deriveDynamicFieldID(systemId, 'u64', bcs.u64(version))`.
 *
 * The TypeScript twins take the context first and the decoded values as the executor produces them
 * (`&mut` arguments are mutated in place), and return what Move returns.
 */
import type { IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  MOVE_CONSTANTS,
  type SystemStateInnerV1Value,
  type SystemValue,
} from '../../generated/move-types.js';
import { addField, assertField, borrowField, type FieldSlot, fieldSlot } from '../support/fields.js';
import { effect, implement, returning, through } from '../support/implement.js';
import { abort, newUid, T, walrusType } from '../support/natives-kit.js';
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

/** The inner state, live (Move's `inner` and `inner_mut`). Aborts with `EWrongVersion`. */
export function inner(ctx: NativeContext, self: SystemValue): SystemStateInnerV1Value {
  if (self.version !== VERSION) abort(ctx, 'system', 'inner', 'EWrongVersion');
  const slot = innerField(ctx, self);
  assertField(ctx, slot, 'borrow');
  return borrowField(ctx, slot);
}

/** A `system` twin that forwards to its `system_state_inner` twin on the inner state. */
const onInner = through(inner);

// === Storage and blobs ===

/**
 * Buys `storageAmount` bytes for `epochsAhead` epochs starting now; the cost,
 * `ceil(storageAmount / 1 MiB) * storage price * epochsAhead`, is split off `payment`.
 */
export const reserveSpace = onInner(inner_.reserveSpace);

/**
 * Registers a blob on `storage` (which must cover the current epoch and the encoded size); the write
 * cost, `ceil(encoded size / 1 MiB) * write price`, is split off `writePayment`.
 */
export const registerBlob = onInner(inner_.registerBlob);

/** Certifies `blob` with a quorum certificate of the current committee over `message`. */
export const certifyBlob = onInner(inner_.certifyBlob);

/** Deletes a deletable blob and returns its storage. */
export const deleteBlob = onInner(inner_.deleteBlob);

/** Extends a certified blob by `extendedEpochs` epochs, paying the storage cost from `payment`. */
export const extendBlob = onInner(inner_.extendBlob);

/** Extends a certified blob with a reservation of the same size starting where its storage ends. */
export const extendBlobWithResource = onInner(inner_.extendBlobWithResource);

/** Marks a blob id invalid, given a certificate of at least one correct node; returns the id. */
export const invalidateBlobId = onInner(inner_.invalidateBlobId);

// === Views ===

/** The current Walrus epoch (the committee's). */
export const epoch = onInner(inner_.epoch);

// === Package ===

/**
 * Moves the system to the next epoch (`newCommittee.epoch` must be the current epoch + 1) with the
 * capacity and prices of `params`; returns the finished epoch's rewards by node id (member order).
 */
export const advanceEpoch = onInner(inner_.advanceEpoch);

/** Takes the share of the current epoch's rewards that is burned at the epoch change (3%). */
export const extractBurnBalance = onInner(inner_.extractBurnBalance);

/** The current committee (live; Move returns `&BlsCommittee`). */
export const committee = onInner(inner_.committee);

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
  n_shards: returning(onInner(inner_.nShards)),
  total_capacity_size: returning(onInner((_ctx, state) => state.total_capacity_size)),
  used_capacity_size: returning(onInner((_ctx, state) => state.used_capacity_size)),
  storage_price_per_unit_size: returning(onInner((_ctx, state) => state.storage_price_per_unit_size)),
  write_price_per_unit_size: returning(onInner((_ctx, state) => state.write_price_per_unit_size)),
});
