// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Per-epoch accounting of the future: for each of the next `max_epochs_ahead` epochs, the
/// storage already sold for it and the rewards paid for it. Payments for storage are split per
/// epoch into this ring buffer; at each epoch change the finished epoch's entry is popped, 3% of
/// its rewards are burned and the rest go to the committee.
module walrus::storage_accounting;

use sui::balance::{Self, Balance};
use wal::wal::WAL;

/// Percentage of an epoch's rewards burned at the epoch change.
const BURN_PERCENT: u64 = 3;

/// The epoch is beyond the ring buffer.
const ETooFarInFuture: u64 = 0;

/// One future epoch: used capacity (bytes) and rewards to distribute for it.
public struct FutureAccounting has store {
    epoch: u32,
    used_capacity: u64,
    rewards_to_distribute: Balance<WAL>,
}

/// `length` consecutive epochs starting at the entry `current_index` (the current epoch).
public struct FutureAccountingRingBuffer has store {
    current_index: u32,
    length: u32,
    ring_buffer: vector<FutureAccounting>,
}

/// A ring for epochs `0 .. length - 1`.
public(package) fun ring_new(length: u32): FutureAccountingRingBuffer {
    let ring_buffer = vector::tabulate!(
        length as u64,
        |epoch| FutureAccounting {
            epoch: epoch as u32,
            used_capacity: 0,
            rewards_to_distribute: balance::zero(),
        },
    );
    FutureAccountingRingBuffer { current_index: 0, length, ring_buffer }
}

/// The entry `epochs_in_future` epochs after the current one.
public(package) fun ring_lookup_mut(
    self: &mut FutureAccountingRingBuffer,
    epochs_in_future: u32,
): &mut FutureAccounting {
    assert!(epochs_in_future < self.length, ETooFarInFuture);
    let index = (self.current_index + epochs_in_future) % self.length;
    &mut self.ring_buffer[index as u64]
}

/// The entry `epochs_in_future` epochs after the current one.
public(package) fun ring_lookup(
    self: &FutureAccountingRingBuffer,
    epochs_in_future: u32,
): &FutureAccounting {
    assert!(epochs_in_future < self.length, ETooFarInFuture);
    let index = (self.current_index + epochs_in_future) % self.length;
    &self.ring_buffer[index as u64]
}

/// Removes and returns the current epoch's entry; a fresh entry for the epoch `length` epochs
/// later takes its slot.
public(package) fun ring_pop_expand(self: &mut FutureAccountingRingBuffer): FutureAccounting {
    let index = self.current_index as u64;
    let epoch = self.ring_buffer[index].epoch;
    self
        .ring_buffer
        .push_back(FutureAccounting {
            epoch: epoch + self.length,
            used_capacity: 0,
            rewards_to_distribute: balance::zero(),
        });
    let popped = self.ring_buffer.swap_remove(index);
    self.current_index = (self.current_index + 1) % self.length;
    popped
}

/// Takes the share of the current epoch's rewards that is burned at its end.
public(package) fun extract_burn_balance(self: &mut FutureAccountingRingBuffer): Balance<WAL> {
    let rewards = &mut self.ring_lookup_mut(0).rewards_to_distribute;
    let amount = ((rewards.value() as u128) * (BURN_PERCENT as u128) / 100) as u64;
    rewards.split(amount)
}

/// How many epochs ahead storage can be bought.
public(package) fun max_epochs_ahead(self: &FutureAccountingRingBuffer): u32 {
    self.length
}

/// The epoch of an entry.
public(package) fun epoch(accounting: &FutureAccounting): u32 {
    accounting.epoch
}

/// The storage sold for the entry's epoch.
public(package) fun used_capacity(accounting: &FutureAccounting): u64 {
    accounting.used_capacity
}

/// Adds `amount` bytes of sold storage; returns the new total.
public(package) fun increase_used_capacity(accounting: &mut FutureAccounting, amount: u64): u64 {
    accounting.used_capacity = accounting.used_capacity + amount;
    accounting.used_capacity
}

/// The rewards of the entry's epoch, for paying in.
public(package) fun rewards_balance(accounting: &mut FutureAccounting): &mut Balance<WAL> {
    &mut accounting.rewards_to_distribute
}

/// Consumes a popped entry, returning its rewards.
public(package) fun unwrap_balance(accounting: FutureAccounting): Balance<WAL> {
    let FutureAccounting { rewards_to_distribute, .. } = accounting;
    rewards_to_distribute
}
