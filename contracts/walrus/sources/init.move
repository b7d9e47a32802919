// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Publishing and starting Walrus. Publishing gives the publisher an `InitCap`;
/// `initialize_walrus` spends it to create and share the `System` and `Staking` objects.
module walrus::init;

use std::type_name;
use sui::{address, clock::Clock};
use walrus::{staking, system};

/// The one-time witness of the package.
public struct INIT has drop {}

/// Allows initializing Walrus once.
public struct InitCap has key, store {
    id: UID,
}

fun init(_otw: INIT, ctx: &mut TxContext) {
    transfer::public_transfer(InitCap { id: object::new(ctx) }, ctx.sender());
}

/// Creates and shares the `System` (storage can be bought up to `max_epochs_ahead` epochs ahead)
/// and the `Staking` object (`n_shards` shards; the first epoch change is allowed
/// `epoch_zero_duration` ms from now, later epochs last `epoch_duration` ms).
public fun initialize_walrus(
    init_cap: InitCap,
    epoch_zero_duration: u64,
    epoch_duration: u64,
    n_shards: u16,
    max_epochs_ahead: u32,
    clock: &Clock,
    ctx: &mut TxContext,
) {
    let InitCap { id } = init_cap;
    id.delete();
    let package_id = this_package_id();
    system::create_empty(max_epochs_ahead, package_id, ctx);
    staking::create(epoch_zero_duration, epoch_duration, n_shards, package_id, clock, ctx);
}

/// The id of this package, read from the type of its one-time witness.
fun this_package_id(): ID {
    let package = type_name::get_with_original_ids<INIT>().get_address();
    object::id_from_address(address::from_ascii_bytes(package.as_bytes()))
}
