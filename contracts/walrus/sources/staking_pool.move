// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The staking pool of one storage node. The pool's object id is the node id.
///
/// Stake is counted in shares. `wal_balance` WAL back `num_shares` shares; rewards raise
/// `wal_balance` and so the WAL value of every share. The share price at the start of each epoch
/// is kept in `exchange_rates`: a `StakedWal` converts its principal to shares at its activation
/// epoch's rate and back to WAL at its withdrawal epoch's rate; the difference is its reward.
/// Stake joins at E+1 (E+2 once the next committee is selected), withdrawals leave likewise.
module walrus::staking_pool;

use std::string::String;
use sui::{bag::{Self, Bag}, balance::{Self, Balance}, table::{Self, Table}};
use wal::wal::WAL;
use walrus::{
    auth::{Self, Authenticated, Authorized},
    messages,
    pending_values::{Self, PendingValues},
    staked_wal::{Self, StakedWal},
    storage_node::{Self, NodeMetadata, StorageNodeInfo}
};

/// Longest node name, in bytes.
const MAX_NODE_NAME_LENGTH: u64 = 100;
/// Longest network address: a 253-byte DNS name, a colon and a 5-digit port.
const MAX_NETWORK_ADDRESS_LENGTH: u64 = 259;
/// 100% in basis points.
const N_BASIS_POINTS: u16 = 10_000;

/// The pool was already advanced to this epoch.
const EPoolAlreadyUpdated: u64 = 0;
/// Rewards were paid to a pool without stake.
const EIncorrectEpochAdvance: u64 = 1;
/// The proof of possession of the BLS key does not verify.
const EInvalidProofOfPossession: u64 = 2;
/// The pool does not accept stake.
const EPoolIsNotActive: u64 = 3;
/// The amount is zero.
const EZeroStake: u64 = 4;
/// The stake was already marked for withdrawal.
const ENotStaked: u64 = 5;
/// The stake belongs to another pool.
const EIncorrectPoolId: u64 = 6;
/// The stake is not marked for withdrawal.
const ENotWithdrawing: u64 = 7;
/// The withdrawal epoch has not come yet.
const EWithdrawEpochNotReached: u64 = 8;
/// The stake is not active yet.
const EActivationEpochNotReached: u64 = 9;
/// The stake can be withdrawn at once with `withdraw_stake`; no request is needed.
const EWithdrawDirectly: u64 = 10;
/// The commission rate is above 100%.
const EIncorrectCommissionRate: u64 = 11;
/// The caller is not authorized.
const EAuthorizationFailure: u64 = 12;
/// The network address is too long.
const EInvalidNetworkAddressLength: u64 = 13;
/// The name is too long.
const EInvalidNameLength: u64 = 14;
/// The stake is worth zero shares.
const EZeroShares: u64 = 15;

/// Bag key of the commission received in the current epoch, which cannot be collected before
/// the committee vote (`voting_end`).
public struct NewEpochCommissionBlockedForCollection has copy, drop, store {}

/// Bag key (devnet extension, `challenge.move`): WAL a penalty took from the pool's stake that
/// is not burned yet; it is burned out of the rewards pool as WAL comes in (principal left behind
/// by withdrawing stakers).
public struct PenaltyDebt has copy, drop, store {}

/// Bag key (devnet extension): the epoch from whose end on the pool forfeits its next rewards.
public struct RewardsForfeited has copy, drop, store {}

/// Whether the pool takes stake.
public enum PoolState has copy, drop, store {
    Active,
    /// Leaving at the contained epoch.
    Withdrawing(u32),
    Withdrawn,
}

/// The node's votes for the next epoch's parameters.
public struct VotingParams has copy, drop, store {
    /// FROST per MiB and epoch of storage.
    storage_price: u64,
    /// FROST per MiB written.
    write_price: u64,
    /// Bytes the node can store.
    node_capacity: u64,
}

/// The share price at the start of an epoch: `wal_amount` WAL for `share_amount` shares.
/// Zero shares means one WAL per share.
public struct PoolExchangeRate has copy, drop, store {
    wal_amount: u128,
    share_amount: u128,
}

/// A node's pool (19 fields; the SDK reads them in this order).
public struct StakingPool has key, store {
    id: UID,
    state: PoolState,
    voting_params: VotingParams,
    node_info: StorageNodeInfo,
    /// The first epoch the pool can be in the committee.
    activation_epoch: u32,
    /// The last epoch the pool was advanced to.
    latest_epoch: u32,
    /// WAL backing the active shares: staked principal plus rewards.
    wal_balance: u64,
    /// Active shares.
    num_shares: u64,
    /// Withdrawal epoch → shares leaving then.
    pending_shares_withdraw: PendingValues,
    /// Withdrawal epoch → principal leaving then, of stake withdrawn right after it activated.
    pre_active_withdrawals: PendingValues,
    /// Epoch → commission rate taking effect then.
    pending_commission_rate: PendingValues,
    /// Commission in basis points.
    commission_rate: u16,
    /// Epoch → share price at its start.
    exchange_rates: Table<u32, PoolExchangeRate>,
    /// Activation epoch → principal joining then.
    pending_stake: PendingValues,
    /// Rewards not yet withdrawn by stakers.
    rewards_pool: Balance<WAL>,
    /// Commission not yet collected.
    commission: Balance<WAL>,
    /// Who may collect the commission.
    commission_receiver: Authorized,
    /// Who may act for the node in governance.
    governance_authorized: Authorized,
    /// Reserved: holds the blocked commission amount.
    extra_fields: Bag,
}

/// Creates the pool of a new node. The sender must have signed the proof of possession of
/// `public_key` for `current_epoch`. The pool can join the committee of the next vote:
/// `current_epoch` if no committee is selected yet, else `current_epoch + 1`.
public(package) fun new(
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
    current_epoch: u32,
    committee_selected: bool,
    ctx: &mut TxContext,
): StakingPool {
    let pop = messages::new_proof_of_possession_msg(current_epoch, ctx.sender(), public_key);
    assert!(pop.verify_proof_of_possession(proof_of_possession), EInvalidProofOfPossession);
    assert!(name.length() <= MAX_NODE_NAME_LENGTH, EInvalidNameLength);
    assert!(network_address.length() <= MAX_NETWORK_ADDRESS_LENGTH, EInvalidNetworkAddressLength);
    assert!(commission_rate <= N_BASIS_POINTS, EIncorrectCommissionRate);

    let id = object::new(ctx);
    let node_id = id.to_inner();
    let activation_epoch = if (committee_selected) current_epoch + 1 else current_epoch;
    let mut exchange_rates = table::new(ctx);
    exchange_rates.add(activation_epoch, flat_rate());
    StakingPool {
        id,
        state: PoolState::Active,
        voting_params: VotingParams { storage_price, write_price, node_capacity },
        node_info: storage_node::new(
            name,
            node_id,
            network_address,
            public_key,
            network_public_key,
            metadata,
            ctx,
        ),
        activation_epoch,
        latest_epoch: current_epoch,
        wal_balance: 0,
        num_shares: 0,
        pending_shares_withdraw: pending_values::empty(),
        pre_active_withdrawals: pending_values::empty(),
        pending_commission_rate: pending_values::empty(),
        commission_rate,
        exchange_rates,
        pending_stake: pending_values::empty(),
        rewards_pool: balance::zero(),
        commission: balance::zero(),
        commission_receiver: auth::authorized_address(ctx.sender()),
        governance_authorized: auth::authorized_address(ctx.sender()),
        extra_fields: bag::new(ctx),
    }
}

// === Staking ===

/// Stakes `to_stake`; it activates at `current_epoch + 1`, or `+ 2` once the next committee is
/// selected.
public(package) fun stake(
    pool: &mut StakingPool,
    to_stake: Balance<WAL>,
    current_epoch: u32,
    committee_selected: bool,
    ctx: &mut TxContext,
): StakedWal {
    assert!(pool.is_active(), EPoolIsNotActive);
    let amount = to_stake.value();
    assert!(amount > 0, EZeroStake);
    let activation_epoch = if (committee_selected) current_epoch + 2 else current_epoch + 1;
    let staked_wal = staked_wal::mint(pool.id.to_inner(), to_stake, activation_epoch, ctx);
    pool.pending_stake.insert_or_add(activation_epoch, amount);
    staked_wal
}

/// True if the stake never counted for a committee and can be withdrawn at once.
public(package) fun can_withdraw_early(
    staked_wal: &StakedWal,
    in_next_committee: bool,
    current_epoch: u32,
    committee_selected: bool,
): bool {
    if (!staked_wal.is_staked()) return false;
    let activation_epoch = staked_wal.activation_epoch();
    activation_epoch > current_epoch + 1 ||
        (activation_epoch == current_epoch + 1 && (!committee_selected || !in_next_committee))
}

/// Marks active stake for withdrawal at the end of the last committee it counts for.
public(package) fun request_withdraw_stake(
    pool: &mut StakingPool,
    staked_wal: &mut StakedWal,
    in_current_committee: bool,
    in_next_committee: bool,
    current_epoch: u32,
    committee_selected: bool,
) {
    assert!(staked_wal.node_id() == pool.id.to_inner(), EIncorrectPoolId);
    assert!(staked_wal.is_staked(), ENotStaked);
    assert!(
        !can_withdraw_early(staked_wal, in_next_committee, current_epoch, committee_selected),
        EWithdrawDirectly,
    );
    let principal = staked_wal.value();
    let activation_epoch = staked_wal.activation_epoch();

    // Counted for the selected next committee, but not active yet: it leaves one epoch later.
    if (activation_epoch == current_epoch + 1) {
        pool.pre_active_withdrawals.insert_or_add(activation_epoch + 1, principal);
        staked_wal.set_withdrawing(activation_epoch + 1);
        return
    };

    assert!(activation_epoch <= current_epoch, EActivationEpochNotReached);
    let withdraw_epoch = if (in_next_committee) {
        current_epoch + 2
    } else if (in_current_committee) {
        current_epoch + 1
    } else {
        abort EWithdrawDirectly
    };
    let shares = pool.exchange_rate_at_epoch(activation_epoch).to_shares(principal);
    assert!(shares > 0, EZeroShares);
    pool.pending_shares_withdraw.insert_or_add(withdraw_epoch, shares);
    staked_wal.set_withdrawing(withdraw_epoch);
}

/// Withdraws a stake: principal and rewards. Allowed when the stake can be withdrawn early, when
/// its node is in no committee, or from the withdrawal epoch of a request.
public(package) fun withdraw_stake(
    pool: &mut StakingPool,
    staked_wal: StakedWal,
    in_current_committee: bool,
    in_next_committee: bool,
    current_epoch: u32,
    committee_selected: bool,
): Balance<WAL> {
    assert!(staked_wal.node_id() == pool.id.to_inner(), EIncorrectPoolId);
    let principal = staked_wal.value();
    assert!(principal > 0, EZeroStake);
    let activation_epoch = staked_wal.activation_epoch();

    if (can_withdraw_early(&staked_wal, in_next_committee, current_epoch, committee_selected)) {
        pool.pending_stake.reduce(activation_epoch, principal);
        return staked_wal.into_balance()
    };

    let value = if (staked_wal.is_staked() && !in_current_committee && !in_next_committee) {
        // Stake that activated after the pool's last epoch advance never became shares.
        if (activation_epoch > current_epoch || activation_epoch > pool.latest_epoch) {
            pool.pending_stake.reduce(activation_epoch, principal);
            principal
        } else {
            // The node earns nothing now: the stake leaves at once at today's share price.
            let shares = pool.exchange_rate_at_epoch(activation_epoch).to_shares(principal);
            let value = pool.current_rate().to_wal(shares);
            pool.num_shares = pool.num_shares - shares;
            pool.wal_balance = pool.wal_balance - value;
            value
        }
    } else {
        assert!(staked_wal.is_withdrawing(), ENotWithdrawing);
        let withdraw_epoch = staked_wal.withdraw_epoch();
        assert!(withdraw_epoch <= current_epoch, EWithdrawEpochNotReached);
        assert!(activation_epoch <= current_epoch, EActivationEpochNotReached);
        pool.stake_value_at(principal, activation_epoch, withdraw_epoch)
    };

    let mut withdrawn = staked_wal.into_balance();
    if (value >= principal) {
        withdrawn.join(pool.rewards_pool.split((value - principal).min(pool.rewards_pool.value())));
    } else {
        // Devnet extension: a penalty made the stake worth less than its principal; the rest stays
        // in the pool, where it pays the penalty debt (`settle_penalty_debt`).
        pool.rewards_pool.join(withdrawn.split(principal - value));
    };
    withdrawn
}

/// What `principal` staked at `activation_epoch` is worth at `epoch`'s share price.
fun stake_value_at(pool: &StakingPool, principal: u64, activation_epoch: u32, epoch: u32): u64 {
    let shares = pool.exchange_rate_at_epoch(activation_epoch).to_shares(principal);
    pool.exchange_rate_at_epoch(epoch).to_wal(shares)
}

/// What a stake is worth if withdrawn now (devnet extension): its principal before it is active,
/// the share price of its withdrawal epoch once that came, else today's share price, which a
/// storage-challenge penalty lowers at once.
public(package) fun staked_wal_value(pool: &StakingPool, staked_wal: &StakedWal, current_epoch: u32): u64 {
    let principal = staked_wal.value();
    let activation_epoch = staked_wal.activation_epoch();
    if (activation_epoch > current_epoch || activation_epoch > pool.latest_epoch) return principal;
    if (staked_wal.is_withdrawing() && staked_wal.withdraw_epoch() <= current_epoch) {
        return pool.stake_value_at(principal, activation_epoch, staked_wal.withdraw_epoch())
    };
    let shares = pool.exchange_rate_at_epoch(activation_epoch).to_shares(principal);
    pool.current_rate().to_wal(shares)
}

/// The reward of `principal` staked from `activation_epoch` to `withdraw_epoch`.
public(package) fun calculate_rewards(
    pool: &StakingPool,
    principal: u64,
    activation_epoch: u32,
    withdraw_epoch: u32,
): u64 {
    let shares = pool.exchange_rate_at_epoch(activation_epoch).to_shares(principal);
    let value = pool.exchange_rate_at_epoch(withdraw_epoch).to_wal(shares);
    if (value > principal) value - principal else 0
}

// === Epoch change ===

/// Moves the pool into `current_epoch` (the new epoch): takes the commission out of `rewards`,
/// adds the rest to the pool, applies a pending commission rate and key, then lets pending stake
/// join and requested withdrawals leave at the new share price.
public(package) fun advance_epoch(
    pool: &mut StakingPool,
    mut rewards: Balance<WAL>,
    current_epoch: u32,
) {
    assert!(current_epoch > pool.latest_epoch, EPoolAlreadyUpdated);
    assert!(rewards.value() == 0 || pool.wal_balance > 0, EIncorrectEpochAdvance);

    let commission_amount =
        (rewards.value() as u128) * (pool.commission_rate as u128) / (N_BASIS_POINTS as u128);
    pool.add_commission(rewards.split(commission_amount as u64), true);

    pool.pending_commission_rate.latest_value_at(current_epoch).do!(|rate| {
        pool.commission_rate = rate as u16;
    });
    pool.pending_commission_rate.flush(current_epoch);

    let amount = rewards.value();
    pool.rewards_pool.join(rewards);
    pool.wal_balance = pool.wal_balance + amount;
    pool.latest_epoch = current_epoch;
    pool.node_info.rotate_public_key();
    pool.process_pending_stake(current_epoch);
}

/// Records the share price of `current_epoch`, then applies the withdrawals and stake due.
fun process_pending_stake(pool: &mut StakingPool, current_epoch: u32) {
    let rate = pool.current_rate();
    if (pool.exchange_rates.contains(current_epoch)) {
        *(&mut pool.exchange_rates[current_epoch]) = rate;
    } else {
        pool.exchange_rates.add(current_epoch, rate);
    };

    let mut shares_out = pool.pending_shares_withdraw.flush(current_epoch);
    let (epochs, principals) = (*pool.pre_active_withdrawals.inner()).into_keys_values();
    epochs.zip_do!(principals, |withdraw_epoch, principal| {
        if (withdraw_epoch <= current_epoch) {
            let activation_rate = pool.exchange_rate_at_epoch(withdraw_epoch - 1);
            shares_out = shares_out + activation_rate.to_shares(principal);
        }
    });
    pool.pre_active_withdrawals.flush(current_epoch);
    let wal_out = rate.to_wal(shares_out);
    pool.num_shares = pool.num_shares - shares_out;
    pool.wal_balance = pool.wal_balance - wal_out;

    let wal_in = pool.pending_stake.flush(current_epoch);
    pool.num_shares = pool.num_shares + rate.to_shares(wal_in);
    pool.wal_balance = pool.wal_balance + wal_in;
}

/// The WAL that will back the pool at `epoch`, counting pending stake and withdrawals.
public(package) fun wal_balance_at_epoch(pool: &StakingPool, epoch: u32): u64 {
    let rate = pool.current_rate();
    let joining = pool.pending_stake.sum_up_to(epoch);
    let leaving =
        rate.to_wal(pool.pending_shares_withdraw.sum_up_to(epoch)) +
        pool.pre_active_withdrawals.sum_up_to(epoch);
    let total = pool.wal_balance + joining;
    if (total > leaving) total - leaving else 0
}

// === Storage-challenge penalties (devnet extension, `challenge.move`) ===

/// Takes `bps` basis points (at most all) of the WAL backing the pool's shares: every active
/// stake is worth that much less at once. The WAL is burned: what the rewards pool holds now is
/// returned to burn, the rest is owed (`PenaltyDebt`). Returns the amount taken and the WAL to burn.
public(package) fun penalize_stake(pool: &mut StakingPool, bps: u64): (u64, Balance<WAL>) {
    let bps = bps.min(N_BASIS_POINTS as u64);
    let amount = (((pool.wal_balance as u128) * (bps as u128)) / (N_BASIS_POINTS as u128)) as u64;
    pool.wal_balance = pool.wal_balance - amount;
    let key = PenaltyDebt {};
    if (pool.extra_fields.contains(key)) {
        let debt: &mut u64 = pool.extra_fields.borrow_mut(key);
        *debt = *debt + amount;
    } else {
        pool.extra_fields.add(key, amount);
    };
    (amount, pool.settle_penalty_debt())
}

/// Takes the pool's whole commission, as mainnet's slashing does. Returns the amount and the WAL.
public(package) fun penalize_commission(pool: &mut StakingPool): (u64, Balance<WAL>) {
    pool.clear_blocked_commission();
    let amount = pool.commission.value();
    (amount, pool.commission.split(amount))
}

/// The part of the penalty debt the rewards pool can pay now, to burn.
public(package) fun settle_penalty_debt(pool: &mut StakingPool): Balance<WAL> {
    let key = PenaltyDebt {};
    if (!pool.extra_fields.contains(key)) return balance::zero();
    let debt: &mut u64 = pool.extra_fields.borrow_mut(key);
    let paid = (*debt).min(pool.rewards_pool.value());
    *debt = *debt - paid;
    pool.rewards_pool.split(paid)
}

/// The WAL a penalty took that is not burned yet.
public(package) fun penalty_debt(pool: &StakingPool): u64 {
    let key = PenaltyDebt {};
    if (pool.extra_fields.contains(key)) *pool.extra_fields.borrow(key) else 0
}

/// Makes the pool forfeit the rewards paid at the end of `epoch` (or the next payment after it).
public(package) fun forfeit_rewards(pool: &mut StakingPool, epoch: u32) {
    let key = RewardsForfeited {};
    if (pool.extra_fields.contains(key)) {
        let marked: &mut u32 = pool.extra_fields.borrow_mut(key);
        *marked = (*marked).min(epoch);
    } else {
        pool.extra_fields.add(key, epoch);
    }
}

/// At the change into `current_epoch`: takes `rewards` out if the pool forfeits them, to burn.
public(package) fun take_forfeited_rewards(
    pool: &mut StakingPool,
    rewards: &mut Balance<WAL>,
    current_epoch: u32,
): Balance<WAL> {
    let key = RewardsForfeited {};
    if (!pool.extra_fields.contains(key)) return balance::zero();
    if (*pool.extra_fields.borrow<_, u32>(key) >= current_epoch) return balance::zero();
    let _: u32 = pool.extra_fields.remove(key);
    rewards.withdraw_all()
}

// === Commission ===

/// Sets the commission rate (basis points) taking effect two epochs from now.
public(package) fun set_next_commission(
    pool: &mut StakingPool,
    commission_rate: u16,
    current_epoch: u32,
) {
    assert!(commission_rate <= N_BASIS_POINTS, EIncorrectCommissionRate);
    pool.pending_commission_rate.insert_or_replace(current_epoch + 2, commission_rate as u64);
}

/// Adds commission; `block` keeps it from collection until the next vote.
public(package) fun add_commission(pool: &mut StakingPool, commission: Balance<WAL>, block: bool) {
    let amount = commission.value();
    pool.commission.join(commission);
    if (block && amount > 0) {
        let key = NewEpochCommissionBlockedForCollection {};
        if (pool.extra_fields.contains(key)) {
            let blocked: &mut u64 = pool.extra_fields.borrow_mut(key);
            *blocked = *blocked + amount;
        } else {
            pool.extra_fields.add(key, amount);
        }
    }
}

/// Releases the blocked commission (called at `voting_end`).
public(package) fun clear_blocked_commission(pool: &mut StakingPool) {
    let key = NewEpochCommissionBlockedForCollection {};
    if (pool.extra_fields.contains(key)) {
        let _: u64 = pool.extra_fields.remove(key);
    }
}

/// Takes the collectable commission; `auth` must match the commission receiver.
public(package) fun collect_commission(pool: &mut StakingPool, auth: Authenticated): Balance<WAL> {
    assert!(auth.matches(&pool.commission_receiver), EAuthorizationFailure);
    let key = NewEpochCommissionBlockedForCollection {};
    let blocked: u64 = if (pool.extra_fields.contains(key)) *pool.extra_fields.borrow(key) else 0;
    let available = pool.commission.value() - blocked.min(pool.commission.value());
    pool.commission.split(available)
}

/// Changes who may collect the commission; `auth` must match the current receiver.
public(package) fun set_commission_receiver(
    pool: &mut StakingPool,
    auth: Authenticated,
    receiver: Authorized,
) {
    assert!(auth.matches(&pool.commission_receiver), EAuthorizationFailure);
    pool.commission_receiver = receiver;
}

/// Changes who may act in governance; `auth` must match the current one.
public(package) fun set_governance_authorized(
    pool: &mut StakingPool,
    auth: Authenticated,
    authorized: Authorized,
) {
    assert!(auth.matches(&pool.governance_authorized), EAuthorizationFailure);
    pool.governance_authorized = authorized;
}

// === Votes and node info ===

public(package) fun set_next_storage_price(pool: &mut StakingPool, storage_price: u64) {
    pool.voting_params.storage_price = storage_price;
}

public(package) fun set_next_write_price(pool: &mut StakingPool, write_price: u64) {
    pool.voting_params.write_price = write_price;
}

public(package) fun set_next_node_capacity(pool: &mut StakingPool, node_capacity: u64) {
    pool.voting_params.node_capacity = node_capacity;
}

/// Sets the BLS key used from the next epoch; the sender must prove possession of it.
public(package) fun set_next_public_key(
    pool: &mut StakingPool,
    public_key: vector<u8>,
    proof_of_possession: vector<u8>,
    current_epoch: u32,
    ctx: &TxContext,
) {
    let pop = messages::new_proof_of_possession_msg(current_epoch, ctx.sender(), public_key);
    assert!(pop.verify_proof_of_possession(proof_of_possession), EInvalidProofOfPossession);
    pool.node_info.set_next_public_key(public_key);
}

public(package) fun set_name(pool: &mut StakingPool, name: String) {
    assert!(name.length() <= MAX_NODE_NAME_LENGTH, EInvalidNameLength);
    pool.node_info.set_name(name);
}

public(package) fun set_network_address(pool: &mut StakingPool, network_address: String) {
    assert!(network_address.length() <= MAX_NETWORK_ADDRESS_LENGTH, EInvalidNetworkAddressLength);
    pool.node_info.set_network_address(network_address);
}

public(package) fun set_network_public_key(pool: &mut StakingPool, network_public_key: vector<u8>) {
    pool.node_info.set_network_public_key(network_public_key);
}

public(package) fun set_node_metadata(pool: &mut StakingPool, metadata: NodeMetadata) {
    pool.node_info.set_metadata(metadata);
}

// === Accessors ===

public(package) fun node_info(pool: &StakingPool): &StorageNodeInfo {
    &pool.node_info
}

public(package) fun storage_price(pool: &StakingPool): u64 {
    pool.voting_params.storage_price
}

public(package) fun write_price(pool: &StakingPool): u64 {
    pool.voting_params.write_price
}

public(package) fun node_capacity(pool: &StakingPool): u64 {
    pool.voting_params.node_capacity
}

public(package) fun commission_rate(pool: &StakingPool): u16 {
    pool.commission_rate
}

public(package) fun wal_balance(pool: &StakingPool): u64 {
    pool.wal_balance
}

public(package) fun is_active(pool: &StakingPool): bool {
    match (pool.state) {
        PoolState::Active => true,
        _ => false,
    }
}

// === Exchange rates ===

/// The share price recorded for `epoch` or, if none, the latest one before it.
fun exchange_rate_at_epoch(pool: &StakingPool, epoch: u32): PoolExchangeRate {
    let mut epoch = epoch;
    loop {
        if (pool.exchange_rates.contains(epoch)) return pool.exchange_rates[epoch];
        if (epoch <= pool.activation_epoch) return flat_rate();
        epoch = epoch - 1;
    }
}

/// The share price now.
fun current_rate(pool: &StakingPool): PoolExchangeRate {
    PoolExchangeRate { wal_amount: pool.wal_balance as u128, share_amount: pool.num_shares as u128 }
}

/// One WAL per share.
fun flat_rate(): PoolExchangeRate {
    PoolExchangeRate { wal_amount: 0, share_amount: 0 }
}

/// Shares worth `wal` at this rate (rounded down).
fun to_shares(rate: &PoolExchangeRate, wal: u64): u64 {
    if (rate.wal_amount == 0 || rate.share_amount == 0) wal
    else ((wal as u128) * rate.share_amount / rate.wal_amount) as u64
}

/// WAL worth `shares` at this rate (rounded down).
fun to_wal(rate: &PoolExchangeRate, shares: u64): u64 {
    if (rate.wal_amount == 0 || rate.share_amount == 0) shares
    else ((shares as u128) * rate.wal_amount / rate.share_amount) as u64
}
