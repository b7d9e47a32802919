// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Amounts that take effect at a future epoch: stake to activate, shares to withdraw, commission
/// rates. Keys are epochs, values are amounts.
module walrus::pending_values;

use sui::vec_map::{Self, VecMap};

/// There is no value for the epoch.
const EMissingEpochValue: u64 = 0;
/// The reduction is larger than the value.
const EReduceValueTooLarge: u64 = 1;

/// Epoch → amount.
public struct PendingValues(VecMap<u32, u64>) has copy, drop, store;

/// No pending values.
public(package) fun empty(): PendingValues {
    PendingValues(vec_map::empty())
}

/// Adds `value` to the amount pending for `epoch`.
public(package) fun insert_or_add(self: &mut PendingValues, epoch: u32, value: u64) {
    let map = &mut self.0;
    if (map.contains(&epoch)) {
        let current = &mut map[&epoch];
        *current = *current + value;
    } else {
        map.insert(epoch, value);
    }
}

/// Sets the amount pending for `epoch` to `value`.
public(package) fun insert_or_replace(self: &mut PendingValues, epoch: u32, value: u64) {
    let map = &mut self.0;
    if (map.contains(&epoch)) {
        *(&mut map[&epoch]) = value;
    } else {
        map.insert(epoch, value);
    }
}

/// Subtracts `value` from the amount pending for `epoch`; an amount reaching zero is removed.
public(package) fun reduce(self: &mut PendingValues, epoch: u32, value: u64) {
    let map = &mut self.0;
    assert!(map.contains(&epoch), EMissingEpochValue);
    let current = map[&epoch];
    assert!(current >= value, EReduceValueTooLarge);
    if (current == value) {
        let (_, _) = map.remove(&epoch);
    } else {
        *(&mut map[&epoch]) = current - value;
    }
}

/// The amount pending for exactly `epoch` (0 if none).
public(package) fun value_at(self: &PendingValues, epoch: u32): u64 {
    self.0.try_get(&epoch).destroy_or!(0)
}

/// The sum of the amounts pending for epochs up to and including `epoch`.
public(package) fun sum_up_to(self: &PendingValues, epoch: u32): u64 {
    let map = self.0;
    let (epochs, values) = map.into_keys_values();
    let mut sum = 0;
    epochs.zip_do!(values, |key, value| if (key <= epoch) sum = sum + value);
    sum
}

/// The value of the latest epoch not after `epoch`, if any.
public(package) fun latest_value_at(self: &PendingValues, epoch: u32): Option<u64> {
    let map = self.0;
    let (epochs, values) = map.into_keys_values();
    let mut latest: Option<u32> = option::none();
    let mut result = option::none();
    epochs.zip_do!(values, |key, value| {
        if (key <= epoch && (latest.is_none() || key > *latest.borrow())) {
            latest = option::some(key);
            result = option::some(value);
        }
    });
    result
}

/// Removes every amount pending for epochs up to and including `epoch`; returns their sum.
public(package) fun flush(self: &mut PendingValues, epoch: u32): u64 {
    let sum = self.sum_up_to(epoch);
    let map = self.0;
    let (epochs, _) = map.into_keys_values();
    epochs.do!(|key| if (key <= epoch) {
        let (_, _) = self.0.remove(&key);
    });
    sum
}

/// The underlying map.
public(package) fun inner(self: &PendingValues): &VecMap<u32, u64> {
    &self.0
}

/// True when nothing is pending.
public(package) fun is_empty(self: &PendingValues): bool {
    self.0.is_empty()
}
