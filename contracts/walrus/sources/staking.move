// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The shared `Staking` object: storage nodes register here, stakers stake with them, and the
/// epoch advances from here. Its state is the `StakingInnerV1` stored as a dynamic field under
/// the key `version` (a `u64`), where the SDK reads it. The SDK also reads the WAL type from the
/// second parameter of `stake_with_pool`.
module walrus::staking;

use std::string::String;
use sui::{balance::Balance, clock::Clock, coin::Coin, dynamic_field as df};
use wal::wal::{ProtectedTreasury, WAL};
use walrus::{
    auth::{Self, Authenticated, Authorized},
    staked_wal::StakedWal,
    staking_inner::{Self, StakingInnerV1},
    storage_node::{Self, NodeMetadata, StorageNodeCap},
    system::System
};

/// The version of the inner state this package reads and writes.
const VERSION: u64 = 1;

/// The staking object was created by a different version of the package.
const EWrongVersion: u64 = 0;
/// The function was replaced; use `initiate_epoch_change_v2`.
const EDeprecatedFunction: u64 = 1;

/// Dynamic-field key on the `Staking` object (devnet extension): storage-challenge penalty WAL
/// withheld from withdrawn stakes, burned at the next epoch change.
public struct PenaltyBurnKey has copy, drop, store {}

/// The shared staking object (the SDK reads these fields in this order).
public struct Staking has key {
    id: UID,
    version: u64,
    package_id: ID,
    new_package_id: Option<ID>,
}

/// Creates and shares the staking object. The first epoch change may happen
/// `epoch_zero_duration` ms from now; later epochs last `epoch_duration` ms.
public(package) fun create(
    epoch_zero_duration: u64,
    epoch_duration: u64,
    n_shards: u16,
    package_id: ID,
    clock: &Clock,
    ctx: &mut TxContext,
) {
    let mut staking = Staking {
        id: object::new(ctx),
        version: VERSION,
        package_id,
        new_package_id: option::none(),
    };
    let inner = staking_inner::new(epoch_zero_duration, epoch_duration, n_shards, clock, ctx);
    df::add(&mut staking.id, VERSION, inner);
    transfer::share_object(staking);
}

// === Storage nodes ===

/// Registers the sender as a storage node candidate and creates its staking pool (whose id is the
/// node id). `public_key` is the compressed BLS12-381 G1 key (48 bytes) and
/// `proof_of_possession` its signature of the proof-of-possession message for the sender and
/// the current epoch. `commission_rate` is in basis points; the prices (FROST per MiB) and the
/// capacity (bytes) are the node's first votes. Returns the node's capability.
public fun register_candidate(
    staking: &mut Staking,
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
): StorageNodeCap {
    let inner = staking.inner_mut();
    let node_id = inner.create_pool(
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
        ctx,
    );
    let cap = storage_node::new_cap(node_id, ctx);
    // The commission goes to whoever holds the capability.
    inner.set_commission_receiver(
        node_id,
        auth::authenticate_sender(ctx),
        auth::authorized_object(object::id(&cap)),
    );
    cap
}

/// Sets the node's commission rate (basis points), effective two epochs from now.
public fun set_next_commission(staking: &mut Staking, cap: &StorageNodeCap, commission_rate: u16) {
    staking.inner_mut().set_next_commission(cap, commission_rate);
}

/// Collects the commission of `node_id`; `auth` must match its commission receiver.
public fun collect_commission(
    staking: &mut Staking,
    node_id: ID,
    auth: Authenticated,
    ctx: &mut TxContext,
): Coin<WAL> {
    staking.inner_mut().collect_commission(node_id, auth).into_coin(ctx)
}

/// Changes who may collect the commission of `node_id`.
public fun set_commission_receiver(
    staking: &mut Staking,
    node_id: ID,
    auth: Authenticated,
    receiver: Authorized,
) {
    staking.inner_mut().set_commission_receiver(node_id, auth, receiver);
}

/// Changes who may act in governance for `node_id`.
public fun set_governance_authorized(
    staking: &mut Staking,
    node_id: ID,
    auth: Authenticated,
    authorized: Authorized,
) {
    staking.inner_mut().set_governance_authorized(node_id, auth, authorized);
}

/// Votes a storage price (FROST per MiB and epoch) for the next epoch.
public fun set_storage_price_vote(self: &mut Staking, cap: &StorageNodeCap, storage_price: u64) {
    self.inner_mut().set_storage_price_vote(cap, storage_price);
}

/// Votes a write price (FROST per MiB) for the next epoch.
public fun set_write_price_vote(self: &mut Staking, cap: &StorageNodeCap, write_price: u64) {
    self.inner_mut().set_write_price_vote(cap, write_price);
}

/// Votes the node's capacity (bytes) for the next epoch.
public fun set_node_capacity_vote(self: &mut Staking, cap: &StorageNodeCap, node_capacity: u64) {
    self.inner_mut().set_node_capacity_vote(cap, node_capacity);
}

/// Sets the BLS key the node uses from the next epoch it is in the committee.
public fun set_next_public_key(
    self: &mut Staking,
    cap: &StorageNodeCap,
    public_key: vector<u8>,
    proof_of_possession: vector<u8>,
    ctx: &mut TxContext,
) {
    self.inner_mut().set_next_public_key(cap, public_key, proof_of_possession, ctx);
}

/// Sets the node's name.
public fun set_name(self: &mut Staking, cap: &StorageNodeCap, name: String) {
    self.inner_mut().set_name(cap, name);
}

/// Sets the node's `host:port`.
public fun set_network_address(self: &mut Staking, cap: &StorageNodeCap, network_address: String) {
    self.inner_mut().set_network_address(cap, network_address);
}

/// Sets the node's network (TLS) public key.
public fun set_network_public_key(
    self: &mut Staking,
    cap: &StorageNodeCap,
    network_public_key: vector<u8>,
) {
    self.inner_mut().set_network_public_key(cap, network_public_key);
}

/// Sets the node's metadata.
public fun set_node_metadata(self: &mut Staking, cap: &StorageNodeCap, metadata: NodeMetadata) {
    self.inner_mut().set_node_metadata(cap, metadata);
}

// === Epoch change ===

/// Selects the next committee and parameters; anyone may call it from half an epoch on.
public fun voting_end(staking: &mut Staking, clock: &Clock) {
    staking.inner_mut().voting_end(clock);
}

/// Replaced by `initiate_epoch_change_v2`, which burns part of the rewards; always aborts.
public fun initiate_epoch_change(_staking: &mut Staking, _system: &mut System, _clock: &Clock) {
    abort EDeprecatedFunction
}

/// Starts the next epoch once the current one is over; anyone may call it. Burns 3% of the
/// finished epoch's rewards, pays the rest to the old committee's pools by shard weight, and
/// installs the new committee and parameters in both objects. Rewards forfeited by nodes that
/// failed a storage challenge (devnet extension) are burned too.
public fun initiate_epoch_change_v2(
    staking: &mut Staking,
    system: &mut System,
    treasury: &mut ProtectedTreasury,
    clock: &Clock,
    ctx: &mut TxContext,
) {
    let inner = staking.inner_mut();
    treasury.burn(system.extract_burn_balance().into_coin(ctx));
    let rewards = system.advance_epoch(inner.next_bls_committee(), &inner.next_epoch_params());
    let mut forfeited = inner.initiate_epoch_change(clock, rewards);
    if (df::exists_(&staking.id, PenaltyBurnKey {})) {
        let withheld: Balance<WAL> = df::remove(&mut staking.id, PenaltyBurnKey {});
        forfeited.join(withheld);
    };
    treasury.burn(forfeited.into_coin(ctx));
}

/// Signals that the node holds all its shards for `epoch`.
public fun epoch_sync_done(
    staking: &mut Staking,
    cap: &mut StorageNodeCap,
    epoch: u32,
    clock: &Clock,
) {
    staking.inner_mut().epoch_sync_done(cap, epoch, clock);
}

// === Staking ===

/// Stakes `to_stake` (at least 1 WAL) with the node `node_id`. The stake counts from the next
/// epoch, or the one after if the next committee is already selected.
public fun stake_with_pool(
    staking: &mut Staking,
    to_stake: Coin<WAL>,
    node_id: ID,
    ctx: &mut TxContext,
): StakedWal {
    staking.inner_mut().stake_with_pool(to_stake, node_id, ctx)
}

/// Requests the withdrawal of an active stake; it can be withdrawn once its node's committee
/// term the stake counts for is over.
public fun request_withdraw_stake(
    staking: &mut Staking,
    staked_wal: &mut StakedWal,
    _ctx: &mut TxContext,
) {
    staking.inner_mut().request_withdraw_stake(staked_wal);
}

/// Withdraws a stake with its rewards.
public fun withdraw_stake(
    staking: &mut Staking,
    staked_wal: StakedWal,
    ctx: &mut TxContext,
): Coin<WAL> {
    let (withdrawn, owed) = staking.inner_mut().withdraw_stake(staked_wal, ctx);
    if (df::exists_(&staking.id, PenaltyBurnKey {})) {
        let withheld: &mut Balance<WAL> = df::borrow_mut(&mut staking.id, PenaltyBurnKey {});
        withheld.join(owed);
    } else {
        df::add(&mut staking.id, PenaltyBurnKey {}, owed);
    };
    withdrawn
}

// === Views ===

/// The rewards `staked_wal` has earned so far: what withdrawing it now (or at its withdrawal
/// epoch, if that is earlier) adds to the principal.
public fun calculate_rewards(staking: &Staking, staked_wal: &StakedWal): u64 {
    staking.inner().calculate_rewards(staked_wal)
}

/// What `staked_wal` is worth if withdrawn now: principal, rewards, less its share of the storage-
/// challenge penalties of its pool (devnet extension; mainnet has no such view).
public fun staked_wal_value(staking: &Staking, staked_wal: &StakedWal): u64 {
    staking.inner().staked_wal_value(staked_wal)
}

/// Penalizes a node for a storage challenge (devnet extension; `challenge::resolve_challenge`).
public(package) fun penalize_node(
    staking: &mut Staking,
    node_id: ID,
    shards: u16,
    bps_per_shard: u16,
    by_commission: bool,
): (u64, Balance<WAL>) {
    staking.inner_mut().penalize_node(node_id, shards, bps_per_shard, by_commission)
}

/// The part of a node's penalty debt its pool can pay now, to burn (devnet extension).
public(package) fun settle_penalty_debt(staking: &mut Staking, node_id: ID): Balance<WAL> {
    staking.inner_mut().settle_penalty_debt(node_id)
}

/// The current epoch.
public fun epoch(staking: &Staking): u32 {
    staking.inner().epoch()
}

public(package) fun package_id(staking: &Staking): ID {
    staking.package_id
}

public(package) fun version(staking: &Staking): u64 {
    staking.version
}

fun inner(staking: &Staking): &StakingInnerV1 {
    assert!(staking.version == VERSION, EWrongVersion);
    df::borrow(&staking.id, VERSION)
}

fun inner_mut(staking: &mut Staking): &mut StakingInnerV1 {
    assert!(staking.version == VERSION, EWrongVersion);
    df::borrow_mut(&mut staking.id, VERSION)
}
