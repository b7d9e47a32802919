/**
 * Natives of `wal_exchange::wal_exchange`: a shared `Exchange` swapping SUI and WAL at a set rate
 * (`wal` FROST for `sui` MIST; 1:1 when created). The holder of its `AdminCap` may withdraw funds and
 * change the rate; anyone may fund it or swap.
 */
import type {
  BalanceValue,
  CoinValue,
  IdValue,
  UidValue,
} from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import {
  abort as abortIn,
  fn,
  joinBalance,
  newUid,
  structType,
  u64,
  type WalrusAddresses,
  withWalrusAddresses,
} from '../support/natives-kit.js';

/** The exchange does not hold enough of the requested coin. */
export const EInsufficientFundsInExchange = 0;
/** The input coin is smaller than the amount to exchange. */
export const EInsufficientInputBalance = 1;
/** The `AdminCap` does not belong to this exchange. */
export const EUnauthorizedAdminCap = 2;
/** A rate side is zero. */
export const EInvalidExchangeRate = 3;

/** `ExchangeRate`, decoded: `wal` FROST are worth `sui` MIST. */
export interface ExchangeRateValue {
  wal: bigint;
  sui: bigint;
}

/** `Exchange`, decoded. */
export interface ExchangeValue {
  id: UidValue;
  wal: BalanceValue;
  sui: BalanceValue;
  rate: ExchangeRateValue;
  admin: IdValue;
}

/** `AdminCap`, decoded. */
export interface AdminCapValue {
  id: UidValue;
}

const M = 'wal_exchange';

/** A rate of `wal` FROST for `sui` MIST; both must be positive. */
export function newExchangeRate(ctx: NativeContext, wal: bigint, sui: bigint): ExchangeRateValue {
  if (!(wal > 0n && sui > 0n)) abortIn(ctx, M, 'new_exchange_rate', EInvalidExchangeRate);
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

function share(ctx: NativeContext, address: string, exchange: ExchangeValue): void {
  ctx.transfer(structType(address, M, 'Exchange'), exchange, { kind: 'shared', initialSharedVersion: 0n });
}

/**
 * Shares a new, empty exchange at 1:1 and returns its `AdminCap` (`address`: this package). Move `new`;
 * also exported as `new`.
 */
export function newExchange(ctx: NativeContext, address: string): AdminCapValue {
  const adminCap: AdminCapValue = { id: newUid(ctx) };
  share(ctx, address, emptyExchange(ctx, adminCap));
  return adminCap;
}

export { newExchange as new };

/** Shares a new exchange at 1:1 holding `amount` FROST taken from `wal`; returns its `AdminCap`. */
export function newFunded(
  ctx: NativeContext,
  address: string,
  wal: CoinValue,
  amount: bigint,
): AdminCapValue {
  const adminCap: AdminCapValue = { id: newUid(ctx) };
  const exchange = emptyExchange(ctx, adminCap);
  addWal(ctx, exchange, wal, amount);
  share(ctx, address, exchange);
  return adminCap;
}

/** Takes `amount` off the caller's `coin`; aborts in `fun` (`EInsufficientInputBalance`) if it holds less. */
function takeInput(ctx: NativeContext, coin: CoinValue, amount: bigint, fun: string): void {
  if (coin.balance.value < amount) abortIn(ctx, M, fun, EInsufficientInputBalance);
  coin.balance.value -= amount;
}

/** Consumes the whole `coin` into `balance`. */
function joinCoin(ctx: NativeContext, balance: BalanceValue, coin: CoinValue): void {
  ctx.deleteObject(coin.id.id.bytes);
  joinBalance(balance, coin.balance.value);
}

/** Moves `amount` FROST from `wal` into the exchange. */
export function addWal(ctx: NativeContext, self: ExchangeValue, wal: CoinValue, amount: bigint): void {
  takeInput(ctx, wal, amount, 'add_wal');
  joinBalance(self.wal, amount);
}

/** Moves `amount` MIST from `sui` into the exchange. */
export function addSui(ctx: NativeContext, self: ExchangeValue, sui: CoinValue, amount: bigint): void {
  takeInput(ctx, sui, amount, 'add_sui');
  joinBalance(self.sui, amount);
}

/** Moves the whole `wal` coin into the exchange. */
export function addAllWal(ctx: NativeContext, self: ExchangeValue, wal: CoinValue): void {
  joinCoin(ctx, self.wal, wal);
}

/** Moves the whole `sui` coin into the exchange. */
export function addAllSui(ctx: NativeContext, self: ExchangeValue, sui: CoinValue): void {
  joinCoin(ctx, self.sui, sui);
}

function checkAdmin(ctx: NativeContext, self: ExchangeValue, adminCap: AdminCapValue): void {
  if (self.admin.bytes !== adminCap.id.id.bytes) abortIn(ctx, M, 'check_admin', EUnauthorizedAdminCap);
}

function takeCoin(ctx: NativeContext, balance: BalanceValue, amount: bigint, fun: string): CoinValue {
  if (balance.value < amount) abortIn(ctx, M, fun, EInsufficientFundsInExchange);
  balance.value -= amount;
  return { id: newUid(ctx), balance: { value: amount } };
}

/** Takes `amount` FROST out of the exchange (admin). */
export function withdrawWal(
  ctx: NativeContext,
  self: ExchangeValue,
  amount: bigint,
  adminCap: AdminCapValue,
): CoinValue {
  checkAdmin(ctx, self, adminCap);
  return takeCoin(ctx, self.wal, amount, 'withdraw_wal');
}

/** Takes `amount` MIST out of the exchange (admin). */
export function withdrawSui(
  ctx: NativeContext,
  self: ExchangeValue,
  amount: bigint,
  adminCap: AdminCapValue,
): CoinValue {
  checkAdmin(ctx, self, adminCap);
  return takeCoin(ctx, self.sui, amount, 'withdraw_sui');
}

/** Sets the rate to `wal` FROST per `sui` MIST (admin). */
export function setExchangeRate(
  ctx: NativeContext,
  self: ExchangeValue,
  wal: bigint,
  sui: bigint,
  adminCap: AdminCapValue,
): void {
  checkAdmin(ctx, self, adminCap);
  self.rate = newExchangeRate(ctx, wal, sui);
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
  if (from.value < amountOut) abortIn(ctx, M, fun, EInsufficientFundsInExchange);
  joinCoin(ctx, into, input);
  return takeCoin(ctx, from, amountOut, fun);
}

/** Swaps the whole `sui` coin for WAL. */
export function exchangeAllForWal(ctx: NativeContext, self: ExchangeValue, sui: CoinValue): CoinValue {
  const amountWal = suiToWal(ctx, self.rate, sui.balance.value);
  return swap(ctx, sui, self.sui, self.wal, amountWal, 'exchange_all_for_wal');
}

/** Swaps `amountSui` MIST taken from `sui` for WAL. */
export function exchangeForWal(
  ctx: NativeContext,
  self: ExchangeValue,
  sui: CoinValue,
  amountSui: bigint,
): CoinValue {
  takeInput(ctx, sui, amountSui, 'exchange_for_wal');
  return exchangeAllForWal(ctx, self, { id: newUid(ctx), balance: { value: amountSui } });
}

/** Swaps the whole `wal` coin for SUI. */
export function exchangeAllForSui(ctx: NativeContext, self: ExchangeValue, wal: CoinValue): CoinValue {
  const amountSui = walToSui(ctx, self.rate, wal.balance.value);
  return swap(ctx, wal, self.wal, self.sui, amountSui, 'exchange_all_for_sui');
}

/** Swaps `amountWal` FROST taken from `wal` for SUI. */
export function exchangeForSui(
  ctx: NativeContext,
  self: ExchangeValue,
  wal: CoinValue,
  amountWal: bigint,
): CoinValue {
  takeInput(ctx, wal, amountWal, 'exchange_for_sui');
  return exchangeAllForSui(ctx, self, { id: newUid(ctx), balance: { value: amountWal } });
}

/** FROST held by the exchange. */
export function walBalance(_ctx: NativeContext, self: ExchangeValue): bigint {
  return self.wal.value;
}

/** MIST held by the exchange. */
export function suiBalance(_ctx: NativeContext, self: ExchangeValue): bigint {
  return self.sui.value;
}

/**
 * The `wal_exchange::wal_exchange` module: `Exchange`, `AdminCap`, `ExchangeRate` and every public
 * function.
 * @example registry.register(walExchangeModule(addresses))
 */
export function walExchangeModule(addresses: WalrusAddresses): NativeModule {
  const here = addresses.wal_exchange;
  const asExchange = (v: unknown) => v as ExchangeValue;
  const asCoin = (v: unknown) => v as CoinValue;
  const asCap = (v: unknown) => v as AdminCapValue;
  const base = { address: here, module: M, typeParams: [] };
  return withWalrusAddresses(
    {
      address: here,
      name: M,
      imports: { WAL: `${addresses.wal}::wal::WAL` },
      structs: [
        {
          ...base,
          name: 'Exchange',
          abilities: ['key', 'store'],
          fields: [
            { name: 'id', type: 'UID' },
            { name: 'wal', type: 'Balance<WAL>' },
            { name: 'sui', type: 'Balance<SUI>' },
            { name: 'rate', type: 'ExchangeRate' },
            { name: 'admin', type: 'ID' },
          ],
        },
        { ...base, name: 'AdminCap', abilities: ['key', 'store'], fields: [{ name: 'id', type: 'UID' }] },
        {
          ...base,
          name: 'ExchangeRate',
          abilities: ['copy', 'drop', 'store'],
          fields: [
            { name: 'wal', type: 'u64' },
            { name: 'sui', type: 'u64' },
          ],
        },
      ],
      functions: [
        fn('new_exchange_rate', ['u64', 'u64'], ['ExchangeRate'], (ctx, [wal, sui]) => [
          newExchangeRate(ctx, wal as bigint, sui as bigint),
        ]),
        fn('new', ['&mut TxContext'], ['AdminCap'], (ctx) => [newExchange(ctx, here)]),
        fn('new_funded', ['&mut Coin<WAL>', 'u64', '&mut TxContext'], ['AdminCap'], (ctx, [wal, amount]) => [
          newFunded(ctx, here, asCoin(wal), amount as bigint),
        ]),
        fn('add_wal', ['&mut Exchange', '&mut Coin<WAL>', 'u64'], [], (ctx, [x, wal, amount]) => {
          addWal(ctx, asExchange(x), asCoin(wal), amount as bigint);
          return [];
        }),
        fn('add_sui', ['&mut Exchange', '&mut Coin<SUI>', 'u64'], [], (ctx, [x, sui, amount]) => {
          addSui(ctx, asExchange(x), asCoin(sui), amount as bigint);
          return [];
        }),
        fn('add_all_wal', ['&mut Exchange', 'Coin<WAL>'], [], (ctx, [x, wal]) => {
          addAllWal(ctx, asExchange(x), asCoin(wal));
          return [];
        }),
        fn('add_all_sui', ['&mut Exchange', 'Coin<SUI>'], [], (ctx, [x, sui]) => {
          addAllSui(ctx, asExchange(x), asCoin(sui));
          return [];
        }),
        fn(
          'withdraw_wal',
          ['&mut Exchange', 'u64', '&AdminCap', '&mut TxContext'],
          ['Coin<WAL>'],
          (ctx, [x, amount, cap]) => [withdrawWal(ctx, asExchange(x), amount as bigint, asCap(cap))],
        ),
        fn(
          'withdraw_sui',
          ['&mut Exchange', 'u64', '&AdminCap', '&mut TxContext'],
          ['Coin<SUI>'],
          (ctx, [x, amount, cap]) => [withdrawSui(ctx, asExchange(x), amount as bigint, asCap(cap))],
        ),
        fn(
          'set_exchange_rate',
          ['&mut Exchange', 'u64', 'u64', '&AdminCap'],
          [],
          (ctx, [x, wal, sui, cap]) => {
            setExchangeRate(ctx, asExchange(x), wal as bigint, sui as bigint, asCap(cap));
            return [];
          },
        ),
        fn(
          'exchange_all_for_wal',
          ['&mut Exchange', 'Coin<SUI>', '&mut TxContext'],
          ['Coin<WAL>'],
          (ctx, [x, sui]) => [exchangeAllForWal(ctx, asExchange(x), asCoin(sui))],
        ),
        fn(
          'exchange_for_wal',
          ['&mut Exchange', '&mut Coin<SUI>', 'u64', '&mut TxContext'],
          ['Coin<WAL>'],
          (ctx, [x, sui, amount]) => [exchangeForWal(ctx, asExchange(x), asCoin(sui), amount as bigint)],
        ),
        fn(
          'exchange_all_for_sui',
          ['&mut Exchange', 'Coin<WAL>', '&mut TxContext'],
          ['Coin<SUI>'],
          (ctx, [x, wal]) => [exchangeAllForSui(ctx, asExchange(x), asCoin(wal))],
        ),
        fn(
          'exchange_for_sui',
          ['&mut Exchange', '&mut Coin<WAL>', 'u64', '&mut TxContext'],
          ['Coin<SUI>'],
          (ctx, [x, wal, amount]) => [exchangeForSui(ctx, asExchange(x), asCoin(wal), amount as bigint)],
        ),
        fn('wal_balance', ['&Exchange'], ['u64'], (ctx, [x]) => [walBalance(ctx, asExchange(x))]),
        fn('sui_balance', ['&Exchange'], ['u64'], (ctx, [x]) => [suiBalance(ctx, asExchange(x))]),
      ],
    },
    addresses,
  );
}
