/** `0x2::balance` (contracts/sui/sources/balance.move): Balance<T> and Supply<T>, exact u64 arithmetic with Sui's abort codes. */
import { U64_MAX } from '../../../ledger/core/natives/framework/values.js';
import { FRAMEWORK_ABORT_CODES } from '../../generated/move-types.js';
import { field, implement } from '../support/implement.js';

const { ENonZero, EOverflow, ENotEnough } = FRAMEWORK_ABORT_CODES.balance;

/** The natives of `0x2::balance`. */
export const balanceNatives = implement('balance', {
  value: field('value'),
  supply_value: field('value'),
  zero: () => [{ value: 0n }],
  join(ctx, [self, other]) {
    const sum = self.value + other.value;
    if (sum > U64_MAX) ctx.abort(EOverflow);
    self.value = sum;
    return [sum];
  },
  split(ctx, [self, amount]) {
    if (self.value < amount) ctx.abort(ENotEnough);
    self.value -= amount;
    return [{ value: amount }];
  },
  withdraw_all(_ctx, [self]) {
    const value = self.value;
    self.value = 0n;
    return [{ value }];
  },
  destroy_zero(ctx, [balance]) {
    if (balance.value !== 0n) ctx.abort(ENonZero);
    return [];
  },
  increase_supply(ctx, [supply, amount]) {
    if (supply.value + amount > U64_MAX) ctx.abort(EOverflow);
    supply.value += amount;
    return [{ value: amount }];
  },
  decrease_supply(ctx, [supply, balance]) {
    const amount = balance.value;
    if (supply.value < amount) ctx.abort(EOverflow);
    supply.value -= amount;
    return [amount];
  },
});
