/**
 * Natives of `walrus::blob`: a registered blob id with the storage that pays for it, certified once a
 * quorum of storage nodes holds its slivers. Attributes live in a `Metadata` dynamic field of the blob
 * under the name `b"metadata"` (a `vector<u8>`), where the SDK reads them.
 */
import { bcs } from '@mysten/sui/bcs';
import { blake2b } from '@noble/hashes/blake2.js';
import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import { formatMoveType } from '../../../ledger/core/move/type-parser.js';
import type { CoinValue, IdValue, OptionValue } from '../../../ledger/core/natives/framework/values.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  type BlobValue,
  type CertifiedBlobMessageValue,
  type MetadataValue,
  MOVE_CONSTANTS,
  type MoveFunctions,
  type StorageValue,
  type SystemValue,
} from '../../generated/move-types.js';
import {
  addField,
  assertField,
  borrowField,
  type FieldSlot,
  fieldSlot,
  removeField,
} from '../support/fields.js';
import type { TxContextValue } from '../support/framework-values.js';
import { effect, field, implement, returning } from '../support/implement.js';
import {
  abort,
  abortAt,
  idOf,
  newUid,
  type StringValue,
  structType,
  T,
  u256FromBytes,
  type WalrusAddresses,
  walrusType,
} from '../support/natives-kit.js';
import * as events from './events.js';
import { isDeletable, objectId as persistenceObjectId } from './messages.js';
import * as metadata from './metadata.js';
import { encodedBlobLength } from './redstuff.js';
import * as storageResource from './storage_resource.js';

/** Name of the metadata dynamic field. */
export const METADATA_DF: Uint8Array = new TextEncoder().encode(MOVE_CONSTANTS.blob.METADATA_DF);

// === Accessors ===

/** The id of the `Blob` object. */
export function objectId(_ctx: NativeContext, self: BlobValue): IdValue {
  return idOf(self);
}

/** The epoch of the first certification, if certified. */
export function certifiedEpoch(_ctx: NativeContext, self: BlobValue): OptionValue<number> {
  return { vec: [...self.certified_epoch.vec] };
}

/** The first epoch in which the blob is no longer stored. */
export function endEpoch(_ctx: NativeContext, self: BlobValue): number {
  return self.storage.end_epoch;
}

/** The encoded size of the blob with `nShards` shards. */
export function encodedSize(ctx: NativeContext, self: BlobValue, nShards: number): bigint {
  return encodedBlobLength(ctx, self.size, self.encoding_type, nShards);
}

/** `blake2b256(bcs({encoding_type: u8, size: u64, root_hash: u256}))` read as a little-endian u256. */
export function deriveBlobId(
  _ctx: NativeContext,
  rootHash: bigint,
  encodingType: number,
  size: bigint,
): bigint {
  return blobIdOf(rootHash, encodingType, size);
}

/** {@link deriveBlobId} without a context. */
export function blobIdOf(rootHash: bigint, encodingType: number, size: bigint): bigint {
  const derivation = bcs
    .struct('BlobIdDerivation', { encoding_type: bcs.u8(), size: bcs.u64(), root_hash: bcs.u256() })
    .serialize({ encoding_type: encodingType, size, root_hash: rootHash })
    .toBytes();
  return u256FromBytes(blake2b(derivation, { dkLen: 32 }));
}

/** The blob's storage (live). */
export function storage(_ctx: NativeContext, self: BlobValue): StorageValue {
  return self.storage;
}

// === Lifecycle ===

/**
 * What a blob is registered with: the arguments of `system::register_blob` between the System object
 * and the write payment (storage, blob id, root hash, size, encoding type, deletable).
 */
export type BlobRegistration = MoveFunctions['system']['register_blob']['args'] extends [
  SystemValue,
  ...infer R,
  CoinValue,
  TxContextValue,
]
  ? R
  : never;

/**
 * Registers a blob in `registeredEpoch` on `storage`, which must cover that epoch and the encoded size;
 * the blob id must derive from the root hash, encoding type and size. Emits `BlobRegistered`.
 * Move `new`; also exported as `new`.
 */
export function newBlob(
  ctx: NativeContext,
  registration: BlobRegistration,
  registeredEpoch: number,
  nShards: number,
): BlobValue {
  const [storage, blobId, rootHash, size, encodingType, deletable] = registration;
  if (storage.start_epoch > registeredEpoch) abort(ctx, 'blob', 'new', 'EResourceBounds');
  if (registeredEpoch >= storage.end_epoch) abort(ctx, 'blob', 'new', 'EResourceBounds');
  const encoded = encodedBlobLength(ctx, size, encodingType, nShards);
  if (encoded > storage.storage_size) abort(ctx, 'blob', 'new', 'EResourceSize');
  if (blobIdOf(rootHash, encodingType, size) !== blobId) abort(ctx, 'blob', 'new', 'EInvalidBlobId');
  const id = newUid(ctx);
  events.emitBlobRegistered(
    ctx,
    registeredEpoch,
    blobId,
    size,
    encodingType,
    storage.end_epoch,
    deletable,
    id.id,
  );
  return {
    id,
    registered_epoch: registeredEpoch,
    blob_id: blobId,
    size,
    encoding_type: encodingType,
    certified_epoch: { vec: [] },
    storage,
    deletable,
  };
}
export { newBlob as new };

/** Certifies the blob with a verified certificate for `currentEpoch`; emits `BlobCertified`. */
export function certifyWithCertifiedMsg(
  ctx: NativeContext,
  self: BlobValue,
  currentEpoch: number,
  message: CertifiedBlobMessageValue,
): void {
  const where = 'certify_with_certified_msg';
  if (message.blob_id !== self.blob_id) abort(ctx, 'blob', where, 'EInvalidBlobId');
  if (self.certified_epoch.vec.length > 0) abort(ctx, 'blob', where, 'EAlreadyCertified');
  if (currentEpoch >= self.storage.end_epoch) abort(ctx, 'blob', where, 'EResourceBounds');
  const persistence = message.blob_persistence_type;
  if (isDeletable(ctx, persistence) !== self.deletable)
    abort(ctx, 'blob', where, 'EInvalidBlobPersistenceType');
  if (self.deletable && persistenceObjectId(ctx, persistence).bytes !== self.id.id.bytes)
    abort(ctx, 'blob', where, 'EInvalidBlobObject');
  self.certified_epoch = { vec: [currentEpoch] };
  emitCertified(ctx, self, currentEpoch, false);
}

/** Emits `BlobCertified` for the blob in `currentEpoch` (`isExtension` after an extension). */
export function emitCertified(
  ctx: NativeContext,
  self: BlobValue,
  currentEpoch: number,
  isExtension: boolean,
): void {
  events.emitBlobCertified(
    ctx,
    currentEpoch,
    self.blob_id,
    self.storage.end_epoch,
    self.deletable,
    idOf(self),
    isExtension,
  );
}

/** Aborts unless the blob is certified and its storage covers `currentEpoch`. */
export function assertCertifiedNotExpired(ctx: NativeContext, self: BlobValue, currentEpoch: number): void {
  if (self.certified_epoch.vec.length === 0)
    abort(ctx, 'blob', 'assert_certified_not_expired', 'ENotCertified');
  if (currentEpoch >= self.storage.end_epoch)
    abort(ctx, 'blob', 'assert_certified_not_expired', 'EResourceBounds');
}

/** Extends the blob with `extension`, a reservation of the same size starting where its storage ends. */
export function extendWithResource(
  ctx: NativeContext,
  self: BlobValue,
  extension: StorageValue,
  currentEpoch: number,
): void {
  assertCertifiedNotExpired(ctx, self, currentEpoch);
  if (extension.start_epoch !== self.storage.end_epoch)
    abort(ctx, 'blob', 'extend_with_resource', 'EIncompatibleExtension');
  if (extension.storage_size !== self.storage.storage_size)
    abort(ctx, 'blob', 'extend_with_resource', 'EIncompatibleExtension');
  storageResource.fusePeriods(ctx, self.storage, extension);
  emitCertified(ctx, self, currentEpoch, true);
}

/**
 * Deletes a deletable blob whose storage is still current (its metadata too); emits `BlobDeleted` and
 * returns the storage. Move `delete`; also exported as `delete`.
 */
export function deleteBlob(ctx: NativeContext, self: BlobValue, currentEpoch: number): StorageValue {
  dropMetadata(ctx, self);
  if (!self.deletable) abort(ctx, 'blob', 'delete', 'EBlobNotDeletable');
  if (currentEpoch >= self.storage.end_epoch) abort(ctx, 'blob', 'delete', 'EResourceBounds');
  const objectId = idOf(self);
  ctx.deleteObject(objectId.bytes);
  events.emitBlobDeleted(
    ctx,
    currentEpoch,
    self.blob_id,
    self.storage.end_epoch,
    objectId,
    self.certified_epoch.vec.length > 0,
  );
  return self.storage;
}
export { deleteBlob as delete };

/** Destroys the blob, its metadata and its storage; nothing is refunded and no event is emitted. */
export function burn(ctx: NativeContext, self: BlobValue): void {
  dropMetadata(ctx, self);
  ctx.deleteObject(self.id.id.bytes);
  storageResource.destroy(ctx, self.storage);
}

// === Metadata ===

function metadataSlot(ctx: NativeContext, self: BlobValue): FieldSlot {
  const valueType = walrusType(ctx, 'metadata', 'Metadata');
  return fieldSlot(ctx, self.id.id.bytes, T.bytes, METADATA_DF, valueType);
}

/** `df::exists_`: a field named `b"metadata"` of any type. */
function hasMetadata(ctx: NativeContext, self: BlobValue): boolean {
  const { parent, id } = metadataSlot(ctx, self);
  return ctx.children.exists(parent, id);
}

/** `df::remove_if_exists<vector<u8>, Metadata>`. */
function removeMetadataIfExists(ctx: NativeContext, self: BlobValue): OptionValue<MetadataValue> {
  const slot = metadataSlot(ctx, self);
  if (ctx.children.typeOf(slot.parent, slot.id) !== formatMoveType(slot.type)) return { vec: [] };
  return { vec: [removeField<MetadataValue>(ctx, slot)] };
}

function addMetadataField(ctx: NativeContext, self: BlobValue, value: MetadataValue): void {
  const slot = metadataSlot(ctx, self);
  if (ctx.children.exists(slot.parent, slot.id))
    abortAt(ctx, { address: SUI_FRAMEWORK, module: 'dynamic_field', function: 'add' }, 0); // EFieldAlreadyExists
  addField(ctx, slot, Uint8Array.from(METADATA_DF), value);
}

/** Adds metadata to the blob; aborts if it already has some. */
export function addMetadata(ctx: NativeContext, self: BlobValue, value: MetadataValue): void {
  if (hasMetadata(ctx, self)) abort(ctx, 'blob', 'add_metadata', 'EDuplicateMetadata');
  addMetadataField(ctx, self, value);
}

/** Sets the blob's metadata, returning the previous one if any. */
export function addOrReplaceMetadata(
  ctx: NativeContext,
  self: BlobValue,
  value: MetadataValue,
): OptionValue<MetadataValue> {
  const previous = removeMetadataIfExists(ctx, self);
  addMetadataField(ctx, self, value);
  return previous;
}

/** Removes and returns the blob's metadata; aborts if it has none. */
export function takeMetadata(ctx: NativeContext, self: BlobValue): MetadataValue {
  if (!hasMetadata(ctx, self)) abort(ctx, 'blob', 'take_metadata', 'EMissingMetadata');
  return removeField(ctx, checkedMetadataSlot(ctx, self));
}

/** Sets `key` to `value`, creating the metadata if the blob has none. */
export function insertOrUpdateMetadataPair(
  ctx: NativeContext,
  self: BlobValue,
  key: StringValue,
  value: StringValue,
): void {
  if (!hasMetadata(ctx, self)) addMetadataField(ctx, self, metadata.newMetadata(ctx));
  metadata.insertOrUpdate(ctx, metadataMut(ctx, self), key, value);
}

/** Removes `key` from the metadata and returns the pair; aborts if there is no metadata or no such key. */
export function removeMetadataPair(
  ctx: NativeContext,
  self: BlobValue,
  key: StringValue,
): [StringValue, StringValue] {
  return metadata.remove(ctx, metadataMut(ctx, self), key);
}

/** Removes `key` from the metadata if present and returns its value. */
export function removeMetadataPairIfExists(
  ctx: NativeContext,
  self: BlobValue,
  key: StringValue,
): OptionValue<StringValue> {
  if (!hasMetadata(ctx, self)) return { vec: [] };
  return metadata.removeIfExists(ctx, metadataMut(ctx, self), key);
}

/** `df::borrow_mut<vector<u8>, Metadata>` with dynamic_field's type check (`EFieldTypeMismatch`). */
function checkedMetadataSlot(ctx: NativeContext, self: BlobValue): FieldSlot {
  const slot = metadataSlot(ctx, self);
  assertField(ctx, slot, 'borrow_mut');
  return slot;
}

/** The blob's metadata, live; aborts with `EMissingMetadata` if it has none. */
export function metadataMut(ctx: NativeContext, self: BlobValue): MetadataValue {
  if (!hasMetadata(ctx, self)) abort(ctx, 'blob', 'metadata_mut', 'EMissingMetadata');
  return borrowField(ctx, checkedMetadataSlot(ctx, self));
}

/** Removes the metadata field if there is one. */
export function dropMetadata(ctx: NativeContext, self: BlobValue): void {
  removeMetadataIfExists(ctx, self);
}

/** The `Blob` type of a deployment. */
export function blobType(addresses: WalrusAddresses): MoveType {
  return structType(addresses.walrus, 'blob', 'Blob');
}

/** The natives of `walrus::blob`: the `Blob`'s views, `burn` and its metadata. */
export const blobNatives = implement('blob', {
  object_id: returning(objectId),
  registered_epoch: field('registered_epoch'),
  blob_id: field('blob_id'),
  size: field('size'),
  encoding_type: field('encoding_type'),
  certified_epoch: returning(certifiedEpoch),
  is_deletable: field('deletable'),
  end_epoch: returning(endEpoch),
  encoded_size: returning(encodedSize),
  derive_blob_id: returning(deriveBlobId),
  burn: effect(burn),
  add_metadata: effect(addMetadata),
  add_or_replace_metadata: returning(addOrReplaceMetadata),
  take_metadata: returning(takeMetadata),
  insert_or_update_metadata_pair: effect(insertOrUpdateMetadataPair),
  remove_metadata_pair: (ctx, [self, key]) => removeMetadataPair(ctx, self, key),
  remove_metadata_pair_if_exists: returning(removeMetadataPairIfExists),
});
