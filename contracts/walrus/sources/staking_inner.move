// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The staking state: pools, committees and the epoch clock.
///
/// An epoch moves through three states. After an epoch change is done (`EpochChangeDone`), the
/// committee of the next epoch is voted at `voting_end`, allowed from half an epoch on
/// (`NextParamsSelected`): shards go to nodes by D'Hondt over their stake, and the capacity and
/// prices for the next epoch are taken from the members' votes. At the full epoch,
/// `initiate_epoch_change` moves to the next epoch (`EpochChangeSync`); nodes then move their
/// shards and signal `epoch_sync_done`; once nodes holding a quorum of shards have, the change is
/// done.
module walrus::staking_inner;

use std::string::String;
use sui::{
    balance::{Self, Balance},
    bls12381::UncompressedG1,
    clock::Clock,
    coin::Coin,
    group_ops::Element,
    object_table::{Self, ObjectTable},
    vec_map::{Self, VecMap}
};
use wal::wal::WAL;
use walrus::{
    auth::{Authenticated, Authorized},
    bls_aggregate::{Self, BlsCommittee},
    committee::{Self, Committee},
    epoch_parameters::{Self, EpochParams},
    events,
    extended_field::{Self, ExtendedField},
    staked_wal::StakedWal,
    staking_pool::{Self, StakingPool},
    storage_node::{NodeMetadata, StorageNodeCap}
};

/// Most nodes that can be in the active set.
const MAX_ACTIVE_SET_SIZE: u16 = 150;
/// From this many nodes on, a node gets at most a tenth of the shards.
const MIN_NODES_FOR_SHARDS_LIMIT: u64 = 20;
/// The per-node shard limit as a fraction of the shards (1/10).
const SHARDS_LIMIT_DENOMINATOR: u64 = 10;

/// The epoch is in the wrong state, or it is too early.
const EWrongEpochState: u64 = 0;
/// `epoch_sync_done` names an epoch other than the current one.
const EInvalidSyncEpoch: u64 = 1;
/// The node already signalled for this epoch.
const EDuplicateSyncDone: u64 = 2;
/// No stake at all: no committee can be formed.
const ENoStake: u64 = 3;
/// The node is not in the committee.
const ENotInCommittee: u64 = 4;
/// The next committee is already selected.
const ECommitteeSelected: u64 = 5;
/// The next committee is not selected yet.
const ENextCommitteeIsEmpty: u64 = 6;
/// No pool with this node id.
const EPoolNotFound: u64 = 7;
/// A committee member has no shards.
const EZeroNodeWeight: u64 = 8;
/// The active set is full and the stake is below its smallest.
const EActiveSetFull: u64 = 9;

/// The state of the current epoch.
public enum EpochState has copy, drop, store {
    /// The epoch change is in progress; the weight of the nodes that finished syncing so far.
    EpochChangeSync(u16),
    /// The epoch change finished at the contained timestamp (ms).
    EpochChangeDone(u64),
    /// The next committee is selected; the contained timestamp (ms) is when the epoch started.
    NextParamsSelected(u64),
}

/// The candidates for the next committee with the stake they will have at the next vote.
public struct ActiveSet has store {
    max_size: u16,
    /// Node id → stake, for nodes with stake.
    nodes: VecMap<ID, u64>,
    total_stake: u64,
}

/// The staking state (12 fields; the SDK reads them in this order).
public struct StakingInnerV1 has store {
    n_shards: u16,
    /// Epoch length in ms (epoch 0 lasts until `first_epoch_start`).
    epoch_duration: u64,
    /// Earliest time (ms) of the first epoch change.
    first_epoch_start: u64,
    /// Node id → pool.
    pools: ObjectTable<ID, StakingPool>,
    epoch: u32,
    active_set: ExtendedField<ActiveSet>,
    next_committee: Option<Committee>,
    committee: Committee,
    previous_committee: Committee,
    next_epoch_params: Option<EpochParams>,
    epoch_state: EpochState,
    /// Public keys of the next committee's members, in its order; set at the vote.
    next_epoch_public_keys: ExtendedField<VecMap<ID, Element<UncompressedG1>>>,
}

/// A fresh state at epoch 0; the first epoch change is allowed `epoch_zero_duration` ms from now.
public(package) fun new(
    epoch_zero_duration: u64,
    epoch_duration: u64,
    n_shards: u16,
    clock: &Clock,
    ctx: &mut TxContext,
): StakingInnerV1 {
    let now = clock.timestamp_ms();
    StakingInnerV1 {
        n_shards,
        epoch_duration,
        first_epoch_start: now + epoch_zero_duration,
        pools: object_table::new(ctx),
        epoch: 0,
        active_set: extended_field::new(
            ActiveSet { max_size: MAX_ACTIVE_SET_SIZE, nodes: vec_map::empty(), total_stake: 0 },
            ctx,
        ),
        next_committee: option::none(),
        committee: committee::empty(),
        previous_committee: committee::empty(),
        next_epoch_params: option::none(),
        epoch_state: EpochState::EpochChangeDone(now),
        next_epoch_public_keys: extended_field::new(vec_map::empty(), ctx),
    }
}

// === Pools ===

/// Creates the pool of a candidate; returns its node id.
public(package) fun create_pool(
    self: &mut StakingInnerV1,
    name: String,
    network_address: String,
    metadata: NodeMetadata,
    public_key: vector<u8>,
    network_public_key: vector<u8>,
    proof_of_possession: vector<u8>,
    commission_rate: u16,
    storage_price: u64,
    write_price: u64,
    node_capacity: u64,
    ctx: &mut TxContext,
): ID {
    let pool = staking_pool::new(
        name,
        network_address,
        metadata,
        public_key,
        network_public_key,
        proof_of_possession,
        commission_rate,
        storage_price,
        write_price,
        node_capacity,
        self.epoch,
        self.next_committee.is_some(),
        ctx,
    );
    let node_id = object::id(&pool);
    self.pools.add(node_id, pool);
    node_id
}

public(package) fun set_commission_receiver(
    self: &mut StakingInnerV1,
    node_id: ID,
    auth: Authenticated,
    receiver: Authorized,
) {
    self.pool_mut(node_id).set_commission_receiver(auth, receiver);
}

public(package) fun set_governance_authorized(
    self: &mut StakingInnerV1,
    node_id: ID,
    auth: Authenticated,
    authorized: Authorized,
) {
    self.pool_mut(node_id).set_governance_authorized(auth, authorized);
}

public(package) fun collect_commission(
    self: &mut StakingInnerV1,
    node_id: ID,
    auth: Authenticated,
): Balance<WAL> {
    self.pool_mut(node_id).collect_commission(auth)
}

public(package) fun set_next_commission(
    self: &mut StakingInnerV1,
    cap: &StorageNodeCap,
    commission_rate: u16,
) {
    let epoch = self.epoch;
    self.pool_mut(cap.node_id()).set_next_commission(commission_rate, epoch);
}

public(package) fun set_storage_price_vote(
    self: &mut StakingInnerV1,
    cap: &StorageNodeCap,
    price: u64,
) {
    self.pool_mut(cap.node_id()).set_next_storage_price(price);
}

public(package) fun set_write_price_vote(
    self: &mut StakingInnerV1,
    cap: &StorageNodeCap,
    price: u64,
) {
    self.pool_mut(cap.node_id()).set_next_write_price(price);
}

public(package) fun set_node_capacity_vote(
    self: &mut StakingInnerV1,
    cap: &StorageNodeCap,
    node_capacity: u64,
) {
    self.pool_mut(cap.node_id()).set_next_node_capacity(node_capacity);
}

public(package) fun set_next_public_key(
    self: &mut StakingInnerV1,
    cap: &StorageNodeCap,
    public_key: vector<u8>,
    proof_of_possession: vector<u8>,
    ctx: &TxContext,
) {
    let epoch = self.epoch;
    self.pool_mut(cap.node_id()).set_next_public_key(public_key, proof_of_possession, epoch, ctx);
}

public(package) fun set_name(self: &mut StakingInnerV1, cap: &StorageNodeCap, name: String) {
    self.pool_mut(cap.node_id()).set_name(name);
}

public(package) fun set_network_address(
    self: &mut StakingInnerV1,
    cap: &StorageNodeCap,
    network_address: String,
) {
    self.pool_mut(cap.node_id()).set_network_address(network_address);
}

public(package) fun set_network_public_key(
    self: &mut StakingInnerV1,
    cap: &StorageNodeCap,
    network_public_key: vector<u8>,
) {
    self.pool_mut(cap.node_id()).set_network_public_key(network_public_key);
}

public(package) fun set_node_metadata(
    self: &mut StakingInnerV1,
    cap: &StorageNodeCap,
    metadata: NodeMetadata,
) {
    self.pool_mut(cap.node_id()).set_node_metadata(metadata);
}

// === Staking ===

/// Stakes with the pool of `node_id`.
public(package) fun stake_with_pool(
    self: &mut StakingInnerV1,
    to_stake: Coin<WAL>,
    node_id: ID,
    ctx: &mut TxContext,
): StakedWal {
    let epoch = self.epoch;
    let committee_selected = self.next_committee.is_some();
    let staked_wal = self
        .pool_mut(node_id)
        .stake(to_stake.into_balance(), epoch, committee_selected, ctx);
    self.update_active_set(node_id);
    staked_wal
}

/// Requests the withdrawal of an active stake.
public(package) fun request_withdraw_stake(self: &mut StakingInnerV1, staked_wal: &mut StakedWal) {
    let node_id = staked_wal.node_id();
    let (in_current, in_next) = self.committee_membership(&node_id);
    let epoch = self.epoch;
    let committee_selected = self.next_committee.is_some();
    self
        .pool_mut(node_id)
        .request_withdraw_stake(staked_wal, in_current, in_next, epoch, committee_selected);
    self.update_active_set(node_id);
}

/// Withdraws a stake with its rewards. Also returns what its pool's rewards pool can pay now of
/// its storage-challenge penalty debt (devnet extension), to burn.
public(package) fun withdraw_stake(
    self: &mut StakingInnerV1,
    staked_wal: StakedWal,
    ctx: &mut TxContext,
): (Coin<WAL>, Balance<WAL>) {
    let node_id = staked_wal.node_id();
    let (in_current, in_next) = self.committee_membership(&node_id);
    let epoch = self.epoch;
    let committee_selected = self.next_committee.is_some();
    let withdrawn = self
        .pool_mut(node_id)
        .withdraw_stake(staked_wal, in_current, in_next, epoch, committee_selected);
    let owed = self.pool_mut(node_id).settle_penalty_debt();
    self.update_active_set(node_id);
    (withdrawn.into_coin(ctx), owed)
}

// === Epoch change ===

/// Selects the next committee and parameters; allowed from half an epoch after the last epoch
/// change (in epoch 0: from `first_epoch_start`).
public(package) fun voting_end(self: &mut StakingInnerV1, clock: &Clock) {
    let last_epoch_change = match (self.epoch_state) {
        EpochState::EpochChangeDone(timestamp) => timestamp,
        _ => abort EWrongEpochState,
    };
    let now = clock.timestamp_ms();
    if (self.epoch == 0) {
        assert!(now >= self.first_epoch_start, EWrongEpochState);
    } else {
        assert!(now >= last_epoch_change + self.epoch_duration / 2, EWrongEpochState);
    };

    let (node_ids, _) = self.committee.to_inner().into_keys_values();
    node_ids.do!(|node_id| self.pools[node_id].clear_blocked_commission());

    self.select_committee_and_parameters();
    self.epoch_state = EpochState::NextParamsSelected(last_epoch_change);
    events::emit_epoch_parameters_selected(self.epoch + 1);
}

/// The committee for the next epoch from the active set, with the members' keys and votes.
fun select_committee_and_parameters(self: &mut StakingInnerV1) {
    assert!(self.next_committee.is_none(), ECommitteeSelected);
    let committee = self.compute_next_committee();
    let (node_ids, shards) = committee.to_inner().into_keys_values();

    let mut public_keys = vector[];
    let mut weights = vector[];
    let mut capacity_votes = vector[];
    let mut storage_price_votes = vector[];
    let mut write_price_votes = vector[];
    node_ids.length().do!(|i| {
        let pool = &self.pools[node_ids[i]];
        let weight = shards[i].length();
        assert!(weight > 0, EZeroNodeWeight);
        public_keys.push_back(*pool.node_info().next_epoch_public_key());
        weights.push_back(weight);
        // A node's capacity vote scaled to the whole system: capacity * n_shards / its shards.
        let capacity = (pool.node_capacity() as u128) * (self.n_shards as u128) / (weight as u128);
        capacity_votes.push_back(capacity.min(0xFFFF_FFFF_FFFF_FFFF) as u64);
        storage_price_votes.push_back(pool.storage_price());
        write_price_votes.push_back(pool.write_price());
    });

    let n_shards = self.n_shards as u64;
    self.next_epoch_params =
        option::some(
            epoch_parameters::new(
                quorum_above(capacity_votes, weights, n_shards),
                quorum_below(storage_price_votes, weights, n_shards),
                quorum_below(write_price_votes, weights, n_shards),
            ),
        );
    self.next_epoch_public_keys.swap(vec_map::from_keys_values(node_ids, public_keys));
    self.next_committee = option::some(committee);
}

/// The next committee: D'Hondt apportionment of the shards over the active set's stake, placed
/// so that as few shards as possible move.
public(package) fun compute_next_committee(self: &StakingInnerV1): Committee {
    let active_set = self.active_set.borrow();
    let nodes = active_set.nodes;
    let (node_ids, stakes) = nodes.into_keys_values();
    let shards = dhondt(self.n_shards, stakes);
    let mut assignment = vec_map::empty();
    node_ids.zip_do!(shards, |node_id, count| if (count > 0) assignment.insert(node_id, count));
    self.committee.transition(assignment)
}

/// Shards per node by the D'Hondt method: each shard goes to the node with the highest
/// `stake / (shards + 1)`; ties go to the earlier node. From 20 nodes on, a node gets at most a
/// tenth of the shards; with fewer, at most `ceil(n_shards * 2 / nodes)`.
fun dhondt(n_shards: u16, stakes: vector<u64>): vector<u16> {
    let n_nodes = stakes.length();
    let total_stake = stakes.fold!(0u128, |sum, stake| sum + (stake as u128));
    assert!(total_stake > 0, ENoStake);
    let n_shards = n_shards as u64;
    let max_shards = if (n_nodes >= MIN_NODES_FOR_SHARDS_LIMIT) {
        n_shards / SHARDS_LIMIT_DENOMINATOR
    } else {
        (n_shards * MIN_NODES_FOR_SHARDS_LIMIT + n_nodes * SHARDS_LIMIT_DENOMINATOR - 1)
            / (n_nodes * SHARDS_LIMIT_DENOMINATOR)
    };
    let mut shards = vector::tabulate!(n_nodes, |_| 0u64);
    n_shards.do!(|_| {
        let mut best = n_nodes;
        n_nodes.do!(|i| {
            if (stakes[i] > 0 && shards[i] < max_shards) {
                // stakes[i] / (shards[i] + 1) > stakes[best] / (shards[best] + 1)
                if (
                    best == n_nodes ||
                    (stakes[i] as u128) * ((shards[best] + 1) as u128) >
                        (stakes[best] as u128) * ((shards[i] + 1) as u128)
                ) best = i;
            }
        });
        assert!(best < n_nodes, ENoStake);
        *&mut shards[best] = shards[best] + 1;
    });
    shards.map!(|count| count as u16)
}

/// The largest value such that members voting at least that much hold a quorum of shards.
fun quorum_above(values: vector<u64>, weights: vector<u64>, n_shards: u64): u64 {
    let (values, weights) = sort_votes(values, weights);
    let mut weight = 0;
    let mut i = values.length();
    while (i > 0) {
        i = i - 1;
        weight = weight + weights[i];
        if (is_quorum_for_n_shards(weight, n_shards)) return values[i];
    };
    0
}

/// The smallest value such that members voting at most that much hold a quorum of shards.
fun quorum_below(values: vector<u64>, weights: vector<u64>, n_shards: u64): u64 {
    let (values, weights) = sort_votes(values, weights);
    let mut weight = 0;
    let mut i = 0;
    while (i < values.length()) {
        weight = weight + weights[i];
        if (is_quorum_for_n_shards(weight, n_shards)) return values[i];
        i = i + 1;
    };
    0xFFFF_FFFF_FFFF_FFFF
}

/// Sorts votes by value, ascending, keeping each weight with its value.
fun sort_votes(mut values: vector<u64>, mut weights: vector<u64>): (vector<u64>, vector<u64>) {
    let mut i = 1;
    while (i < values.length()) {
        let mut j = i;
        while (j > 0 && values[j - 1] > values[j]) {
            values.swap(j - 1, j);
            weights.swap(j - 1, j);
            j = j - 1;
        };
        i = i + 1;
    };
    (values, weights)
}

/// Moves to the next epoch once the epoch's time is up (in epoch 0: at `first_epoch_start`).
/// `rewards` are the old committee's rewards by node id. Returns the rewards forfeited by
/// pools penalized in storage challenges (devnet extension), to burn.
public(package) fun initiate_epoch_change(
    self: &mut StakingInnerV1,
    clock: &Clock,
    rewards: VecMap<ID, Balance<WAL>>,
): Balance<WAL> {
    let epoch_start = match (self.epoch_state) {
        EpochState::NextParamsSelected(timestamp) => timestamp,
        _ => abort EWrongEpochState,
    };
    let now = clock.timestamp_ms();
    if (self.epoch == 0) {
        assert!(now >= self.first_epoch_start, EWrongEpochState);
    } else {
        assert!(now >= epoch_start + self.epoch_duration, EWrongEpochState);
    };
    self.advance_epoch(rewards)
}

/// Bumps the epoch, installs the selected committee and advances the pools of the old and new
/// committee members (paying the rewards). Returns, to burn (devnet extension), the rewards
/// forfeited by penalized pools and what their rewards pools can pay of their penalty debts.
fun advance_epoch(self: &mut StakingInnerV1, rewards: VecMap<ID, Balance<WAL>>): Balance<WAL> {
    assert!(self.next_committee.is_some(), ENextCommitteeIsEmpty);
    self.epoch = self.epoch + 1;
    self.previous_committee = self.committee;
    self.committee = self.next_committee.extract();
    self.next_epoch_params = option::none();
    self.epoch_state = EpochState::EpochChangeSync(0);
    let epoch = self.epoch;

    let (rewarded, balances) = rewards.into_keys_values();
    let mut forfeited = balance::zero();
    rewarded.zip_do!(balances, |node_id, mut reward| {
        forfeited.join(self.pools[node_id].take_forfeited_rewards(&mut reward, epoch));
        self.pools[node_id].advance_epoch(reward, epoch);
        forfeited.join(self.pools[node_id].settle_penalty_debt());
        self.update_active_set(node_id);
    });
    let (_, joined) = committee::diff(&self.previous_committee, &self.committee);
    joined.do!(|node_id| {
        if (!rewarded.contains(&node_id)) {
            self.pools[node_id].advance_epoch(balance::zero(), epoch);
            self.update_active_set(node_id);
        }
    });
    events::emit_epoch_change_start(epoch);
    forfeited
}

/// A node has all its shards for `epoch`; the change is done once nodes holding a quorum of
/// shards have signalled.
public(package) fun epoch_sync_done(
    self: &mut StakingInnerV1,
    cap: &mut StorageNodeCap,
    epoch: u32,
    clock: &Clock,
) {
    assert!(epoch == self.epoch, EInvalidSyncEpoch);
    assert!(cap.last_epoch_sync_done() < self.epoch, EDuplicateSyncDone);
    let node_id = cap.node_id();
    assert!(self.committee.contains(&node_id), ENotInCommittee);
    cap.set_last_epoch_sync_done(self.epoch);

    let node_shards = *self.committee.shards(&node_id);
    match (self.epoch_state) {
        EpochState::EpochChangeSync(weight) => {
            let weight = weight + (node_shards.length() as u16);
            if (is_quorum_for_n_shards(weight as u64, self.n_shards as u64)) {
                self.epoch_state = EpochState::EpochChangeDone(clock.timestamp_ms());
                events::emit_epoch_change_done(self.epoch);
            } else {
                self.epoch_state = EpochState::EpochChangeSync(weight);
            }
        },
        _ => {},
    };
    events::emit_shards_received(self.epoch, node_shards);
}

/// The `BlsCommittee` of the next epoch, from the selected committee and the keys stored at the
/// vote (both in node-id order).
public(package) fun next_bls_committee(self: &mut StakingInnerV1): BlsCommittee {
    assert!(self.next_committee.is_some(), ENextCommitteeIsEmpty);
    let public_keys = self.next_epoch_public_keys.swap(vec_map::empty());
    let (_, keys) = public_keys.into_keys_values();
    let (node_ids, shards) = self.next_committee.borrow().to_inner().into_keys_values();
    let members = vector::tabulate!(node_ids.length(), |i| {
        bls_aggregate::new_bls_committee_member(keys[i], shards[i].length() as u16, node_ids[i])
    });
    bls_aggregate::new_bls_committee(self.epoch + 1, members)
}

// === Accessors ===

public(package) fun epoch(self: &StakingInnerV1): u32 {
    self.epoch
}

public(package) fun n_shards(self: &StakingInnerV1): u16 {
    self.n_shards
}

public(package) fun committee(self: &StakingInnerV1): &Committee {
    &self.committee
}

public(package) fun previous_committee(self: &StakingInnerV1): &Committee {
    &self.previous_committee
}

public(package) fun next_committee(self: &StakingInnerV1): &Option<Committee> {
    &self.next_committee
}

/// The parameters selected for the next epoch; aborts before the vote.
public(package) fun next_epoch_params(self: &StakingInnerV1): EpochParams {
    assert!(self.next_epoch_params.is_some(), ENextCommitteeIsEmpty);
    *self.next_epoch_params.borrow()
}

public(package) fun has_pool(self: &StakingInnerV1, node_id: ID): bool {
    self.pools.contains(node_id)
}

/// True if `weight` shards are a quorum: `3 * weight >= 2 * n_shards + 1`.
public(package) fun is_quorum(self: &StakingInnerV1, weight: u16): bool {
    is_quorum_for_n_shards(weight as u64, self.n_shards as u64)
}

// === Internal ===

fun is_quorum_for_n_shards(weight: u64, n_shards: u64): bool {
    3 * weight >= 2 * n_shards + 1
}

/// The rewards of a stake up to now (or its withdrawal epoch); 0 before it is active.
public(package) fun calculate_rewards(self: &StakingInnerV1, staked_wal: &StakedWal): u64 {
    let to = if (staked_wal.is_withdrawing()) staked_wal.withdraw_epoch().min(self.epoch) else self.epoch;
    if (staked_wal.activation_epoch() >= to) return 0;
    self.pools[staked_wal.node_id()].calculate_rewards(staked_wal.value(), staked_wal.activation_epoch(), to)
}

/// What a stake is worth if withdrawn now (devnet extension; see `staking_pool::staked_wal_value`).
public(package) fun staked_wal_value(self: &StakingInnerV1, staked_wal: &StakedWal): u64 {
    self.pools[staked_wal.node_id()].staked_wal_value(staked_wal, self.epoch)
}

/// Penalizes `node_id` for a storage challenge (devnet extension, `challenge.move`): it forfeits
/// the rewards of the current epoch and pays `bps_per_shard` basis points of its pool's stake per
/// shard in `shards` (`by_commission`: its whole commission instead, as mainnet's slashing).
/// Returns the amount and the WAL to burn now.
public(package) fun penalize_node(
    self: &mut StakingInnerV1,
    node_id: ID,
    shards: u16,
    bps_per_shard: u16,
    by_commission: bool,
): (u64, Balance<WAL>) {
    let epoch = self.epoch;
    let pool = self.pool_mut(node_id);
    pool.forfeit_rewards(epoch);
    let (amount, burn) = if (by_commission) {
        pool.penalize_commission()
    } else {
        pool.penalize_stake((shards as u64) * (bps_per_shard as u64))
    };
    self.update_active_set(node_id);
    (amount, burn)
}

/// The part of `node_id`'s penalty debt its pool can pay now, to burn (devnet extension).
public(package) fun settle_penalty_debt(self: &mut StakingInnerV1, node_id: ID): Balance<WAL> {
    self.pool_mut(node_id).settle_penalty_debt()
}

fun pool_mut(self: &mut StakingInnerV1, node_id: ID): &mut StakingPool {
    assert!(self.pools.contains(node_id), EPoolNotFound);
    &mut self.pools[node_id]
}

/// Whether `node_id` is in the current committee, and in the selected next committee.
fun committee_membership(self: &StakingInnerV1, node_id: &ID): (bool, bool) {
    let in_next = self.next_committee.is_some() && self.next_committee.borrow().contains(node_id);
    (self.committee.contains(node_id), in_next)
}

/// Records the stake `node_id` will have at the next vote in the active set.
fun update_active_set(self: &mut StakingInnerV1, node_id: ID) {
    let vote_epoch = if (self.next_committee.is_some()) self.epoch + 2 else self.epoch + 1;
    let stake = self.pools[node_id].wal_balance_at_epoch(vote_epoch);
    let active_set = self.active_set.borrow_mut();
    if (active_set.nodes.contains(&node_id)) {
        let (_, previous) = active_set.nodes.remove(&node_id);
        active_set.total_stake = active_set.total_stake - previous;
    };
    if (stake == 0) return;
    assert!(active_set.nodes.size() < (active_set.max_size as u64), EActiveSetFull);
    active_set.nodes.insert(node_id, stake);
    active_set.total_stake = active_set.total_stake + stake;
}
