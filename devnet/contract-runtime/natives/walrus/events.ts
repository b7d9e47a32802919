/**
 * Natives of `walrus::events`: the events storage nodes follow (new blobs, certifications,
 * deletions, epoch changes). No public functions; each `emit_*` twin emits the event with the type
 * `<walrus>::events::<Name>` and the Move field layout.
 */
import type { IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type {
  BlobCertifiedValue,
  BlobDeletedValue,
  BlobRegisteredValue,
} from '../../generated/move-types.js';
import { walrusType } from '../support/natives-kit.js';

function emit(ctx: NativeContext, name: string, value: object): void {
  ctx.emit(walrusType(ctx, 'events', name), value);
}

/** Emits `BlobRegistered`. */
export function emitBlobRegistered(
  ctx: NativeContext,
  epoch: number,
  blobId: bigint,
  size: bigint,
  encodingType: number,
  endEpoch: number,
  deletable: boolean,
  objectId: IdValue,
): void {
  const value: BlobRegisteredValue = {
    epoch,
    blob_id: blobId,
    size,
    encoding_type: encodingType,
    end_epoch: endEpoch,
    deletable,
    object_id: { bytes: objectId.bytes },
  };
  emit(ctx, 'BlobRegistered', value);
}

/** Emits `BlobCertified` (`isExtension` after an extension of a certified blob). */
export function emitBlobCertified(
  ctx: NativeContext,
  epoch: number,
  blobId: bigint,
  endEpoch: number,
  deletable: boolean,
  objectId: IdValue,
  isExtension: boolean,
): void {
  const value: BlobCertifiedValue = {
    epoch,
    blob_id: blobId,
    end_epoch: endEpoch,
    deletable,
    object_id: { bytes: objectId.bytes },
    is_extension: isExtension,
  };
  emit(ctx, 'BlobCertified', value);
}

/** Emits `BlobDeleted`. */
export function emitBlobDeleted(
  ctx: NativeContext,
  epoch: number,
  blobId: bigint,
  endEpoch: number,
  objectId: IdValue,
  wasCertified: boolean,
): void {
  const value: BlobDeletedValue = {
    epoch,
    blob_id: blobId,
    end_epoch: endEpoch,
    object_id: { bytes: objectId.bytes },
    was_certified: wasCertified,
  };
  emit(ctx, 'BlobDeleted', value);
}

/** Emits `InvalidBlobID`. */
export function emitInvalidBlobId(ctx: NativeContext, epoch: number, blobId: bigint): void {
  emit(ctx, 'InvalidBlobID', { epoch, blob_id: blobId });
}

/** Emits `EpochChangeStart`. */
export function emitEpochChangeStart(ctx: NativeContext, epoch: number): void {
  emit(ctx, 'EpochChangeStart', { epoch });
}

/** Emits `EpochChangeDone`. */
export function emitEpochChangeDone(ctx: NativeContext, epoch: number): void {
  emit(ctx, 'EpochChangeDone', { epoch });
}

/** Emits `ShardsReceived`. */
export function emitShardsReceived(ctx: NativeContext, epoch: number, shards: number[]): void {
  emit(ctx, 'ShardsReceived', { epoch, shards: [...shards] });
}

/** Emits `EpochParametersSelected`. */
export function emitEpochParametersSelected(ctx: NativeContext, nextEpoch: number): void {
  emit(ctx, 'EpochParametersSelected', { next_epoch: nextEpoch });
}
