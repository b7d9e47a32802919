/** `0x2::coin` (contracts/sui/sources/coin.move): Coin<T>, TreasuryCap<T> and CoinMetadata<T>. */
import { type CoinValue, U64_MAX, uid } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import { FRAMEWORK_ABORT_CODES } from '../../generated/move-types.js';
import { implement } from '../support/implement.js';

const { EInvalidArg, ENotEnough } = FRAMEWORK_ABORT_CODES.coin;
/** Raised inside `balance`, reported at the called coin function (as the ledger always has). */
const balanceAborts = FRAMEWORK_ABORT_CODES.balance;

/** A new coin holding `value`. */
const newCoin = (ctx: NativeContext, value: bigint): CoinValue => ({
  id: uid(ctx.freshId()),
  balance: { value },
});

/** The natives of `0x2::coin`. */
export const coinNatives = implement('coin', {
  value: (_ctx, [coin]) => [coin.balance.value],
  balance: (_ctx, [coin]) => [coin.balance],
  balance_mut: (_ctx, [coin]) => [coin.balance],
  zero: (ctx) => [newCoin(ctx, 0n)],
  from_balance: (ctx, [balance]) => [{ id: uid(ctx.freshId()), balance }],
  into_balance(ctx, [coin]) {
    ctx.deleteObject(coin.id.id.bytes);
    return [coin.balance];
  },
  take(ctx, [balance, amount]) {
    if (balance.value < amount) ctx.abort(ENotEnough);
    balance.value -= amount;
    return [newCoin(ctx, amount)];
  },
  put(ctx, [balance, coin]) {
    ctx.deleteObject(coin.id.id.bytes);
    balance.value += coin.balance.value;
    return [];
  },
  join(ctx, [self, coin]) {
    if (self.balance.value + coin.balance.value > U64_MAX) ctx.abort(balanceAborts.EOverflow);
    ctx.deleteObject(coin.id.id.bytes);
    self.balance.value += coin.balance.value;
    return [];
  },
  split(ctx, [self, amount]) {
    if (self.balance.value < amount) ctx.abort(ENotEnough);
    self.balance.value -= amount;
    return [newCoin(ctx, amount)];
  },
  destroy_zero(ctx, [coin]) {
    if (coin.balance.value !== 0n) ctx.abort(balanceAborts.ENonZero);
    ctx.deleteObject(coin.id.id.bytes);
    return [];
  },
  divide_into_n(ctx, [self, count]) {
    if (count === 0n || count > self.balance.value) ctx.abort(EInvalidArg);
    const each = self.balance.value / count;
    const coins: CoinValue[] = [];
    for (let i = 0n; i < count - 1n; i++) {
      self.balance.value -= each;
      coins.push(newCoin(ctx, each));
    }
    return [coins];
  },
  total_supply: (_ctx, [cap]) => [cap.total_supply.value],
  mint(ctx, [cap, amount]) {
    const supply = cap.total_supply;
    if (supply.value + amount > U64_MAX) ctx.abort(balanceAborts.EOverflow);
    supply.value += amount;
    return [newCoin(ctx, amount)];
  },
  burn(ctx, [cap, coin]) {
    ctx.deleteObject(coin.id.id.bytes);
    cap.total_supply.value -= coin.balance.value;
    return [coin.balance.value];
  },
});
