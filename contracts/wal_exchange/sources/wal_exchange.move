// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// A shared exchange that swaps SUI for WAL and back at a fixed rate.
///
/// The devnet creates one at genesis, funded with WAL (`new_funded`) at a rate of 1 WAL per SUI,
/// so any account with SUI from the faucet can get WAL. The holder of the `AdminCap` may add or
/// withdraw funds and change the rate.
module wal_exchange::wal_exchange;

use sui::{balance::{Self, Balance}, coin::Coin, sui::SUI};
use wal::wal::WAL;

/// The exchange does not hold enough of the requested coin.
const EInsufficientFundsInExchange: u64 = 0;
/// The input coin is smaller than the amount to exchange.
const EInsufficientInputBalance: u64 = 1;
/// The `AdminCap` does not belong to this exchange.
const EUnauthorizedAdminCap: u64 = 2;
/// A rate side is zero.
const EInvalidExchangeRate: u64 = 3;

/// The shared exchange: its two balances, the rate and the id of the `AdminCap` that controls it.
public struct Exchange has key, store {
    id: UID,
    wal: Balance<WAL>,
    sui: Balance<SUI>,
    rate: ExchangeRate,
    admin: ID,
}

/// Grants the admin functions of one `Exchange`.
public struct AdminCap has key, store {
    id: UID,
}

/// `wal` FROST are worth `sui` MIST.
public struct ExchangeRate has copy, drop, store {
    wal: u64,
    sui: u64,
}

// === Exchange rate ===

/// A rate of `wal` FROST for `sui` MIST; both must be positive.
public fun new_exchange_rate(wal: u64, sui: u64): ExchangeRate {
    assert!(wal > 0 && sui > 0, EInvalidExchangeRate);
    ExchangeRate { wal, sui }
}

/// MIST for `amount` FROST, rounded down.
fun wal_to_sui(self: &ExchangeRate, amount: u64): u64 {
    ((amount as u128) * (self.sui as u128) / (self.wal as u128)) as u64
}

/// FROST for `amount` MIST, rounded down.
fun sui_to_wal(self: &ExchangeRate, amount: u64): u64 {
    ((amount as u128) * (self.wal as u128) / (self.sui as u128)) as u64
}

// === Creation ===

/// Shares a new, empty exchange at a 1:1 rate and returns its `AdminCap`.
public fun new(ctx: &mut TxContext): AdminCap {
    let admin_cap = AdminCap { id: object::new(ctx) };
    transfer::share_object(empty_exchange(&admin_cap, ctx));
    admin_cap
}

/// Shares a new exchange at a 1:1 rate holding `amount` FROST taken from `wal`; returns its `AdminCap`.
public fun new_funded(wal: &mut Coin<WAL>, amount: u64, ctx: &mut TxContext): AdminCap {
    let admin_cap = AdminCap { id: object::new(ctx) };
    let mut exchange = empty_exchange(&admin_cap, ctx);
    exchange.add_wal(wal, amount);
    transfer::share_object(exchange);
    admin_cap
}

fun empty_exchange(admin_cap: &AdminCap, ctx: &mut TxContext): Exchange {
    Exchange {
        id: object::new(ctx),
        wal: balance::zero(),
        sui: balance::zero(),
        rate: ExchangeRate { wal: 1, sui: 1 },
        admin: object::id(admin_cap),
    }
}

// === Funding (anyone) ===

/// Moves `amount` FROST from `wal` into the exchange.
public fun add_wal(self: &mut Exchange, wal: &mut Coin<WAL>, amount: u64) {
    assert!(wal.value() >= amount, EInsufficientInputBalance);
    self.wal.join(wal.balance_mut().split(amount));
}

/// Moves `amount` MIST from `sui` into the exchange.
public fun add_sui(self: &mut Exchange, sui: &mut Coin<SUI>, amount: u64) {
    assert!(sui.value() >= amount, EInsufficientInputBalance);
    self.sui.join(sui.balance_mut().split(amount));
}

/// Moves the whole `wal` coin into the exchange.
public fun add_all_wal(self: &mut Exchange, wal: Coin<WAL>) {
    self.wal.join(wal.into_balance());
}

/// Moves the whole `sui` coin into the exchange.
public fun add_all_sui(self: &mut Exchange, sui: Coin<SUI>) {
    self.sui.join(sui.into_balance());
}

// === Admin ===

fun check_admin(self: &Exchange, admin_cap: &AdminCap) {
    assert!(self.admin == object::id(admin_cap), EUnauthorizedAdminCap);
}

/// Takes `amount` FROST out of the exchange.
public fun withdraw_wal(
    self: &mut Exchange,
    amount: u64,
    admin_cap: &AdminCap,
    ctx: &mut TxContext,
): Coin<WAL> {
    self.check_admin(admin_cap);
    assert!(self.wal.value() >= amount, EInsufficientFundsInExchange);
    self.wal.split(amount).into_coin(ctx)
}

/// Takes `amount` MIST out of the exchange.
public fun withdraw_sui(
    self: &mut Exchange,
    amount: u64,
    admin_cap: &AdminCap,
    ctx: &mut TxContext,
): Coin<SUI> {
    self.check_admin(admin_cap);
    assert!(self.sui.value() >= amount, EInsufficientFundsInExchange);
    self.sui.split(amount).into_coin(ctx)
}

/// Sets the rate to `wal` FROST per `sui` MIST.
public fun set_exchange_rate(self: &mut Exchange, wal: u64, sui: u64, admin_cap: &AdminCap) {
    self.check_admin(admin_cap);
    self.rate = new_exchange_rate(wal, sui);
}

// === Exchange (anyone) ===

/// Swaps the whole `sui` coin for WAL.
public fun exchange_all_for_wal(
    self: &mut Exchange,
    sui: Coin<SUI>,
    ctx: &mut TxContext,
): Coin<WAL> {
    let amount_wal = self.rate.sui_to_wal(sui.value());
    assert!(self.wal.value() >= amount_wal, EInsufficientFundsInExchange);
    self.sui.join(sui.into_balance());
    self.wal.split(amount_wal).into_coin(ctx)
}

/// Swaps `amount_sui` MIST taken from `sui` for WAL.
public fun exchange_for_wal(
    self: &mut Exchange,
    sui: &mut Coin<SUI>,
    amount_sui: u64,
    ctx: &mut TxContext,
): Coin<WAL> {
    assert!(sui.value() >= amount_sui, EInsufficientInputBalance);
    self.exchange_all_for_wal(sui.split(amount_sui, ctx), ctx)
}

/// Swaps the whole `wal` coin for SUI.
public fun exchange_all_for_sui(
    self: &mut Exchange,
    wal: Coin<WAL>,
    ctx: &mut TxContext,
): Coin<SUI> {
    let amount_sui = self.rate.wal_to_sui(wal.value());
    assert!(self.sui.value() >= amount_sui, EInsufficientFundsInExchange);
    self.wal.join(wal.into_balance());
    self.sui.split(amount_sui).into_coin(ctx)
}

/// Swaps `amount_wal` FROST taken from `wal` for SUI.
public fun exchange_for_sui(
    self: &mut Exchange,
    wal: &mut Coin<WAL>,
    amount_wal: u64,
    ctx: &mut TxContext,
): Coin<SUI> {
    assert!(wal.value() >= amount_wal, EInsufficientInputBalance);
    self.exchange_all_for_sui(wal.split(amount_wal, ctx), ctx)
}

// === Views ===

/// FROST held by the exchange.
public fun wal_balance(self: &Exchange): u64 {
    self.wal.value()
}

/// MIST held by the exchange.
public fun sui_balance(self: &Exchange): u64 {
    self.sui.value()
}
