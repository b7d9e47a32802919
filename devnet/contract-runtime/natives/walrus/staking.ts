/**
 * Natives of `walrus::staking`: the shared `Staking` object. Storage nodes register here, stakers
 * stake with them, and the epoch advances from here. Its state is the `StakingInnerV1` stored as a
 * dynamic field under the key `version` (a `u64`), where the SDK reads it.
 */
import type { BalanceValue, CoinValue, IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  MOVE_CONSTANTS,
  type ProtectedTreasuryValue,
  type StakedWalValue,
  type StakingInnerV1Value,
  type StakingPoolValue,
  type StakingValue,
  type SystemValue,
} from '../../generated/move-types.js';
import { addField, borrowField, type FieldSlot, fieldSlot, removeField } from '../support/fields.js';
import type { ClockValue, TxContextValue } from '../support/framework-values.js';
import { effect, implement, returning, through } from '../support/implement.js';
import { abort, newUid, structType, T, walrusAddresses, walrusType } from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';
import * as wal from '../wal/wal.js';
import { authenticateSender, authorizedObject } from './auth.js';
import * as stakingInner from './staking_inner.js';
import * as stakingPool from './staking_pool.js';
import { newCap } from './storage_node.js';
import * as system from './system.js';

/** The version of the inner state this package reads and writes. */
export const VERSION = MOVE_CONSTANTS.staking.VERSION;

/** Where the inner state of `staking` lives: its field id and `Field<u64, StakingInnerV1>` type. */
function innerField(ctx: NativeContext, staking: StakingValue): FieldSlot {
  const innerType = walrusType(ctx, 'staking_inner', 'StakingInnerV1');
  return fieldSlot(ctx, staking.id.id.bytes, T.u64, VERSION, innerType);
}

/**
 * Creates and shares the staking object (Move `staking::create`). The first epoch change may happen
 * `epochZeroDuration` ms from now; later epochs last `epochDuration` ms.
 */
export function create(
  ctx: NativeContext,
  epochZeroDuration: bigint,
  epochDuration: bigint,
  nShards: number,
  packageId: IdValue,
  clock: ClockValue,
): void {
  const staking: StakingValue = {
    id: newUid(ctx),
    version: VERSION,
    package_id: { bytes: packageId.bytes },
    new_package_id: { vec: [] },
  };
  const inner = stakingInner.newStakingInner(ctx, epochZeroDuration, epochDuration, nShards, clock);
  addField(ctx, innerField(ctx, staking), VERSION, inner);
  ctx.transfer(walrusType(ctx, 'staking', 'Staking'), staking, { kind: 'shared', initialSharedVersion: 0n });
}

/** The inner state (live); aborts with `EWrongVersion` for another version. */
export function innerMut(ctx: NativeContext, staking: StakingValue): StakingInnerV1Value {
  if (staking.version !== VERSION) abort(ctx, 'staking', 'inner_mut', 'EWrongVersion');
  return borrowField(ctx, innerField(ctx, staking));
}

/** The inner state for reading (same object as {@link innerMut}). */
export function inner(ctx: NativeContext, staking: StakingValue): StakingInnerV1Value {
  return innerMut(ctx, staking);
}

/** The package that operates on the staking object. */
export function packageId(_ctx: NativeContext, staking: StakingValue): IdValue {
  return { bytes: staking.package_id.bytes };
}

/** The version of the staking object. */
export function version(_ctx: NativeContext, staking: StakingValue): bigint {
  return staking.version;
}

// === Storage nodes ===

/**
 * Starts the next epoch once the current one is over: burns 3% of the finished epoch's rewards
 * (`system.extract_burn_balance`, burned through the WAL treasury), installs the selected committee
 * and parameters in the System (`system.advance_epoch`, which returns the rewards by node) and in the
 * staking state, and pays the rewards to the old committee's pools.
 */
export function initiateEpochChangeV2(
  ctx: NativeContext,
  staking: StakingValue,
  systemObject: SystemValue,
  treasury: ProtectedTreasuryValue,
  clock: ClockValue,
): void {
  const state = innerMut(ctx, staking);
  stakingInner.assertEpochChangeAllowed(ctx, state, clock);
  const burn: BalanceValue = system.extractBurnBalance(ctx, systemObject);
  wal.burn(ctx, treasury, { id: newUid(ctx), balance: burn }); // treasury.burn(burn.into_coin(ctx))
  const committee = stakingInner.nextBlsCommittee(ctx, state);
  const params = stakingInner.nextEpochParams(ctx, state);
  const rewards: VecMapValue<IdValue, BalanceValue> = system.advanceEpoch(
    ctx,
    systemObject,
    committee,
    params,
  );
  const forfeited = stakingInner.initiateEpochChange(ctx, state, clock, rewards);
  const withheld = penaltyBurnSlot(ctx, staking);
  if (ctx.children.exists(withheld.parent, withheld.id))
    forfeited.value += removeField<BalanceValue>(ctx, withheld).value;
  wal.burn(ctx, treasury, { id: newUid(ctx), balance: forfeited }); // treasury.burn(forfeited.into_coin(ctx))
}

/** The `PenaltyBurnKey` field of the Staking object: penalty WAL withheld from withdrawn stakes (devnet extension). */
function penaltyBurnSlot(ctx: NativeContext, staking: StakingValue): FieldSlot {
  const walType = structType(walrusAddresses(ctx).wal, 'wal', 'WAL');
  const balanceType = structType('0x2', 'balance', 'Balance', [walType]);
  return fieldSlot(
    ctx,
    staking.id.id.bytes,
    walrusType(ctx, 'staking', 'PenaltyBurnKey'),
    { dummy_field: false },
    balanceType,
  );
}

/** Withdraws a stake; the penalty debt its pool can pay now is kept on the Staking object until the next epoch change burns it. */
export function withdrawStake(ctx: NativeContext, staking: StakingValue, staked: StakedWalValue): CoinValue {
  const [withdrawn, owed] = stakingInner.withdrawStake(ctx, innerMut(ctx, staking), staked);
  const withheld = penaltyBurnSlot(ctx, staking);
  if (ctx.children.exists(withheld.parent, withheld.id))
    borrowField<BalanceValue>(ctx, withheld).value += owed.value;
  else addField(ctx, withheld, { dummy_field: false }, owed);
  return withdrawn;
}

/** A `staking` twin that forwards to its `staking_inner` twin on the inner state. */
const viaInner = through(innerMut);

/** Penalizes a node for a storage challenge (devnet extension; `challenge::resolve_challenge`). */
export const penalizeNode = viaInner(stakingInner.penalizeNode);

/** The part of a node's penalty debt its pool can pay now, to burn (devnet extension). */
export const settlePenaltyDebt = viaInner(stakingInner.settlePenaltyDebt);

/** The native of a `staking` function that forwards to its `staking_inner` twin and returns nothing. */
function onInner<A extends unknown[]>(
  twin: (ctx: NativeContext, state: StakingInnerV1Value, ...args: A) => void,
) {
  return effect(viaInner(twin));
}

/** The native of a `staking` function that forwards to its `staking_inner` twin and returns its value. */
function fromInner<A extends unknown[], R>(
  twin: (ctx: NativeContext, state: StakingInnerV1Value, ...args: A) => R,
) {
  return returning(viaInner(twin));
}

/** The native of a `staking` function that sets a vote or setting on the pool of the node `cap` is for. */
function onNodePool<A extends unknown[]>(
  twin: (ctx: NativeContext, pool: StakingPoolValue, ...args: A) => void,
) {
  return onInner(stakingInner.onCapPool(twin));
}

/** The arguments without the trailing `TxContext` the executor appends. */
function withoutContext<T extends unknown[]>(args: [...T, TxContextValue]): T {
  return args.slice(0, -1) as T;
}

/** The natives of `walrus::staking`: registration, votes, commission, staking and the epoch change. */
export const stakingNatives = implement('staking', {
  /**
   * Registers the sender as a storage node candidate and creates its staking pool (whose id is the
   * node id); returns the node's capability, which receives the commission.
   */
  register_candidate(ctx, [staking, ...candidate]) {
    const state = innerMut(ctx, staking);
    const nodeId = stakingInner.createPool(ctx, state, ...withoutContext(candidate));
    const cap = newCap(ctx, nodeId);
    const receiver = authorizedObject(ctx, { bytes: cap.id.id.bytes });
    stakingInner.setCommissionReceiver(ctx, state, nodeId, authenticateSender(ctx), receiver);
    return [cap];
  },
  set_next_commission: onInner(stakingInner.setNextCommission),
  collect_commission(ctx, [staking, nodeId, auth]) {
    const balance = stakingInner.collectCommission(ctx, innerMut(ctx, staking), nodeId, auth);
    return [{ id: newUid(ctx), balance }];
  },
  set_commission_receiver: onInner(stakingInner.setCommissionReceiver),
  set_governance_authorized: onInner(stakingInner.setGovernanceAuthorized),
  set_storage_price_vote: onNodePool(stakingPool.setNextStoragePrice),
  set_write_price_vote: onNodePool(stakingPool.setNextWritePrice),
  set_node_capacity_vote: onNodePool(stakingPool.setNextNodeCapacity),
  set_next_public_key: onInner(stakingInner.setNextPublicKey),
  set_name: onNodePool(stakingPool.setName),
  set_network_address: onNodePool(stakingPool.setNetworkAddress),
  set_network_public_key: onNodePool(stakingPool.setNetworkPublicKey),
  set_node_metadata: onNodePool(stakingPool.setNodeMetadata),
  voting_end: onInner(stakingInner.votingEnd),
  initiate_epoch_change: (ctx) => abort(ctx, 'staking', 'initiate_epoch_change', 'EDeprecatedFunction'),
  initiate_epoch_change_v2: effect(initiateEpochChangeV2),
  epoch_sync_done: onInner(stakingInner.epochSyncDone),
  stake_with_pool: fromInner(stakingInner.stakeWithPool),
  request_withdraw_stake: onInner(stakingInner.requestWithdrawStake),
  withdraw_stake: returning(withdrawStake),
  epoch: (ctx, [staking]) => [inner(ctx, staking).epoch],
  calculate_rewards: fromInner(calculateRewards),
  staked_wal_value: fromInner(stakingInner.stakedWalValue),
});

/** `staking_inner::calculate_rewards`: rewards of a stake up to now (or its withdrawal epoch); 0 before it is active. */
export function calculateRewards(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  staked: StakedWalValue,
): bigint {
  const withdrawing =
    'Withdrawing' in staked.state && staked.state.Withdrawing
      ? staked.state.Withdrawing.withdraw_epoch
      : undefined;
  const to = withdrawing === undefined ? self.epoch : Math.min(withdrawing, self.epoch);
  if (staked.activation_epoch >= to) return 0n;
  const pool = stakingInner.poolMut(ctx, self, staked.node_id);
  return stakingPool.calculateRewards(ctx, pool, staked.principal.value, staked.activation_epoch, to);
}
