// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The system parameters selected by the committee's votes for the next epoch.
module walrus::epoch_parameters;

/// Capacity (bytes of encoded data) and prices (FROST per MiB unit) for an epoch.
public struct EpochParams has copy, drop, store {
    /// The storage capacity of the system.
    total_capacity_size: u64,
    /// The price per unit size (1 MiB) of storage for one epoch.
    storage_price_per_unit_size: u64,
    /// The price per unit size (1 MiB) of writing, paid once.
    write_price_per_unit_size: u64,
}

/// Creates the parameters.
public(package) fun new(
    total_capacity_size: u64,
    storage_price_per_unit_size: u64,
    write_price_per_unit_size: u64,
): EpochParams {
    EpochParams { total_capacity_size, storage_price_per_unit_size, write_price_per_unit_size }
}

/// The storage capacity.
public(package) fun capacity(self: &EpochParams): u64 {
    self.total_capacity_size
}

/// The storage price per unit size and epoch.
public(package) fun storage_price(self: &EpochParams): u64 {
    self.storage_price_per_unit_size
}

/// The write price per unit size.
public(package) fun write_price(self: &EpochParams): u64 {
    self.write_price_per_unit_size
}
