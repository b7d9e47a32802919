/**
 * Natives of `walrus::storage_resource`: storage reservations of `storage_size` bytes for the epochs
 * `[start_epoch, end_epoch)`, bought with `system::reserve_space`, held by blobs, split and fused
 * like coins.
 */
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { StorageValue } from '../../generated/move-types.js';
import { effect, field, implement, returning } from '../support/implement.js';
import { abort, newUid, u32, u64 } from '../support/natives-kit.js';

/** Creates a reservation (the system does this after payment). */
export function createStorage(
  ctx: NativeContext,
  startEpoch: number,
  endEpoch: number,
  storageSize: bigint,
): StorageValue {
  return { id: newUid(ctx), start_epoch: startEpoch, end_epoch: endEpoch, storage_size: storageSize };
}

/** Moves the end of the reservation `extensionEpochs` later. */
export function extendEndEpoch(_ctx: NativeContext, self: StorageValue, extensionEpochs: number): void {
  self.end_epoch = u32(self.end_epoch + extensionEpochs, 'storage_resource::extend_end_epoch');
}

/** Splits at `splitEpoch`: `storage` keeps `[start, splitEpoch)`, the result gets `[splitEpoch, end)`. */
export function splitByEpoch(ctx: NativeContext, storage: StorageValue, splitEpoch: number): StorageValue {
  if (!(splitEpoch > storage.start_epoch && splitEpoch < storage.end_epoch))
    abort(ctx, 'storage_resource', 'split_by_epoch', 'EInvalidEpoch');
  const end = storage.end_epoch;
  storage.end_epoch = splitEpoch;
  return { id: newUid(ctx), start_epoch: splitEpoch, end_epoch: end, storage_size: storage.storage_size };
}

/** Splits off `splitSize` bytes for the same period. */
export function splitBySize(ctx: NativeContext, storage: StorageValue, splitSize: bigint): StorageValue {
  if (!(splitSize > 0n && splitSize < storage.storage_size))
    abort(ctx, 'storage_resource', 'split_by_size', 'EInvalidSize');
  storage.storage_size -= splitSize;
  return {
    id: newUid(ctx),
    start_epoch: storage.start_epoch,
    end_epoch: storage.end_epoch,
    storage_size: splitSize,
  };
}

/** Joins two adjacent periods of the same size into `first` (`second` is destroyed). */
export function fusePeriods(ctx: NativeContext, first: StorageValue, second: StorageValue): void {
  ctx.deleteObject(second.id.id.bytes);
  if (first.storage_size !== second.storage_size)
    abort(ctx, 'storage_resource', 'fuse_periods', 'EIncompatibleAmount');
  if (first.end_epoch === second.start_epoch) {
    first.end_epoch = second.end_epoch;
  } else {
    if (first.start_epoch !== second.end_epoch)
      abort(ctx, 'storage_resource', 'fuse_periods', 'EIncompatibleEpochs');
    first.start_epoch = second.start_epoch;
  }
}

/** Adds the size of `second` to `first`; both must cover the same period. */
export function fuseAmount(ctx: NativeContext, first: StorageValue, second: StorageValue): void {
  ctx.deleteObject(second.id.id.bytes);
  if (first.start_epoch !== second.start_epoch || first.end_epoch !== second.end_epoch)
    abort(ctx, 'storage_resource', 'fuse_amount', 'EIncompatibleEpochs');
  first.storage_size = u64(first.storage_size + second.storage_size, 'storage_resource::fuse_amount');
}

/** `fuseAmount` for equal periods, otherwise `fusePeriods`. */
export function fuse(ctx: NativeContext, first: StorageValue, second: StorageValue): void {
  if (first.start_epoch === second.start_epoch && first.end_epoch === second.end_epoch)
    fuseAmount(ctx, first, second);
  else fusePeriods(ctx, first, second);
}

/** Destroys a reservation. Nothing is refunded. */
export function destroy(ctx: NativeContext, storage: StorageValue): void {
  ctx.deleteObject(storage.id.id.bytes);
}

/** The natives of `walrus::storage_resource`. */
export const storageResourceNatives = implement('storage_resource', {
  start_epoch: field('start_epoch'),
  end_epoch: field('end_epoch'),
  size: field('storage_size'),
  split_by_epoch: returning(splitByEpoch),
  split_by_size: returning(splitBySize),
  fuse_periods: effect(fusePeriods),
  fuse_amount: effect(fuseAmount),
  fuse: effect(fuse),
  destroy: effect(destroy),
});
