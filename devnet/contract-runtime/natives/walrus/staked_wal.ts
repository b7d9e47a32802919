/**
 * Natives of `walrus::staked_wal`: WAL staked with one storage node's pool. A `StakedWal` holds its
 * principal; rewards come from the pool on withdrawal. It can be split and joined while its state
 * and epochs match.
 */
import { type BalanceValue, type IdValue, uid } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import { MOVE_CONSTANTS, type StakedWalStateValue, type StakedWalValue } from '../../generated/move-types.js';
import { effect, implement, returning } from '../support/implement.js';
import { abort } from '../support/natives-kit.js';

/** A `StakedWal` must hold at least 1 WAL (10^9 FROST). */
export const MIN_STAKING_THRESHOLD = MOVE_CONSTANTS.staked_wal.MIN_STAKING_THRESHOLD;

/** A new stake; only the staking pool mints them. Aborts below 1 WAL. */
export function mint(
  ctx: NativeContext,
  nodeId: IdValue,
  principal: BalanceValue,
  activationEpoch: number,
): StakedWalValue {
  if (principal.value < MIN_STAKING_THRESHOLD) abort(ctx, 'staked_wal', 'mint', 'EStakeBelowThreshold');
  return {
    id: uid(ctx.freshId()),
    state: { Staked: true },
    node_id: { bytes: nodeId.bytes },
    principal,
    activation_epoch: activationEpoch,
  };
}

/** Deletes the stake and returns its principal. */
export function intoBalance(ctx: NativeContext, sw: StakedWalValue): BalanceValue {
  ctx.deleteObject(sw.id.id.bytes);
  return sw.principal;
}

/** Marks the stake as withdrawable from `withdrawEpoch`. */
export function setWithdrawing(ctx: NativeContext, sw: StakedWalValue, withdrawEpoch: number): void {
  if (!isStaked(ctx, sw)) abort(ctx, 'staked_wal', 'set_withdrawing', 'EAlreadyWithdrawing');
  sw.state = { Withdrawing: { withdraw_epoch: withdrawEpoch } };
}

/** The node (staking pool) of the stake. */
export function nodeId(_ctx: NativeContext, sw: StakedWalValue): IdValue {
  return { bytes: sw.node_id.bytes };
}

/** The principal in FROST. */
export function value(_ctx: NativeContext, sw: StakedWalValue): bigint {
  return sw.principal.value;
}

/** The first epoch the stake counts in. */
export function activationEpoch(_ctx: NativeContext, sw: StakedWalValue): number {
  return sw.activation_epoch;
}

/** True unless a withdrawal was requested. */
export function isStaked(_ctx: NativeContext, sw: StakedWalValue): boolean {
  return 'Staked' in sw.state;
}

/** True once a withdrawal was requested. */
export function isWithdrawing(ctx: NativeContext, sw: StakedWalValue): boolean {
  return !isStaked(ctx, sw);
}

/** The epoch from which the stake can be withdrawn; aborts unless withdrawing. */
export function withdrawEpoch(ctx: NativeContext, sw: StakedWalValue): number {
  if (!('Withdrawing' in sw.state)) abort(ctx, 'staked_wal', 'withdraw_epoch', 'ENotWithdrawing');
  return sw.state.Withdrawing.withdraw_epoch;
}

function sameState(a: StakedWalStateValue, b: StakedWalStateValue): boolean {
  if ('Staked' in a) return 'Staked' in b;
  return 'Withdrawing' in b && a.Withdrawing.withdraw_epoch === b.Withdrawing.withdraw_epoch;
}

/** Adds `other` to `sw`; both must have the same node, activation epoch and state. */
export function join(ctx: NativeContext, sw: StakedWalValue, other: StakedWalValue): void {
  if (sw.node_id.bytes !== other.node_id.bytes) abort(ctx, 'staked_wal', 'join', 'EMetadataMismatch');
  if (sw.activation_epoch !== other.activation_epoch) abort(ctx, 'staked_wal', 'join', 'EMetadataMismatch');
  if (!sameState(sw.state, other.state)) abort(ctx, 'staked_wal', 'join', 'EMetadataMismatch');
  ctx.deleteObject(other.id.id.bytes);
  sw.principal.value += other.principal.value;
}

/** Splits `amount` FROST into a new stake; both parts must stay at or above 1 WAL. */
export function split(ctx: NativeContext, sw: StakedWalValue, amount: bigint): StakedWalValue {
  if (amount < MIN_STAKING_THRESHOLD) abort(ctx, 'staked_wal', 'split', 'EInvalidAmount');
  if (sw.principal.value < amount + MIN_STAKING_THRESHOLD)
    abort(ctx, 'staked_wal', 'split', 'EInvalidAmount');
  sw.principal.value -= amount;
  return {
    id: uid(ctx.freshId()),
    state: structuredClone(sw.state),
    node_id: { bytes: sw.node_id.bytes },
    principal: { value: amount },
    activation_epoch: sw.activation_epoch,
  };
}

/** The natives of `walrus::staked_wal`. */
export const stakedWalNatives = implement('staked_wal', {
  node_id: returning(nodeId),
  value: returning(value),
  activation_epoch: returning(activationEpoch),
  is_staked: returning(isStaked),
  is_withdrawing: returning(isWithdrawing),
  withdraw_epoch: returning(withdrawEpoch),
  join: effect(join),
  split: returning(split),
});
