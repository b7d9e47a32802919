// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The WAL coin of the local Walrus network.
///
/// WAL has 9 decimals (1 WAL = 1_000_000_000 FROST). The whole supply is minted once, when the
/// package is published, and handed to the publisher (the devnet's genesis account). The
/// `TreasuryCap` is then locked inside the shared `ProtectedTreasury`: from there WAL can only be
/// burned (Walrus burns part of the storage rewards at every epoch change), never minted again.
#[allow(deprecated_usage)]
module wal::wal;

use sui::{coin::{Self, Coin, TreasuryCap}, url};

/// Decimals of WAL.
const DECIMALS: u8 = 9;
/// The supply minted at publish time, in whole WAL.
const TOTAL_SUPPLY_WAL: u64 = 5_000_000_000;
const SYMBOL: vector<u8> = b"WAL";
const NAME: vector<u8> = b"WAL Token";
const DESCRIPTION: vector<u8> = b"The native token of the Walrus storage network (local devnet).";
const ICON_URL: vector<u8> = b"https://www.walrus.xyz/wal-icon.svg";

/// The one-time witness and the coin type: `Coin<WAL>`.
public struct WAL has drop {}

/// Shared wrapper around the WAL `TreasuryCap`. It exposes burning and the total supply only.
public struct ProtectedTreasury has key {
    id: UID,
    cap: TreasuryCap<WAL>,
}

/// Creates the currency, mints the supply to the publisher, freezes the metadata and shares the
/// protected treasury.
fun init(otw: WAL, ctx: &mut TxContext) {
    let (mut cap, metadata) = coin::create_currency(
        otw,
        DECIMALS,
        SYMBOL,
        NAME,
        DESCRIPTION,
        option::some(url::new_unsafe_from_bytes(ICON_URL)),
        ctx,
    );
    let supply = cap.mint(TOTAL_SUPPLY_WAL * frost_per_wal(), ctx);
    transfer::public_freeze_object(metadata);
    transfer::share_object(ProtectedTreasury { id: object::new(ctx), cap });
    transfer::public_transfer(supply, ctx.sender());
}

/// The current total supply of WAL in FROST: the minted supply less everything burned.
public fun total_supply(treasury: &ProtectedTreasury): u64 {
    treasury.cap.total_supply()
}

/// Burns `coin`, lowering the total supply by its value.
public fun burn(treasury: &mut ProtectedTreasury, coin: Coin<WAL>) {
    treasury.cap.burn(coin);
}

/// FROST per WAL.
fun frost_per_wal(): u64 {
    10u64.pow(DECIMALS)
}
