// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Storage reservations: `storage_size` bytes of encoded data for the epochs
/// `[start_epoch, end_epoch)`. They are bought with `system::reserve_space`, held by blobs,
/// and can be split and fused like coins.
module walrus::storage_resource;

/// The split epoch is not strictly inside the period.
const EInvalidEpoch: u64 = 0;
/// The periods are not adjacent, or not equal where they must be.
const EIncompatibleEpochs: u64 = 1;
/// The sizes differ where they must be equal.
const EIncompatibleAmount: u64 = 2;
/// The split size is zero or not smaller than the reservation.
const EInvalidSize: u64 = 3;

/// A reservation of `storage_size` bytes for epochs `[start_epoch, end_epoch)`.
public struct Storage has key, store {
    id: UID,
    start_epoch: u32,
    end_epoch: u32,
    storage_size: u64,
}

/// The first epoch of the reservation.
public fun start_epoch(self: &Storage): u32 {
    self.start_epoch
}

/// The first epoch after the reservation (exclusive end).
public fun end_epoch(self: &Storage): u32 {
    self.end_epoch
}

/// The reserved size in bytes.
public fun size(self: &Storage): u64 {
    self.storage_size
}

/// Creates a reservation; only the system does this, after payment.
public(package) fun create_storage(
    start_epoch: u32,
    end_epoch: u32,
    storage_size: u64,
    ctx: &mut TxContext,
): Storage {
    Storage { id: object::new(ctx), start_epoch, end_epoch, storage_size }
}

/// Moves the end of the reservation `extension_epochs` later (paid for by the caller).
public(package) fun extend_end_epoch(self: &mut Storage, extension_epochs: u32) {
    self.end_epoch = self.end_epoch + extension_epochs;
}

/// Splits the period at `split_epoch`: `storage` keeps `[start, split_epoch)`, the result gets
/// `[split_epoch, end)`.
public fun split_by_epoch(storage: &mut Storage, split_epoch: u32, ctx: &mut TxContext): Storage {
    assert!(split_epoch > storage.start_epoch && split_epoch < storage.end_epoch, EInvalidEpoch);
    let end_epoch = storage.end_epoch;
    storage.end_epoch = split_epoch;
    Storage {
        id: object::new(ctx),
        start_epoch: split_epoch,
        end_epoch,
        storage_size: storage.storage_size,
    }
}

/// Splits off `split_size` bytes for the same period.
public fun split_by_size(storage: &mut Storage, split_size: u64, ctx: &mut TxContext): Storage {
    assert!(split_size > 0 && split_size < storage.storage_size, EInvalidSize);
    storage.storage_size = storage.storage_size - split_size;
    Storage {
        id: object::new(ctx),
        start_epoch: storage.start_epoch,
        end_epoch: storage.end_epoch,
        storage_size: split_size,
    }
}

/// Joins two adjacent periods of the same size into `first`.
public fun fuse_periods(first: &mut Storage, second: Storage) {
    let Storage { id, start_epoch, end_epoch, storage_size } = second;
    id.delete();
    assert!(first.storage_size == storage_size, EIncompatibleAmount);
    if (first.end_epoch == start_epoch) {
        first.end_epoch = end_epoch;
    } else {
        assert!(first.start_epoch == end_epoch, EIncompatibleEpochs);
        first.start_epoch = start_epoch;
    }
}

/// Adds the size of `second` to `first`; both must cover the same period.
public fun fuse_amount(first: &mut Storage, second: Storage) {
    let Storage { id, start_epoch, end_epoch, storage_size } = second;
    id.delete();
    assert!(first.start_epoch == start_epoch && first.end_epoch == end_epoch, EIncompatibleEpochs);
    first.storage_size = first.storage_size + storage_size;
}

/// `fuse_amount` for equal periods, otherwise `fuse_periods`.
public fun fuse(first: &mut Storage, second: Storage) {
    if (first.start_epoch == second.start_epoch && first.end_epoch == second.end_epoch) {
        first.fuse_amount(second);
    } else {
        first.fuse_periods(second);
    }
}

/// Destroys a reservation. Nothing is refunded.
public fun destroy(storage: Storage) {
    let Storage { id, .. } = storage;
    id.delete();
}
