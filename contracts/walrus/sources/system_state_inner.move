// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The storage side of Walrus: the epoch's BLS committee, capacity and prices, the accounting of
/// future epochs, and the blob operations that use them.
///
/// Costs are counted in units of 1 MiB of encoded size, rounded up:
/// storage costs `units * storage_price_per_unit_size` per epoch, paid into each epoch's rewards;
/// writing costs `units * write_price_per_unit_size` once, paid into the current epoch's rewards.
/// The exact amounts are split off the payment coin, so a client that pays exactly leaves a zero
/// coin it can destroy.
module walrus::system_state_inner;

use sui::{balance::Balance, coin::Coin, vec_map::{Self, VecMap}};
use wal::wal::WAL;
use walrus::{
    blob::{Self, Blob},
    bls_aggregate::{Self, BlsCommittee},
    epoch_parameters::EpochParams,
    event_blob::{Self, EventBlobCertificationState},
    events,
    extended_field::{Self, ExtendedField},
    storage_accounting::{Self, FutureAccountingRingBuffer},
    storage_resource::{Self, Storage}
};

/// The most epochs ahead a system may sell storage for.
const MAX_MAX_EPOCHS_AHEAD: u32 = 1000;
/// The size of a storage unit: 1 MiB.
const BYTES_PER_UNIT_SIZE: u64 = 1_048_576;

/// `max_epochs_ahead` is above `MAX_MAX_EPOCHS_AHEAD`.
const EInvalidMaxEpochsAhead: u64 = 0;
/// Not enough capacity left.
const EStorageExceeded: u64 = 1;
/// The number of epochs is zero or beyond `max_epochs_ahead`.
const EInvalidEpochsAhead: u64 = 2;
/// The certificate's epoch is not the current epoch.
const EInvalidIdEpoch: u64 = 3;
/// The new committee is not for the next epoch.
const EIncorrectCommittee: u64 = 4;
/// The accounting entry popped is not for the finished epoch.
const EInvalidAccountingEpoch: u64 = 5;
/// The storage size is zero.
const EInvalidResourceSize: u64 = 6;

/// The system state (8 fields; the SDK reads them in this order).
public struct SystemStateInnerV1 has store {
    /// The committee of the current epoch; its `epoch` is the current epoch.
    committee: BlsCommittee,
    /// Encoded bytes the system can store in the current epoch.
    total_capacity_size: u64,
    /// Encoded bytes sold for the current epoch.
    used_capacity_size: u64,
    /// FROST per unit (1 MiB) and epoch.
    storage_price_per_unit_size: u64,
    /// FROST per unit (1 MiB) written.
    write_price_per_unit_size: u64,
    future_accounting: FutureAccountingRingBuffer,
    event_blob_certification_state: EventBlobCertificationState,
    /// Node id → deny-list size; unused by the devnet, kept for the layout.
    deny_list_sizes: ExtendedField<VecMap<ID, u64>>,
}

/// An epoch-0 state: no committee, no capacity, zero prices.
public(package) fun create_empty(max_epochs_ahead: u32, ctx: &mut TxContext): SystemStateInnerV1 {
    assert!(
        max_epochs_ahead > 0 && max_epochs_ahead <= MAX_MAX_EPOCHS_AHEAD,
        EInvalidMaxEpochsAhead,
    );
    SystemStateInnerV1 {
        committee: bls_aggregate::new_bls_committee(0, vector[]),
        total_capacity_size: 0,
        used_capacity_size: 0,
        storage_price_per_unit_size: 0,
        write_price_per_unit_size: 0,
        future_accounting: storage_accounting::ring_new(max_epochs_ahead),
        event_blob_certification_state: event_blob::create_with_empty_state(),
        deny_list_sizes: extended_field::new(vec_map::empty(), ctx),
    }
}

/// Moves to the next epoch with `new_committee` and `params`. Returns the finished epoch's
/// rewards (after the burn) split over its committee by shard weight; the rounding remainder
/// goes to the new epoch.
public(package) fun advance_epoch(
    self: &mut SystemStateInnerV1,
    new_committee: BlsCommittee,
    params: &EpochParams,
): VecMap<ID, Balance<WAL>> {
    let finished_epoch = self.committee.epoch();
    assert!(new_committee.epoch() == finished_epoch + 1, EIncorrectCommittee);
    let old_committee = self.committee;
    self.committee = new_committee;

    let finished = self.future_accounting.ring_pop_expand();
    assert!(finished.epoch() == finished_epoch, EInvalidAccountingEpoch);
    self.event_blob_certification_state.reset();

    self.used_capacity_size = self.future_accounting.ring_lookup(0).used_capacity();
    self.total_capacity_size = params.capacity().max(self.used_capacity_size);
    self.storage_price_per_unit_size = params.storage_price();
    self.write_price_per_unit_size = params.write_price();

    let mut rewards = finished.unwrap_balance();
    let total_rewards = rewards.value() as u128;
    let total_weight = old_committee.n_shards() as u128;
    let (node_ids, weights) = old_committee.to_vec_map().into_keys_values();
    let shares = weights.map!(|weight| {
        let amount = if (total_weight == 0) 0 else total_rewards * (weight as u128) / total_weight;
        rewards.split(amount as u64)
    });
    self.future_accounting.ring_lookup_mut(0).rewards_balance().join(rewards);
    vec_map::from_keys_values(node_ids, shares)
}

/// Takes the part of the current epoch's rewards to burn at its end (3%).
public(package) fun extract_burn_balance(self: &mut SystemStateInnerV1): Balance<WAL> {
    self.future_accounting.extract_burn_balance()
}

/// Sells `storage_amount` bytes for `epochs_ahead` epochs from the current one.
public(package) fun reserve_space(
    self: &mut SystemStateInnerV1,
    storage_amount: u64,
    epochs_ahead: u32,
    payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
): Storage {
    assert!(epochs_ahead > 0, EInvalidEpochsAhead);
    assert!(epochs_ahead <= self.future_accounting.max_epochs_ahead(), EInvalidEpochsAhead);
    assert!(storage_amount > 0, EInvalidResourceSize);
    self.pay_storage(storage_amount, 0, epochs_ahead, payment);
    self.use_capacity(storage_amount, 0, epochs_ahead);
    let start_epoch = self.epoch();
    storage_resource::create_storage(start_epoch, start_epoch + epochs_ahead, storage_amount, ctx)
}

/// Registers a blob on `storage` and charges the write cost.
public(package) fun register_blob(
    self: &mut SystemStateInnerV1,
    storage: Storage,
    blob_id: u256,
    root_hash: u256,
    size: u64,
    encoding_type: u8,
    deletable: bool,
    write_payment: &mut Coin<WAL>,
    ctx: &mut TxContext,
): Blob {
    let blob = blob::new(
        storage,
        blob_id,
        root_hash,
        size,
        encoding_type,
        deletable,
        self.epoch(),
        self.n_shards(),
        ctx,
    );
    let cost = storage_units(blob.encoded_size(self.n_shards())) * self.write_price_per_unit_size;
    let payment = write_payment.balance_mut().split(cost);
    self.future_accounting.ring_lookup_mut(0).rewards_balance().join(payment);
    blob
}

/// Certifies `blob` with a quorum certificate of the current committee.
public(package) fun certify_blob(
    self: &SystemStateInnerV1,
    blob: &mut Blob,
    signature: vector<u8>,
    signers_bitmap: vector<u8>,
    message: vector<u8>,
) {
    let certified = self.committee.verify_quorum_in_epoch(signature, signers_bitmap, message);
    assert!(certified.cert_epoch() == self.epoch(), EInvalidIdEpoch);
    blob.certify_with_certified_msg(self.epoch(), certified.certify_blob_message());
}

/// Deletes a deletable blob and returns its storage.
public(package) fun delete_blob(self: &SystemStateInnerV1, blob: Blob): Storage {
    blob.delete(self.epoch())
}

/// Extends a certified blob with another reservation of the same size (see `blob`).
public(package) fun extend_blob_with_resource(
    self: &SystemStateInnerV1,
    blob: &mut Blob,
    extension: Storage,
) {
    blob.extend_with_resource(extension, self.epoch());
}

/// Extends a certified blob by `extended_epochs` epochs, charging storage for them.
public(package) fun extend_blob(
    self: &mut SystemStateInnerV1,
    blob: &mut Blob,
    extended_epochs: u32,
    payment: &mut Coin<WAL>,
) {
    let current_epoch = self.epoch();
    blob.assert_certified_not_expired(current_epoch);
    assert!(extended_epochs > 0, EInvalidEpochsAhead);
    let start_offset = blob.storage().end_epoch() - current_epoch;
    let end_offset = start_offset + extended_epochs;
    assert!(end_offset <= self.future_accounting.max_epochs_ahead(), EInvalidEpochsAhead);
    let storage_size = blob.storage().size();
    self.pay_storage(storage_size, start_offset, end_offset, payment);
    self.use_capacity(storage_size, start_offset, end_offset);
    blob.storage_mut().extend_end_epoch(extended_epochs);
    blob.emit_certified(current_epoch, true);
}

/// Checks a certificate (signed by at least one correct node) that a blob id is invalid and
/// emits `InvalidBlobID`.
public(package) fun invalidate_blob_id(
    self: &SystemStateInnerV1,
    signature: vector<u8>,
    members_bitmap: vector<u8>,
    message: vector<u8>,
): u256 {
    let certified = self
        .committee
        .verify_one_correct_node_in_epoch(signature, members_bitmap, message);
    let epoch = certified.cert_epoch();
    assert!(epoch == self.epoch(), EInvalidIdEpoch);
    let blob_id = certified.invalid_blob_id_message().invalid_blob_id();
    events::emit_invalid_blob_id(epoch, blob_id);
    blob_id
}

// === Accessors ===

public(package) fun epoch(self: &SystemStateInnerV1): u32 {
    self.committee.epoch()
}

public(package) fun n_shards(self: &SystemStateInnerV1): u16 {
    self.committee.n_shards()
}

public(package) fun committee(self: &SystemStateInnerV1): &BlsCommittee {
    &self.committee
}

public(package) fun total_capacity_size(self: &SystemStateInnerV1): u64 {
    self.total_capacity_size
}

public(package) fun used_capacity_size(self: &SystemStateInnerV1): u64 {
    self.used_capacity_size
}

public(package) fun storage_price_per_unit_size(self: &SystemStateInnerV1): u64 {
    self.storage_price_per_unit_size
}

public(package) fun write_price_per_unit_size(self: &SystemStateInnerV1): u64 {
    self.write_price_per_unit_size
}

// === Internal ===

/// Units of 1 MiB, rounded up.
fun storage_units(size: u64): u64 {
    (size + BYTES_PER_UNIT_SIZE - 1) / BYTES_PER_UNIT_SIZE
}

/// Splits one epoch's storage cost off `payment` for each epoch offset in `[start, end)`, into
/// that epoch's rewards. Aborts if the coin is too small.
fun pay_storage(
    self: &mut SystemStateInnerV1,
    storage_size: u64,
    start_offset: u32,
    end_offset: u32,
    payment: &mut Coin<WAL>,
) {
    let per_epoch = storage_units(storage_size) * self.storage_price_per_unit_size;
    start_offset.range_do!(end_offset, |offset| {
        let paid = payment.balance_mut().split(per_epoch);
        self.future_accounting.ring_lookup_mut(offset).rewards_balance().join(paid);
    });
}

/// Counts `storage_size` as used for each epoch offset in `[start, end)`.
fun use_capacity(
    self: &mut SystemStateInnerV1,
    storage_size: u64,
    start_offset: u32,
    end_offset: u32,
) {
    start_offset.range_do!(end_offset, |offset| {
        let used = self
            .future_accounting
            .ring_lookup_mut(offset)
            .increase_used_capacity(storage_size);
        assert!(used <= self.total_capacity_size, EStorageExceeded);
        if (offset == 0) self.used_capacity_size = used;
    });
}
