/**
 * Natives of `walrus::pending_values`: amounts that take effect at a future epoch, a
 * `PendingValues(VecMap<u32, u64>)` (epoch → amount, in insertion order as Move's `VecMap` keeps it).
 * The module has no public functions; the TypeScript twins of its `public(package)` functions are
 * exported for the staking pool.
 */
import type { OptionValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { PendingValuesValue } from '../../generated/move-types.js';
import { abort } from '../support/natives-kit.js';
import { type VecMapValue, vecMapGet, vecMapRemove, vecMapSet } from '../support/vec-map.js';

/** No pending values. */
export function empty(_ctx: NativeContext): PendingValuesValue {
  return { pos0: { contents: [] } };
}

/** Adds `value` to the amount pending for `epoch`. */
export function insertOrAdd(
  _ctx: NativeContext,
  self: PendingValuesValue,
  epoch: number,
  value: bigint,
): void {
  const current = vecMapGet(self.pos0, epoch);
  vecMapSet(self.pos0, epoch, (current ?? 0n) + value);
}

/** Sets the amount pending for `epoch` to `value`. */
export function insertOrReplace(
  _ctx: NativeContext,
  self: PendingValuesValue,
  epoch: number,
  value: bigint,
): void {
  vecMapSet(self.pos0, epoch, value);
}

/** Subtracts `value` from the amount pending for `epoch`; an amount reaching zero is removed. */
export function reduce(ctx: NativeContext, self: PendingValuesValue, epoch: number, value: bigint): void {
  const current = vecMapGet(self.pos0, epoch);
  if (current === undefined) abort(ctx, 'pending_values', 'reduce', 'EMissingEpochValue');
  if (current < value) abort(ctx, 'pending_values', 'reduce', 'EReduceValueTooLarge');
  if (current === value) vecMapRemove(self.pos0, epoch);
  else vecMapSet(self.pos0, epoch, current - value);
}

/** The amount pending for exactly `epoch` (0 if none). */
export function valueAt(_ctx: NativeContext, self: PendingValuesValue, epoch: number): bigint {
  return vecMapGet(self.pos0, epoch) ?? 0n;
}

/** The sum of the amounts pending for epochs up to and including `epoch`. */
export function sumUpTo(_ctx: NativeContext, self: PendingValuesValue, epoch: number): bigint {
  return self.pos0.contents.reduce((sum, e) => (e.key <= epoch ? sum + e.value : sum), 0n);
}

/** The value of the latest epoch not after `epoch`, if any. */
export function latestValueAt(
  _ctx: NativeContext,
  self: PendingValuesValue,
  epoch: number,
): OptionValue<bigint> {
  let latest: { key: number; value: bigint } | undefined;
  for (const entry of self.pos0.contents) {
    if (entry.key <= epoch && (latest === undefined || entry.key > latest.key)) latest = entry;
  }
  return { vec: latest ? [latest.value] : [] };
}

/** Removes every amount pending for epochs up to and including `epoch`; returns their sum. */
export function flush(ctx: NativeContext, self: PendingValuesValue, epoch: number): bigint {
  const sum = sumUpTo(ctx, self, epoch);
  self.pos0.contents = self.pos0.contents.filter((e) => e.key > epoch);
  return sum;
}

/** The underlying map. */
export function inner(_ctx: NativeContext, self: PendingValuesValue): VecMapValue<number, bigint> {
  return self.pos0;
}

/** True when nothing is pending. */
export function isEmpty(_ctx: NativeContext, self: PendingValuesValue): boolean {
  return self.pos0.contents.length === 0;
}
