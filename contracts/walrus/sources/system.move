// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The shared `System` object: the entry point for storage and blobs. Its state is the
/// `SystemStateInnerV1` stored as a dynamic field under the key `version` (a `u64`), which is
/// where the SDK reads it. `package_id` is the package clients send their calls to.
module walrus::system;

use sui::{balance::Balance, coin::Coin, dynamic_field as df, vec_map::VecMap};
use wal::wal::WAL;
use walrus::{
    blob::Blob,
    bls_aggregate::BlsCommittee,
    epoch_parameters::EpochParams,
    storage_resource::Storage,
    system_state_inner::{Self, SystemStateInnerV1}
};

/// The version of the inner state this package reads and writes.
const VERSION: u64 = 1;

/// The system object was created by a different version of the package.
const EWrongVersion: u64 = 0;

/// The shared system object (the SDK reads these fields in this order).
public struct System has key {
    id: UID,
    /// The key of the inner state's dynamic field.
    version: u64,
    /// The package that operates on this object.
    package_id: ID,
    /// Set during an upgrade: the package taking over.
    new_package_id: Option<ID>,
}

/// Creates and shares the system object with an empty epoch-0 state.
public(package) fun create_empty(max_epochs_ahead: u32, package_id: ID, ctx: &mut TxContext) {
    let mut system = System {
        id: object::new(ctx),
        version: VERSION,
        package_id,
        new_package_id: option::none(),
    };
    df::add(&mut system.id, VERSION, system_state_inner::create_empty(max_epochs_ahead, ctx));
    transfer::share_object(system);
}

// === Storage and blobs ===

/// Buys `storage_amount` bytes of storage for `epochs_ahead` epochs starting now. The cost,
/// `ceil(storage_amount / 1 MiB) * storage price * epochs_ahead`, is split off `payment`.
public fun reserve_space(
    self: &mut System,
    storage_amount: u64,
    epochs_ahead: u32,
    payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
): Storage {
    self.inner_mut().reserve_space(storage_amount, epochs_ahead, payment, ctx)
}

/// Registers a blob on `storage`, which must cover the current epoch and the encoded size.
/// `size` is the unencoded size; `blob_id` must derive from `root_hash`, `encoding_type` and
/// `size`. The write cost, `ceil(encoded size / 1 MiB) * write price`, is split off
/// `write_payment`.
public fun register_blob(
    self: &mut System,
    storage: Storage,
    blob_id: u256,
    root_hash: u256,
    size: u64,
    encoding_type: u8,
    deletable: bool,
    write_payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
): Blob {
    self
        .inner_mut()
        .register_blob(
            storage,
            blob_id,
            root_hash,
            size,
            encoding_type,
            deletable,
            write_payment,
            ctx,
        )
}

/// Certifies `blob` with an aggregate signature of a quorum of the current committee over
/// `message` (a blob-certification message of the current epoch); `signers_bitmap` marks the
/// signing members.
public fun certify_blob(
    self: &System,
    blob: &mut Blob,
    signature: vector<u8>,
    signers_bitmap: vector<u8>,
    message: vector<u8>,
) {
    self.inner().certify_blob(blob, signature, signers_bitmap, message);
}

/// Deletes a deletable blob and returns its storage.
public fun delete_blob(self: &System, blob: Blob): Storage {
    self.inner().delete_blob(blob)
}

/// Extends a certified blob by `extended_epochs` epochs, paying the storage cost from `payment`.
public fun extend_blob(
    self: &mut System,
    blob: &mut Blob,
    extended_epochs: u32,
    payment: &mut Coin<WAL>,
) {
    self.inner_mut().extend_blob(blob, extended_epochs, payment);
}

/// Extends a certified blob with a reservation of the same size that starts where its storage
/// ends.
public fun extend_blob_with_resource(self: &System, blob: &mut Blob, extension: Storage) {
    self.inner().extend_blob_with_resource(blob, extension);
}

/// Marks a blob id invalid, given a certificate of at least one correct node; returns the id.
public fun invalidate_blob_id(
    self: &System,
    signature: vector<u8>,
    members_bitmap: vector<u8>,
    message: vector<u8>,
): u256 {
    self.inner().invalidate_blob_id(signature, members_bitmap, message)
}

// === Views ===

/// The current epoch.
public fun epoch(self: &System): u32 {
    self.inner().epoch()
}

/// The number of shards.
public fun n_shards(self: &System): u16 {
    self.inner().n_shards()
}

/// Encoded bytes the system can store this epoch.
public fun total_capacity_size(self: &System): u64 {
    self.inner().total_capacity_size()
}

/// Encoded bytes sold for this epoch.
public fun used_capacity_size(self: &System): u64 {
    self.inner().used_capacity_size()
}

/// FROST per MiB and epoch of storage.
public fun storage_price_per_unit_size(self: &System): u64 {
    self.inner().storage_price_per_unit_size()
}

/// FROST per MiB written.
public fun write_price_per_unit_size(self: &System): u64 {
    self.inner().write_price_per_unit_size()
}

// === Package ===

/// Moves the system to the next epoch; returns the finished epoch's rewards by node.
public(package) fun advance_epoch(
    self: &mut System,
    new_committee: BlsCommittee,
    params: &EpochParams,
): VecMap<ID, Balance<WAL>> {
    self.inner_mut().advance_epoch(new_committee, params)
}

/// Takes the share of the current epoch's rewards that is burned at the epoch change.
public(package) fun extract_burn_balance(self: &mut System): Balance<WAL> {
    self.inner_mut().extract_burn_balance()
}

public(package) fun committee(self: &System): &BlsCommittee {
    self.inner().committee()
}

/// The System's UID (challenges keep their state as a dynamic field of it).
public(package) fun uid(self: &System): &UID {
    &self.id
}

/// The System's UID, mutable.
public(package) fun uid_mut(self: &mut System): &mut UID {
    &mut self.id
}

public(package) fun package_id(self: &System): ID {
    self.package_id
}

public(package) fun version(self: &System): u64 {
    self.version
}

fun inner(self: &System): &SystemStateInnerV1 {
    assert!(self.version == VERSION, EWrongVersion);
    df::borrow(&self.id, VERSION)
}

fun inner_mut(self: &mut System): &mut SystemStateInnerV1 {
    assert!(self.version == VERSION, EWrongVersion);
    df::borrow_mut(&mut self.id, VERSION)
}
