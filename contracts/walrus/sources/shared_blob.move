// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// A `Blob` wrapped in a shared object that anyone can fund and extend: what the Walrus publisher
/// makes with `share=true` (the Walrus `shared_blob` module). The funds are WAL kept in the object;
/// `extend` pays the extension from them, so anyone can keep the blob alive.
module walrus::shared_blob;

use sui::balance::{Self, Balance};
use sui::coin::Coin;
use wal::wal::WAL;
use walrus::blob::Blob;
use walrus::system::System;

/// A shared `Blob` with the funds that pay its extensions.
public struct SharedBlob has key, store {
    id: UID,
    blob: Blob,
    funds: Balance<WAL>,
}

/// Shares `blob` as a `SharedBlob` with no funds.
public fun new(blob: Blob, ctx: &mut TxContext) {
    let shared_blob = SharedBlob { id: object::new(ctx), blob, funds: balance::zero() };
    transfer::share_object(shared_blob);
}

/// Shares `blob` as a `SharedBlob` funded with `funds`.
public fun new_funded(blob: Blob, funds: Coin<WAL>, ctx: &mut TxContext) {
    let shared_blob = SharedBlob { id: object::new(ctx), blob, funds: funds.into_balance() };
    transfer::share_object(shared_blob);
}

/// Adds `added_funds` to the funds.
public fun fund(self: &mut SharedBlob, added_funds: Coin<WAL>) {
    self.funds.join(added_funds.into_balance());
}

/// Extends the wrapped blob by `extended_epochs` epochs, paid from the funds (aborts in `system`
/// when they do not cover the cost or the extension goes past the system's limit).
public fun extend(
    self: &mut SharedBlob,
    system: &mut System,
    extended_epochs: u32,
    ctx: &mut TxContext,
) {
    let mut coin = self.funds.withdraw_all().into_coin(ctx);
    system.extend_blob(&mut self.blob, extended_epochs, &mut coin);
    self.funds.join(coin.into_balance());
}
