// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Blobs: a registered blob id with the storage that pays for it, certified once a quorum of
/// storage nodes holds its slivers. Attributes live in a `Metadata` dynamic field of the blob,
/// under the name `b"metadata"` (a `vector<u8>`).
module walrus::blob;

use std::string::String;
use sui::{bcs, dynamic_field as df, hash};
use walrus::{
    events,
    messages::CertifiedBlobMessage,
    metadata::{Self, Metadata},
    redstuff,
    storage_resource::Storage
};

/// Name of the metadata dynamic field.
const METADATA_DF: vector<u8> = b"metadata";

/// The blob is not certified.
const ENotCertified: u64 = 0;
/// The blob is not deletable.
const EBlobNotDeletable: u64 = 1;
/// The storage does not cover the current epoch.
const EResourceBounds: u64 = 2;
/// The storage is smaller than the encoded blob.
const EResourceSize: u64 = 3;
/// The extension's period or size does not fit the blob's storage.
const EIncompatibleExtension: u64 = 4;
/// The blob is already certified.
const EAlreadyCertified: u64 = 5;
/// The blob id does not match the root hash, size and encoding, or the certificate.
const EInvalidBlobId: u64 = 6;
/// The blob already has metadata.
const EDuplicateMetadata: u64 = 7;
/// The blob has no metadata.
const EMissingMetadata: u64 = 8;
/// The certificate's persistence type differs from the blob's.
const EInvalidBlobPersistenceType: u64 = 9;
/// The certificate names another object than this deletable blob.
const EInvalidBlobObject: u64 = 10;

/// A registered blob (the SDK reads these fields in this order).
public struct Blob has key, store {
    id: UID,
    registered_epoch: u32,
    /// The blob id, as the little-endian `u256` of its 32 bytes.
    blob_id: u256,
    /// Unencoded size in bytes.
    size: u64,
    encoding_type: u8,
    /// The epoch of the first certification.
    certified_epoch: Option<u32>,
    storage: Storage,
    deletable: bool,
}

/// What the blob id hashes: `blob_id = blake2b256(bcs(BlobIdDerivation))`.
public struct BlobIdDerivation has drop {
    encoding_type: u8,
    size: u64,
    root_hash: u256,
}

// === Accessors ===

public fun object_id(self: &Blob): ID {
    object::id(self)
}

public fun registered_epoch(self: &Blob): u32 {
    self.registered_epoch
}

public fun blob_id(self: &Blob): u256 {
    self.blob_id
}

public fun size(self: &Blob): u64 {
    self.size
}

public fun encoding_type(self: &Blob): u8 {
    self.encoding_type
}

public fun certified_epoch(self: &Blob): Option<u32> {
    self.certified_epoch
}

public fun is_deletable(self: &Blob): bool {
    self.deletable
}

/// The first epoch in which the blob is no longer stored.
public fun end_epoch(self: &Blob): u32 {
    self.storage.end_epoch()
}

/// The encoded size of the blob with `n_shards` shards.
public fun encoded_size(self: &Blob, n_shards: u16): u64 {
    redstuff::encoded_blob_length(self.size, self.encoding_type, n_shards)
}

/// The blob id of a blob with this root hash, encoding type and size.
public fun derive_blob_id(root_hash: u256, encoding_type: u8, size: u64): u256 {
    let derivation = BlobIdDerivation { encoding_type, size, root_hash };
    let mut reader = bcs::new(hash::blake2b256(&bcs::to_bytes(&derivation)));
    reader.peel_u256()
}

public(package) fun storage(self: &Blob): &Storage {
    &self.storage
}

public(package) fun storage_mut(self: &mut Blob): &mut Storage {
    &mut self.storage
}

// === Lifecycle ===

/// Registers a blob in `registered_epoch` on `storage`, which must cover that epoch and the
/// encoded size; the blob id must derive from the root hash, encoding type and size.
public(package) fun new(
    storage: Storage,
    blob_id: u256,
    root_hash: u256,
    size: u64,
    encoding_type: u8,
    deletable: bool,
    registered_epoch: u32,
    n_shards: u16,
    ctx: &mut TxContext,
): Blob {
    assert!(storage.start_epoch() <= registered_epoch, EResourceBounds);
    assert!(registered_epoch < storage.end_epoch(), EResourceBounds);
    let encoded_size = redstuff::encoded_blob_length(size, encoding_type, n_shards);
    assert!(encoded_size <= storage.size(), EResourceSize);
    assert!(derive_blob_id(root_hash, encoding_type, size) == blob_id, EInvalidBlobId);

    let id = object::new(ctx);
    events::emit_blob_registered(
        registered_epoch,
        blob_id,
        size,
        encoding_type,
        storage.end_epoch(),
        deletable,
        id.to_inner(),
    );
    Blob {
        id,
        registered_epoch,
        blob_id,
        size,
        encoding_type,
        certified_epoch: option::none(),
        storage,
        deletable,
    }
}

/// Certifies the blob with a verified certificate for `current_epoch`.
public(package) fun certify_with_certified_msg(
    self: &mut Blob,
    current_epoch: u32,
    message: CertifiedBlobMessage,
) {
    assert!(message.certified_blob_id() == self.blob_id, EInvalidBlobId);
    assert!(self.certified_epoch.is_none(), EAlreadyCertified);
    assert!(current_epoch < self.storage.end_epoch(), EResourceBounds);
    let persistence = message.blob_persistence_type();
    assert!(persistence.is_deletable() == self.deletable, EInvalidBlobPersistenceType);
    if (self.deletable) {
        assert!(persistence.object_id() == object::id(self), EInvalidBlobObject);
    };
    self.certified_epoch.fill(current_epoch);
    self.emit_certified(current_epoch, false);
}

/// Emits `BlobCertified` for the blob in `current_epoch` (`is_extension` after an extension).
public(package) fun emit_certified(self: &Blob, current_epoch: u32, is_extension: bool) {
    events::emit_blob_certified(
        current_epoch,
        self.blob_id,
        self.storage.end_epoch(),
        self.deletable,
        object::id(self),
        is_extension,
    );
}

/// Aborts unless the blob is certified and its storage covers `current_epoch`.
public(package) fun assert_certified_not_expired(self: &Blob, current_epoch: u32) {
    assert!(self.certified_epoch.is_some(), ENotCertified);
    assert!(current_epoch < self.storage.end_epoch(), EResourceBounds);
}

/// Extends the blob with `extension`, a reservation of the same size starting where the blob's
/// storage ends.
public(package) fun extend_with_resource(self: &mut Blob, extension: Storage, current_epoch: u32) {
    self.assert_certified_not_expired(current_epoch);
    assert!(extension.start_epoch() == self.storage.end_epoch(), EIncompatibleExtension);
    assert!(extension.size() == self.storage.size(), EIncompatibleExtension);
    self.storage.fuse_periods(extension);
    self.emit_certified(current_epoch, true);
}

/// Deletes a deletable blob whose storage is still current; returns the storage for reuse.
public(package) fun delete(mut self: Blob, current_epoch: u32): Storage {
    self.drop_metadata();
    let Blob { id, blob_id, certified_epoch, storage, deletable, .. } = self;
    assert!(deletable, EBlobNotDeletable);
    assert!(current_epoch < storage.end_epoch(), EResourceBounds);
    let object_id = id.to_inner();
    id.delete();
    events::emit_blob_deleted(
        current_epoch,
        blob_id,
        storage.end_epoch(),
        object_id,
        certified_epoch.is_some(),
    );
    storage
}

/// Destroys the blob object and its storage; nothing is refunded and no event is emitted.
/// Storage nodes keep the data until the storage ends.
public fun burn(mut self: Blob) {
    self.drop_metadata();
    let Blob { id, storage, .. } = self;
    id.delete();
    storage.destroy();
}

// === Metadata ===

/// Adds metadata to the blob; aborts if it already has some.
public fun add_metadata(self: &mut Blob, metadata: Metadata) {
    assert!(!df::exists_(&self.id, METADATA_DF), EDuplicateMetadata);
    df::add(&mut self.id, METADATA_DF, metadata);
}

/// Sets the blob's metadata, returning the previous one if any.
public fun add_or_replace_metadata(self: &mut Blob, metadata: Metadata): Option<Metadata> {
    let previous = df::remove_if_exists(&mut self.id, METADATA_DF);
    df::add(&mut self.id, METADATA_DF, metadata);
    previous
}

/// Removes and returns the blob's metadata; aborts if it has none.
public fun take_metadata(self: &mut Blob): Metadata {
    assert!(df::exists_(&self.id, METADATA_DF), EMissingMetadata);
    df::remove(&mut self.id, METADATA_DF)
}

/// Sets `key` to `value`, creating the metadata if the blob has none.
public fun insert_or_update_metadata_pair(self: &mut Blob, key: String, value: String) {
    if (!df::exists_(&self.id, METADATA_DF)) {
        df::add(&mut self.id, METADATA_DF, metadata::new());
    };
    self.metadata_mut().insert_or_update(key, value);
}

/// Removes `key` from the metadata and returns the pair; aborts if absent.
public fun remove_metadata_pair(self: &mut Blob, key: &String): (String, String) {
    self.metadata_mut().remove(key)
}

/// Removes `key` from the metadata if present and returns its value.
public fun remove_metadata_pair_if_exists(self: &mut Blob, key: &String): Option<String> {
    if (!df::exists_(&self.id, METADATA_DF)) return option::none();
    self.metadata_mut().remove_if_exists(key)
}

fun metadata_mut(self: &mut Blob): &mut Metadata {
    assert!(df::exists_(&self.id, METADATA_DF), EMissingMetadata);
    df::borrow_mut(&mut self.id, METADATA_DF)
}

fun drop_metadata(self: &mut Blob) {
    let _: Option<Metadata> = df::remove_if_exists(&mut self.id, METADATA_DF);
}
