/**
 * Natives of `wal_exchange::wal_exchange`: a shared `Exchange` swapping SUI and WAL at a set rate
 * (`wal` FROST for `sui` MIST; 1:1 when created). The holder of its `AdminCap` may withdraw funds and
 * change the rate; anyone may fund it or swap.
 */
import type { BalanceValue, CoinValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { AdminCapValue, ExchangeRateValue, ExchangeValue } from '../../generated/move-types.js';
import { implement, returning } from '../support/implement.js';
import {
  abort as abortIn,
  joinBalance,
  newUid,
  structType,
  u64,
  walrusAddresses,
} from '../support/natives-kit.js';

const M = 'wal_exchange' as const;

/** A rate of `wal` FROST for `sui` MIST; both must be positive. */
export function newExchangeRate(ctx: NativeContext, wal: bigint, sui: bigint): ExchangeRateValue {
  if (!(wal > 0n && sui > 0n)) abortIn(ctx, M, 'new_exchange_rate', 'EInvalidExchangeRate');
  return { wal, sui };
}

/** MIST for `amount` FROST, rounded down. */
export function walToSui(_ctx: NativeContext, rate: ExchangeRateValue, amount: bigint): bigint {
  return u64((amount * rate.sui) / rate.wal, `${M}::wal_to_sui`);
}

/** FROST for `amount` MIST, rounded down. */
export function suiToWal(_ctx: NativeContext, rate: ExchangeRateValue, amount: bigint): bigint {
  return u64((amount * rate.wal) / rate.sui, `${M}::sui_to_wal`);
}

function emptyExchange(ctx: NativeContext, adminCap: AdminCapValue): ExchangeValue {
  return {
    id: newUid(ctx),
    wal: { value: 0n },
    sui: { value: 0n },
    rate: { wal: 1n, sui: 1n },
    admin: { bytes: adminCap.id.id.bytes },
  };
}

function share(ctx: NativeContext, exchange: ExchangeValue): void {
  const type = structType(walrusAddresses(ctx).wal_exchange, M, 'Exchange');
  ctx.transfer(type, exchange, { kind: 'shared', initialSharedVersion: 0n });
}

/** Takes `amount` off the caller's `coin`; aborts in `fun` (`EInsufficientInputBalance`) if it holds less. */
function takeInput(ctx: NativeContext, coin: CoinValue, amount: bigint, fun: string): void {
  if (coin.balance.value < amount) abortIn(ctx, M, fun, 'EInsufficientInputBalance');
  coin.balance.value -= amount;
}

/** Consumes the whole `coin` into `balance`. */
function joinCoin(ctx: NativeContext, balance: BalanceValue, coin: CoinValue): void {
  ctx.deleteObject(coin.id.id.bytes);
  joinBalance(balance, coin.balance.value);
}

function checkAdmin(ctx: NativeContext, self: ExchangeValue, adminCap: AdminCapValue): void {
  if (self.admin.bytes !== adminCap.id.id.bytes) abortIn(ctx, M, 'check_admin', 'EUnauthorizedAdminCap');
}

function takeCoin(ctx: NativeContext, balance: BalanceValue, amount: bigint, fun: string): CoinValue {
  if (balance.value < amount) abortIn(ctx, M, fun, 'EInsufficientFundsInExchange');
  balance.value -= amount;
  return { id: newUid(ctx), balance: { value: amount } };
}

/**
 * A swap in `fun`: the whole `input` coin goes into `into`, `amountOut` comes out of `from` as a new
 * coin. Aborts with `EInsufficientFundsInExchange`, before taking the input, if `from` holds less.
 */
function swap(
  ctx: NativeContext,
  input: CoinValue,
  into: BalanceValue,
  from: BalanceValue,
  amountOut: bigint,
  fun: string,
): CoinValue {
  if (from.value < amountOut) abortIn(ctx, M, fun, 'EInsufficientFundsInExchange');
  joinCoin(ctx, into, input);
  return takeCoin(ctx, from, amountOut, fun);
}

/** Swaps the whole `sui` coin for WAL. */
export function exchangeAllForWal(ctx: NativeContext, self: ExchangeValue, sui: CoinValue): CoinValue {
  const amountWal = suiToWal(ctx, self.rate, sui.balance.value);
  return swap(ctx, sui, self.sui, self.wal, amountWal, 'exchange_all_for_wal');
}

/** Swaps the whole `wal` coin for SUI. */
export function exchangeAllForSui(ctx: NativeContext, self: ExchangeValue, wal: CoinValue): CoinValue {
  const amountSui = walToSui(ctx, self.rate, wal.balance.value);
  return swap(ctx, wal, self.wal, self.sui, amountSui, 'exchange_all_for_sui');
}

/** The natives of `wal_exchange::wal_exchange`. */
export const walExchangeNatives = implement(M, {
  new_exchange_rate: returning(newExchangeRate),
  new(ctx) {
    const adminCap: AdminCapValue = { id: newUid(ctx) };
    share(ctx, emptyExchange(ctx, adminCap));
    return [adminCap];
  },
  new_funded(ctx, [wal, amount]) {
    const adminCap: AdminCapValue = { id: newUid(ctx) };
    const exchange = emptyExchange(ctx, adminCap);
    takeInput(ctx, wal, amount, 'add_wal');
    joinBalance(exchange.wal, amount);
    share(ctx, exchange);
    return [adminCap];
  },
  add_wal(ctx, [self, wal, amount]) {
    takeInput(ctx, wal, amount, 'add_wal');
    joinBalance(self.wal, amount);
    return [];
  },
  add_sui(ctx, [self, sui, amount]) {
    takeInput(ctx, sui, amount, 'add_sui');
    joinBalance(self.sui, amount);
    return [];
  },
  add_all_wal(ctx, [self, wal]) {
    joinCoin(ctx, self.wal, wal);
    return [];
  },
  add_all_sui(ctx, [self, sui]) {
    joinCoin(ctx, self.sui, sui);
    return [];
  },
  withdraw_wal(ctx, [self, amount, adminCap]) {
    checkAdmin(ctx, self, adminCap);
    return [takeCoin(ctx, self.wal, amount, 'withdraw_wal')];
  },
  withdraw_sui(ctx, [self, amount, adminCap]) {
    checkAdmin(ctx, self, adminCap);
    return [takeCoin(ctx, self.sui, amount, 'withdraw_sui')];
  },
  set_exchange_rate(ctx, [self, wal, sui, adminCap]) {
    checkAdmin(ctx, self, adminCap);
    self.rate = newExchangeRate(ctx, wal, sui);
    return [];
  },
  exchange_all_for_wal: returning(exchangeAllForWal),
  exchange_for_wal(ctx, [self, sui, amountSui]) {
    takeInput(ctx, sui, amountSui, 'exchange_for_wal');
    return [exchangeAllForWal(ctx, self, { id: newUid(ctx), balance: { value: amountSui } })];
  },
  exchange_all_for_sui: returning(exchangeAllForSui),
  exchange_for_sui(ctx, [self, wal, amountWal]) {
    takeInput(ctx, wal, amountWal, 'exchange_for_sui');
    return [exchangeAllForSui(ctx, self, { id: newUid(ctx), balance: { value: amountWal } })];
  },
  wal_balance: (_ctx, [self]) => [self.wal.value],
  sui_balance: (_ctx, [self]) => [self.sui.value],
});
