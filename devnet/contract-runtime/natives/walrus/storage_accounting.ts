/**
 * Natives of `walrus::storage_accounting`: for each of the next `max_epochs_ahead` epochs, the storage
 * sold for it and the rewards paid for it, in a ring buffer. No public functions.
 */
import type { BalanceValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  type FutureAccountingRingBufferValue,
  type FutureAccountingValue,
  MOVE_CONSTANTS,
} from '../../generated/move-types.js';
import { abort, u64 } from '../support/natives-kit.js';

/** Percentage of an epoch's rewards burned at the epoch change. */
export const BURN_PERCENT = MOVE_CONSTANTS.storage_accounting.BURN_PERCENT;

const entry = (epoch: number): FutureAccountingValue => ({
  epoch,
  used_capacity: 0n,
  rewards_to_distribute: { value: 0n },
});

/** A ring for epochs `0 .. length - 1`. */
export function ringNew(_ctx: NativeContext, length: number): FutureAccountingRingBufferValue {
  return { current_index: 0, length, ring_buffer: Array.from({ length }, (_, epoch) => entry(epoch)) };
}

/** The entry `epochsInFuture` epochs after the current one; beyond the ring, aborts in `fun`. */
function lookup(
  ctx: NativeContext,
  self: FutureAccountingRingBufferValue,
  epochsInFuture: number,
  fun: string,
): FutureAccountingValue {
  if (epochsInFuture >= self.length) abort(ctx, 'storage_accounting', fun, 'ETooFarInFuture');
  return self.ring_buffer[(self.current_index + epochsInFuture) % self.length]!;
}

/** The entry `epochsInFuture` epochs after the current one (live). */
export function ringLookupMut(
  ctx: NativeContext,
  self: FutureAccountingRingBufferValue,
  epochsInFuture: number,
): FutureAccountingValue {
  return lookup(ctx, self, epochsInFuture, 'ring_lookup_mut');
}

/** The entry `epochsInFuture` epochs after the current one. */
export function ringLookup(
  ctx: NativeContext,
  self: FutureAccountingRingBufferValue,
  epochsInFuture: number,
): FutureAccountingValue {
  return lookup(ctx, self, epochsInFuture, 'ring_lookup');
}

/** Removes and returns the current epoch's entry; a fresh entry `length` epochs later takes its slot. */
export function ringPopExpand(
  _ctx: NativeContext,
  self: FutureAccountingRingBufferValue,
): FutureAccountingValue {
  const index = self.current_index;
  const popped = self.ring_buffer[index]!;
  self.ring_buffer[index] = entry(popped.epoch + self.length);
  self.current_index = (self.current_index + 1) % self.length;
  return popped;
}

/** Takes the share of the current epoch's rewards burned at its end (3%, rounded down). */
export function extractBurnBalance(ctx: NativeContext, self: FutureAccountingRingBufferValue): BalanceValue {
  const rewards = ringLookupMut(ctx, self, 0).rewards_to_distribute;
  const amount = (rewards.value * BURN_PERCENT) / 100n;
  rewards.value -= amount;
  return { value: amount };
}

/** How many epochs ahead storage can be bought. */
export function maxEpochsAhead(_ctx: NativeContext, self: FutureAccountingRingBufferValue): number {
  return self.length;
}

/** The epoch of an entry. */
export function epoch(_ctx: NativeContext, accounting: FutureAccountingValue): number {
  return accounting.epoch;
}

/** Adds `amount` bytes of sold storage; returns the new total. */
export function increaseUsedCapacity(
  _ctx: NativeContext,
  accounting: FutureAccountingValue,
  amount: bigint,
): bigint {
  accounting.used_capacity = u64(
    accounting.used_capacity + amount,
    'storage_accounting::increase_used_capacity',
  );
  return accounting.used_capacity;
}

/** Consumes a popped entry, returning its rewards. */
export function unwrapBalance(_ctx: NativeContext, accounting: FutureAccountingValue): BalanceValue {
  return accounting.rewards_to_distribute;
}
