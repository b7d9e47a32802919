// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// `StakedWal`: WAL staked with one storage node's pool. It holds the principal; rewards come
/// from the pool on withdrawal. It can be split and joined while its state and epochs match.
module walrus::staked_wal;

use sui::balance::Balance;
use wal::wal::WAL;

/// A `StakedWal` must hold at least 1 WAL.
const MIN_STAKING_THRESHOLD: u64 = 1_000_000_000;

/// The stake is not being withdrawn.
const ENotWithdrawing: u64 = 0;
/// The two stakes differ in node, activation epoch or state.
const EMetadataMismatch: u64 = 1;
/// The split amount is zero or leaves a part below the threshold.
const EInvalidAmount: u64 = 2;
/// The stake is already being withdrawn.
const EAlreadyWithdrawing: u64 = 3;
/// The stake is below `MIN_STAKING_THRESHOLD`.
const EStakeBelowThreshold: u64 = 4;

/// Staked, or being withdrawn from `withdraw_epoch` on.
public enum StakedWalState has copy, drop, store {
    Staked,
    Withdrawing { withdraw_epoch: u32 },
}

/// WAL staked with the pool of `node_id`, counted from `activation_epoch`.
public struct StakedWal has key, store {
    id: UID,
    state: StakedWalState,
    node_id: ID,
    principal: Balance<WAL>,
    activation_epoch: u32,
}

/// A new stake; only the staking pool mints them.
public(package) fun mint(
    node_id: ID,
    principal: Balance<WAL>,
    activation_epoch: u32,
    ctx: &mut TxContext,
): StakedWal {
    assert!(principal.value() >= MIN_STAKING_THRESHOLD, EStakeBelowThreshold);
    StakedWal {
        id: object::new(ctx),
        state: StakedWalState::Staked,
        node_id,
        principal,
        activation_epoch,
    }
}

/// Deletes the stake and returns its principal.
public(package) fun into_balance(sw: StakedWal): Balance<WAL> {
    let StakedWal { id, principal, .. } = sw;
    id.delete();
    principal
}

/// Marks the stake as withdrawable from `withdraw_epoch`.
public(package) fun set_withdrawing(sw: &mut StakedWal, withdraw_epoch: u32) {
    assert!(sw.is_staked(), EAlreadyWithdrawing);
    sw.state = StakedWalState::Withdrawing { withdraw_epoch };
}

/// The node (staking pool) of the stake.
public fun node_id(sw: &StakedWal): ID {
    sw.node_id
}

/// The principal in FROST.
public fun value(sw: &StakedWal): u64 {
    sw.principal.value()
}

/// The first epoch the stake counts in.
public fun activation_epoch(sw: &StakedWal): u32 {
    sw.activation_epoch
}

/// True unless a withdrawal was requested.
public fun is_staked(sw: &StakedWal): bool {
    match (sw.state) {
        StakedWalState::Staked => true,
        _ => false,
    }
}

/// True once a withdrawal was requested.
public fun is_withdrawing(sw: &StakedWal): bool {
    !sw.is_staked()
}

/// The epoch from which the stake can be withdrawn; aborts unless withdrawing.
public fun withdraw_epoch(sw: &StakedWal): u32 {
    match (sw.state) {
        StakedWalState::Withdrawing { withdraw_epoch } => withdraw_epoch,
        _ => abort ENotWithdrawing,
    }
}

/// Adds `other` to `sw`; both must have the same node, activation epoch and state.
public fun join(sw: &mut StakedWal, other: StakedWal) {
    assert!(sw.node_id == other.node_id, EMetadataMismatch);
    assert!(sw.activation_epoch == other.activation_epoch, EMetadataMismatch);
    assert!(sw.state == other.state, EMetadataMismatch);
    let StakedWal { id, principal, .. } = other;
    id.delete();
    sw.principal.join(principal);
}

/// Splits `amount` FROST into a new stake; both parts must stay at or above 1 WAL.
public fun split(sw: &mut StakedWal, amount: u64, ctx: &mut TxContext): StakedWal {
    assert!(amount >= MIN_STAKING_THRESHOLD, EInvalidAmount);
    assert!(sw.principal.value() >= amount + MIN_STAKING_THRESHOLD, EInvalidAmount);
    StakedWal {
        id: object::new(ctx),
        state: sw.state,
        node_id: sw.node_id,
        principal: sw.principal.split(amount),
        activation_epoch: sw.activation_epoch,
    }
}
