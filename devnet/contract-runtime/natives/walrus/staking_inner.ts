/**
 * Natives of `walrus::staking_inner`: the staking state (pools, committees, the epoch clock).
 *
 * An epoch moves through three states. After an epoch change is done (`EpochChangeDone`), the next
 * committee is voted at `voting_end`, allowed from half an epoch on (`NextParamsSelected`): shards go
 * to nodes by D'Hondt over their stake, the capacity and prices of the next epoch are the
 * stake-weighted quorum values of the members' votes. At the full epoch `initiate_epoch_change` moves
 * to the next epoch (`EpochChangeSync`); once nodes holding a quorum of shards have signalled
 * `epoch_sync_done`, the change is done. The module has no public functions; the twins of its
 * `public(package)` functions are exported for `staking`.
 */
import { type MoveType, parseMoveType } from '../../../ledger/core/move/type-parser.js';
import type { BalanceValue, CoinValue, IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  type ActiveSetValue,
  type BlsCommitteeValue,
  type CommitteeValue,
  type EpochParamsValue,
  MOVE_CONSTANTS,
  type StakedWalValue,
  type StakingInnerV1Value,
  type StakingPoolValue,
  type StorageNodeCapValue,
} from '../../generated/move-types.js';
import type { ElementValue } from '../framework/group_ops.js';
import type { ClockValue } from '../support/framework-values.js';
import { abort, ID_TYPE, newUid, U64_MAX, walrusType } from '../support/natives-kit.js';
import { objectTableOf, tableNew } from '../support/tables.js';
import type { VecMapValue } from '../support/vec-map.js';
import * as blsAggregate from './bls_aggregate.js';
import * as committees from './committee.js';
import { newEpochParams } from './epoch_parameters.js';
import * as events from './events.js';
import * as extendedField from './extended_field.js';
import * as pools from './staking_pool.js';

/** Most nodes that can be in the active set. */
export const MAX_ACTIVE_SET_SIZE = MOVE_CONSTANTS.staking_inner.MAX_ACTIVE_SET_SIZE;
/** From this many nodes on, a node gets at most a tenth of the shards. */
export const MIN_NODES_FOR_SHARDS_LIMIT = Number(MOVE_CONSTANTS.staking_inner.MIN_NODES_FOR_SHARDS_LIMIT);
/** The per-node shard limit as a fraction of the shards (1/10). */
export const SHARDS_LIMIT_DENOMINATOR = Number(MOVE_CONSTANTS.staking_inner.SHARDS_LIMIT_DENOMINATOR);

const PUBLIC_KEYS_TYPE: MoveType = parseMoveType(
  '0x2::vec_map::VecMap<0x2::object::ID, 0x2::group_ops::Element<0x2::bls12381::UncompressedG1>>',
);
const poolType = (ctx: NativeContext) => walrusType(ctx, 'staking_pool', 'StakingPool');
const activeSetType = (ctx: NativeContext) => walrusType(ctx, 'staking_inner', 'ActiveSet');
/** The staking pools by node id (`pools`). */
const poolTable = (ctx: NativeContext, self: StakingInnerV1Value) =>
  objectTableOf<IdValue, StakingPoolValue>(ctx, self.pools, ID_TYPE, poolType(ctx));

/** A fresh state at epoch 0; the first epoch change is allowed `epochZeroDuration` ms from now. */
export function newStakingInner(
  ctx: NativeContext,
  epochZeroDuration: bigint,
  epochDuration: bigint,
  nShards: number,
  clock: ClockValue,
): StakingInnerV1Value {
  const now = clock.timestamp_ms;
  return {
    n_shards: nShards,
    epoch_duration: epochDuration,
    first_epoch_start: now + epochZeroDuration,
    pools: tableNew(ctx),
    epoch: 0,
    active_set: extendedField.newExtendedField(
      ctx,
      { max_size: MAX_ACTIVE_SET_SIZE, nodes: { contents: [] }, total_stake: 0n } satisfies ActiveSetValue,
      activeSetType(ctx),
    ),
    next_committee: { vec: [] },
    committee: committees.empty(ctx),
    previous_committee: committees.empty(ctx),
    next_epoch_params: { vec: [] },
    epoch_state: { EpochChangeDone: { pos0: now } },
    next_epoch_public_keys: extendedField.newExtendedField(ctx, { contents: [] }, PUBLIC_KEYS_TYPE),
  };
}
export { newStakingInner as new };

// === Pools ===

/** The live pool of `nodeId`; aborts with `EPoolNotFound` if there is none. */
export function poolMut(ctx: NativeContext, self: StakingInnerV1Value, nodeId: IdValue): StakingPoolValue {
  const pools = poolTable(ctx, self);
  if (!pools.contains(nodeId)) abort(ctx, 'staking_inner', 'pool_mut', 'EPoolNotFound');
  return pools.borrow(nodeId);
}

/** Creates the pool of a candidate; returns its node id. */
export function createPool(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  ...candidate: pools.Candidate
): IdValue {
  const pool = pools.newPool(ctx, candidate, self.epoch, committeeSelected(self));
  const nodeId = pools.poolNodeId(pool);
  poolTable(ctx, self).add(nodeId, pool);
  return nodeId;
}

/** The twin of `staking_pool` function `twin` on the pool of `nodeId`. */
export function onPool<A extends unknown[], R>(
  twin: (ctx: NativeContext, pool: StakingPoolValue, ...args: A) => R,
) {
  return (ctx: NativeContext, self: StakingInnerV1Value, nodeId: IdValue, ...args: A): R =>
    twin(ctx, poolMut(ctx, self, nodeId), ...args);
}

/**
 * The twin of `staking_pool` function `twin` on the pool of the node `cap` is for (the votes and
 * node settings of `staking`: `self.pools[cap.node_id()].set_name(name)`).
 */
export function onCapPool<A extends unknown[], R>(
  twin: (ctx: NativeContext, pool: StakingPoolValue, ...args: A) => R,
) {
  return (ctx: NativeContext, self: StakingInnerV1Value, cap: StorageNodeCapValue, ...args: A): R =>
    onPool(twin)(ctx, self, cap.node_id, ...args);
}

/** Changes who may collect the commission of `nodeId`. */
export const setCommissionReceiver = onPool(pools.setCommissionReceiver);

/** Changes who may act in governance for `nodeId`. */
export const setGovernanceAuthorized = onPool(pools.setGovernanceAuthorized);

/** Takes the collectable commission of `nodeId`. */
export const collectCommission = onPool(pools.collectCommission);

/** Sets the node's commission rate, effective two epochs from now. */
export function setNextCommission(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  cap: StorageNodeCapValue,
  commissionRate: number,
): void {
  pools.setNextCommission(ctx, poolMut(ctx, self, cap.node_id), commissionRate, self.epoch);
}

/** Sets the BLS key used from the next epoch (with its proof of possession). */
export function setNextPublicKey(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  cap: StorageNodeCapValue,
  publicKey: Uint8Array,
  proofOfPossession: Uint8Array,
): void {
  pools.setNextPublicKey(ctx, poolMut(ctx, self, cap.node_id), publicKey, proofOfPossession, self.epoch);
}

// === Staking ===

/**
 * Runs `change` on the pool of `nodeId`, then records the stake the node will have at the next vote
 * in the active set; returns what `change` returns.
 */
function changeStake<R>(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  nodeId: IdValue,
  change: (pool: StakingPoolValue) => R,
): R {
  const result = change(poolMut(ctx, self, nodeId));
  updateActiveSet(ctx, self, nodeId);
  return result;
}

/** Stakes `toStake` (consumed) with the pool of `nodeId`. */
export function stakeWithPool(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  toStake: CoinValue,
  nodeId: IdValue,
): StakedWalValue {
  ctx.deleteObject(toStake.id.id.bytes);
  return changeStake(ctx, self, nodeId, (pool) =>
    pools.stake(ctx, pool, toStake.balance, self.epoch, committeeSelected(self)),
  );
}

/** Requests the withdrawal of an active stake. */
export function requestWithdrawStake(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  staked: StakedWalValue,
): void {
  const nodeId = { bytes: staked.node_id.bytes };
  const standing = nodeStanding(ctx, self, nodeId);
  changeStake(ctx, self, nodeId, (pool) => pools.requestWithdrawStake(ctx, pool, staked, standing));
}

/** Withdraws a stake (consumed) with its rewards, as a new coin. */
export function withdrawStake(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  staked: StakedWalValue,
): [CoinValue, BalanceValue] {
  const nodeId = { bytes: staked.node_id.bytes };
  const standing = nodeStanding(ctx, self, nodeId);
  const [withdrawn, owed] = changeStake(ctx, self, nodeId, (pool) => [
    pools.withdrawStake(ctx, pool, staked, standing),
    pools.settlePenaltyDebt(ctx, pool),
  ]);
  return [{ id: newUid(ctx), balance: withdrawn }, owed];
}

// === Epoch change ===

/**
 * Selects the next committee and parameters; allowed from half an epoch after the last epoch change
 * (in epoch 0: from `first_epoch_start`).
 */
export function votingEnd(ctx: NativeContext, self: StakingInnerV1Value, clock: ClockValue): void {
  if (!('EpochChangeDone' in self.epoch_state)) abort(ctx, 'staking_inner', 'voting_end', 'EWrongEpochState');
  const lastEpochChange = self.epoch_state.EpochChangeDone.pos0;
  const now = clock.timestamp_ms;
  if (self.epoch === 0) {
    if (now < self.first_epoch_start) abort(ctx, 'staking_inner', 'voting_end', 'EWrongEpochState');
  } else if (now < lastEpochChange + self.epoch_duration / 2n) {
    abort(ctx, 'staking_inner', 'voting_end', 'EWrongEpochState');
  }
  for (const { key } of self.committee.pos0.contents) {
    pools.clearBlockedCommission(ctx, poolMut(ctx, self, key));
  }
  selectCommitteeAndParameters(ctx, self);
  self.epoch_state = { NextParamsSelected: { pos0: lastEpochChange } };
  events.emitEpochParametersSelected(ctx, self.epoch + 1);
}

/** The committee for the next epoch from the active set, with the members' keys and votes. */
function selectCommitteeAndParameters(ctx: NativeContext, self: StakingInnerV1Value): void {
  if (committeeSelected(self))
    abort(ctx, 'staking_inner', 'select_committee_and_parameters', 'ECommitteeSelected');
  const committee = computeNextCommittee(ctx, self);
  const entries = committee.pos0.contents;
  const nShards = BigInt(self.n_shards);
  const publicKeys: ElementValue[] = [];
  const weights: bigint[] = [];
  const capacityVotes: bigint[] = [];
  const storagePriceVotes: bigint[] = [];
  const writePriceVotes: bigint[] = [];
  for (const { key, value: shards } of entries) {
    const pool = poolMut(ctx, self, key);
    const weight = BigInt(shards.length);
    if (weight === 0n) abort(ctx, 'staking_inner', 'select_committee_and_parameters', 'EZeroNodeWeight');
    const info = pool.node_info;
    publicKeys.push(structuredClone(info.next_epoch_public_key.vec[0] ?? info.public_key));
    weights.push(weight);
    const capacity = (pool.voting_params.node_capacity * nShards) / weight;
    capacityVotes.push(capacity < U64_MAX ? capacity : U64_MAX);
    storagePriceVotes.push(pool.voting_params.storage_price);
    writePriceVotes.push(pool.voting_params.write_price);
  }
  self.next_epoch_params = {
    vec: [
      newEpochParams(
        ctx,
        quorumAbove(capacityVotes, weights, nShards),
        quorumBelow(storagePriceVotes, weights, nShards),
        quorumBelow(writePriceVotes, weights, nShards),
      ),
    ],
  };
  extendedField.swap(
    ctx,
    self.next_epoch_public_keys,
    { contents: entries.map(({ key }, i) => ({ key: { bytes: key.bytes }, value: publicKeys[i]! })) },
    PUBLIC_KEYS_TYPE,
  );
  self.next_committee = { vec: [committee] };
}

/**
 * The next committee: D'Hondt apportionment of the shards over the active set's stake, placed so that
 * as few shards as possible move.
 */
export function computeNextCommittee(ctx: NativeContext, self: StakingInnerV1Value): CommitteeValue {
  const activeSet = extendedField.borrow<ActiveSetValue>(ctx, self.active_set, activeSetType(ctx));
  const nodes = activeSet.nodes.contents;
  const shards = dhondt(
    ctx,
    self.n_shards,
    nodes.map((n) => n.value),
  );
  const assignment: VecMapValue<IdValue, number> = { contents: [] };
  nodes.forEach(({ key }, i) => {
    if (shards[i]! > 0) assignment.contents.push({ key: { bytes: key.bytes }, value: shards[i]! });
  });
  return committees.transition(ctx, self.committee, assignment);
}

/**
 * Shards per node by the D'Hondt method: each shard goes to the node with the highest
 * `stake / (shards + 1)`; ties go to the earlier node. From 20 nodes on, a node gets at most a tenth
 * of the shards; with fewer, at most `ceil(n_shards * 2 / nodes)`.
 * @example dhondt(ctx, 4, [3n, 1n]) // [3, 1]
 */
export function dhondt(ctx: NativeContext, nShards: number, stakes: bigint[]): number[] {
  const nNodes = stakes.length;
  const total = stakes.reduce((sum, s) => sum + s, 0n);
  if (total === 0n) abort(ctx, 'staking_inner', 'dhondt', 'ENoStake');
  const maxShards =
    nNodes >= MIN_NODES_FOR_SHARDS_LIMIT
      ? Math.floor(nShards / SHARDS_LIMIT_DENOMINATOR)
      : Math.floor(
          (nShards * MIN_NODES_FOR_SHARDS_LIMIT + nNodes * SHARDS_LIMIT_DENOMINATOR - 1) /
            (nNodes * SHARDS_LIMIT_DENOMINATOR),
        );
  const shards = new Array<number>(nNodes).fill(0);
  for (let s = 0; s < nShards; s++) {
    let best = -1;
    for (let i = 0; i < nNodes; i++) {
      if (stakes[i]! > 0n && shards[i]! < maxShards) {
        if (best < 0 || stakes[i]! * BigInt(shards[best]! + 1) > stakes[best]! * BigInt(shards[i]! + 1))
          best = i;
      }
    }
    if (best < 0) abort(ctx, 'staking_inner', 'dhondt', 'ENoStake');
    shards[best]! += 1;
  }
  return shards;
}

/** Sorts votes by value, ascending, keeping each weight with its value (stable). */
function sortVotes(values: bigint[], weights: bigint[]): Array<{ value: bigint; weight: bigint }> {
  return values
    .map((value, i) => ({ value, weight: weights[i]! }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** True if `weight` shards are a quorum: `3 * weight >= 2 * n_shards + 1`. */
export function isQuorumForNShards(weight: bigint, nShards: bigint): boolean {
  return 3n * weight >= 2n * nShards + 1n;
}

/** The largest value such that members voting at least that much hold a quorum of shards. */
export function quorumAbove(values: bigint[], weights: bigint[], nShards: bigint): bigint {
  const votes = sortVotes(values, weights);
  let weight = 0n;
  for (let i = votes.length - 1; i >= 0; i--) {
    weight += votes[i]!.weight;
    if (isQuorumForNShards(weight, nShards)) return votes[i]!.value;
  }
  return 0n;
}

/** The smallest value such that members voting at most that much hold a quorum of shards. */
export function quorumBelow(values: bigint[], weights: bigint[], nShards: bigint): bigint {
  const votes = sortVotes(values, weights);
  let weight = 0n;
  for (const vote of votes) {
    weight += vote.weight;
    if (isQuorumForNShards(weight, nShards)) return vote.value;
  }
  return U64_MAX;
}

/** The state and time checks of `initiate_epoch_change`. */
function checkEpochChangeTime(ctx: NativeContext, self: StakingInnerV1Value, clock: ClockValue): void {
  if (!('NextParamsSelected' in self.epoch_state))
    abort(ctx, 'staking_inner', 'initiate_epoch_change', 'EWrongEpochState');
  const epochStart = self.epoch_state.NextParamsSelected.pos0;
  const now = clock.timestamp_ms;
  if (self.epoch === 0) {
    if (now < self.first_epoch_start)
      abort(ctx, 'staking_inner', 'initiate_epoch_change', 'EWrongEpochState');
  } else if (now < epochStart + self.epoch_duration) {
    abort(ctx, 'staking_inner', 'initiate_epoch_change', 'EWrongEpochState');
  }
}

/**
 * Checks, before anything changes, that `initiate_epoch_change_v2` would succeed on the staking
 * side: the next committee is selected (else `ENextCommitteeIsEmpty`, as `next_bls_committee` aborts
 * first in Move) and the epoch's time is up (`EWrongEpochState`).
 */
export function assertEpochChangeAllowed(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  clock: ClockValue,
): void {
  if (!committeeSelected(self)) abort(ctx, 'staking_inner', 'next_bls_committee', 'ENextCommitteeIsEmpty');
  checkEpochChangeTime(ctx, self, clock);
}

/**
 * Moves to the next epoch once the epoch's time is up (in epoch 0: at `first_epoch_start`).
 * `rewards` are the old committee's rewards by node id.
 */
export function initiateEpochChange(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  clock: ClockValue,
  rewards: VecMapValue<IdValue, BalanceValue>,
): BalanceValue {
  checkEpochChangeTime(ctx, self, clock);
  return advanceEpoch(ctx, self, rewards);
}

/** Bumps the epoch, installs the selected committee and advances the old and new members' pools. */
function advanceEpoch(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  rewards: VecMapValue<IdValue, BalanceValue>,
): BalanceValue {
  const next = self.next_committee.vec[0];
  if (!next) abort(ctx, 'staking_inner', 'advance_epoch', 'ENextCommitteeIsEmpty');
  self.epoch += 1;
  self.previous_committee = self.committee;
  self.committee = next;
  self.next_committee = { vec: [] };
  self.next_epoch_params = { vec: [] };
  self.epoch_state = { EpochChangeSync: { pos0: 0 } };
  const epoch = self.epoch;

  const forfeited: BalanceValue = { value: 0n };
  for (const { key, value } of rewards.contents) {
    changeStake(ctx, self, key, (pool) => {
      forfeited.value += pools.takeForfeitedRewards(ctx, pool, value, epoch).value;
      pools.advanceEpoch(ctx, pool, value, epoch);
      forfeited.value += pools.settlePenaltyDebt(ctx, pool).value;
    });
  }
  const [, joined] = committees.diff(ctx, self.previous_committee, self.committee);
  for (const nodeId of joined) {
    if (rewards.contents.some((r) => r.key.bytes === nodeId.bytes)) continue;
    changeStake(ctx, self, nodeId, (pool) => pools.advanceEpoch(ctx, pool, { value: 0n }, epoch));
  }
  events.emitEpochChangeStart(ctx, epoch);
  return forfeited;
}

/**
 * A node has all its shards for `epoch`; the change is done once nodes holding a quorum of shards
 * have signalled.
 */
export function epochSyncDone(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  cap: StorageNodeCapValue,
  epoch: number,
  clock: ClockValue,
): void {
  if (epoch !== self.epoch) abort(ctx, 'staking_inner', 'epoch_sync_done', 'EInvalidSyncEpoch');
  if (cap.last_epoch_sync_done >= self.epoch)
    abort(ctx, 'staking_inner', 'epoch_sync_done', 'EDuplicateSyncDone');
  const nodeId = { bytes: cap.node_id.bytes };
  if (!committees.contains(ctx, self.committee, nodeId))
    abort(ctx, 'staking_inner', 'epoch_sync_done', 'ENotInCommittee');
  cap.last_epoch_sync_done = self.epoch;

  const nodeShards = [...committees.shards(ctx, self.committee, nodeId)];
  if ('EpochChangeSync' in self.epoch_state) {
    const weight = self.epoch_state.EpochChangeSync.pos0 + nodeShards.length;
    if (isQuorumForNShards(BigInt(weight), BigInt(self.n_shards))) {
      self.epoch_state = { EpochChangeDone: { pos0: clock.timestamp_ms } };
      events.emitEpochChangeDone(ctx, self.epoch);
    } else {
      self.epoch_state = { EpochChangeSync: { pos0: weight } };
    }
  }
  events.emitShardsReceived(ctx, self.epoch, nodeShards);
}

/**
 * The `BlsCommittee` of the next epoch, from the selected committee and the keys stored at the vote
 * (both in node-id order). Takes the stored keys out, as the Move code swaps them for an empty map.
 */
export function nextBlsCommittee(ctx: NativeContext, self: StakingInnerV1Value): BlsCommitteeValue {
  const next = self.next_committee.vec[0];
  if (!next) abort(ctx, 'staking_inner', 'next_bls_committee', 'ENextCommitteeIsEmpty');
  const keys = extendedField.swap<VecMapValue<IdValue, ElementValue>>(
    ctx,
    self.next_epoch_public_keys,
    { contents: [] },
    PUBLIC_KEYS_TYPE,
  );
  const members = next.pos0.contents.map(({ key, value }, i) =>
    blsAggregate.newBlsCommitteeMember(ctx, keys.contents[i]!.value, value.length, key),
  );
  return blsAggregate.newBlsCommittee(ctx, self.epoch + 1, members);
}

// === Accessors ===

/** The parameters selected for the next epoch; aborts before the vote. */
export function nextEpochParams(ctx: NativeContext, self: StakingInnerV1Value): EpochParamsValue {
  const params = self.next_epoch_params.vec[0];
  if (!params) abort(ctx, 'staking_inner', 'next_epoch_params', 'ENextCommitteeIsEmpty');
  return structuredClone(params);
}

// === Internal ===

/** True once the next committee is selected (from `voting_end` to the epoch change). */
function committeeSelected(self: StakingInnerV1Value): boolean {
  return self.next_committee.vec.length > 0;
}

/** Where `nodeId` stands for a stake that leaves its pool: its committees and the epoch clock. */
function nodeStanding(ctx: NativeContext, self: StakingInnerV1Value, nodeId: IdValue): pools.NodeStanding {
  const next = self.next_committee.vec[0];
  return {
    inCurrentCommittee: committees.contains(ctx, self.committee, nodeId),
    inNextCommittee: next ? committees.contains(ctx, next, nodeId) : false,
    currentEpoch: self.epoch,
    committeeSelected: committeeSelected(self),
  };
}

/** Records the stake `nodeId` will have at the next vote in the active set. */
function updateActiveSet(ctx: NativeContext, self: StakingInnerV1Value, nodeId: IdValue): void {
  const voteEpoch = committeeSelected(self) ? self.epoch + 2 : self.epoch + 1;
  const stake = pools.walBalanceAtEpoch(ctx, poolMut(ctx, self, nodeId), voteEpoch);
  const activeSet = extendedField.borrowMut<ActiveSetValue>(ctx, self.active_set, activeSetType(ctx));
  const index = activeSet.nodes.contents.findIndex((e) => e.key.bytes === nodeId.bytes);
  if (index >= 0) {
    const [previous] = activeSet.nodes.contents.splice(index, 1);
    activeSet.total_stake -= previous!.value;
  }
  if (stake === 0n) return;
  if (activeSet.nodes.contents.length >= activeSet.max_size)
    abort(ctx, 'staking_inner', 'update_active_set', 'EActiveSetFull');
  activeSet.nodes.contents.push({ key: { bytes: nodeId.bytes }, value: stake });
  activeSet.total_stake += stake;
}

/** What a stake is worth if withdrawn now (devnet extension). */
export function stakedWalValue(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  staked: StakedWalValue,
): bigint {
  return pools.stakedWalValue(ctx, poolMut(ctx, self, staked.node_id), staked, self.epoch);
}

/**
 * Penalizes `nodeId` for a storage challenge (devnet extension): it forfeits the current epoch's
 * rewards and pays `bpsPerShard` of its pool's stake per shard (or its whole commission).
 */
export function penalizeNode(
  ctx: NativeContext,
  self: StakingInnerV1Value,
  nodeId: IdValue,
  shards: number,
  bpsPerShard: number,
  byCommission: boolean,
): [bigint, BalanceValue] {
  return changeStake(ctx, self, nodeId, (target) => {
    pools.forfeitRewards(ctx, target, self.epoch);
    return byCommission
      ? pools.penalizeCommission(ctx, target)
      : pools.penalizeStake(ctx, target, BigInt(shards) * BigInt(bpsPerShard));
  });
}

/** The part of `nodeId`'s penalty debt its pool can pay now, to burn (devnet extension). */
export const settlePenaltyDebt = onPool(pools.settlePenaltyDebt);
