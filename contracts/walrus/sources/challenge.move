// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Storage challenges: a DEVNET EXTENSION of the protocol (Walrus's own contracts have none; the
/// paper, arXiv 2505.05370 sections 4.6, 5.4 and 6, describes them; this is its lightweight
/// variant).
///
/// The operator opens a round with a seed (the epoch, the round and the transaction digest hashed
/// together). Every challenged node has its own seed, `node_seed = blake2b256(seed || node_id)`;
/// the node's sample is the `sample_size` certified blobs with the smallest
/// `blake2b256(node_seed || blob_id)` among those the chain's events show certified, unexpired and
/// not invalidated when the round opened (blobs are owned objects, so the chain keeps no list of
/// them; every node derives the same sample from the same events). The node proves it holds its
/// slivers of the sample to its peers, which sign
/// `header(CHALLENGE_CERT_MSG_TYPE, epoch) || round u64 || node_id || sample digest (32 bytes)`;
/// a quorum certificate (checked as a blob certificate is) makes the node pass. At the deadline (the
/// epoch change at the latest) `resolve_challenge` fails every challenged node without one and
/// penalizes it (`staking::penalize_node`): it forfeits the epoch's rewards and pays, per shard it
/// held, `penalty_bps_per_shard` of its pool's stake (burned; its stakers' `StakedWal` are worth
/// less, `staking::staked_wal_value`), or its whole commission (`penalty_by_commission`, as
/// mainnet's slashing). A committee member missing from the signers of more than half of the
/// other nodes' accepted certificates did not answer its peers and pays the same.
///
/// The round's state is a dynamic field of the `System` under `ChallengeKey`.
module walrus::challenge;

use sui::{bcs, clock::Clock, dynamic_field, event, hash};
use wal::wal::ProtectedTreasury;
use walrus::{staking::Staking, system::System};

/// Intent type of a challenge certificate: apart from Walrus's own (0-2 here, 3 for the nodes'
/// shard sync), so no other signed message can pass for one.
const CHALLENGE_CERT_MSG_TYPE: u8 = 16;
/// Largest sample a round takes per node.
const MAX_SAMPLE_SIZE: u16 = 64;
/// Length of a sample digest (blake2b-256).
const DIGEST_LEN: u64 = 32;
/// Most basis points of stake a penalty takes per shard (100%).
const MAX_PENALTY_BPS: u16 = 10_000;
/// `NodePenalized.reason`: the node had no valid certificate at the deadline.
const REASON_FAILED: u8 = 0;
/// `NodePenalized.reason`: the node did not sign most of its peers' accepted certificates.
const REASON_UNRESPONSIVE: u8 = 1;

/// The sender is not the challenge operator.
const ENotOperator: u64 = 0;
/// A round is open; resolve it first.
const ERoundOpen: u64 = 1;
/// No round is open.
const ENoRound: u64 = 2;
/// The certificate is for another round (an earlier one, replayed).
const EWrongRound: u64 = 3;
/// The certificate's node was not challenged in this round.
const ENotChallenged: u64 = 4;
/// The node already passed this round.
const EAlreadyPassed: u64 = 5;
/// The round's deadline is over (or its epoch ended).
const EDeadlinePassed: u64 = 6;
/// The round's deadline has not come yet.
const EDeadlineNotReached: u64 = 7;
/// The certificate is not a challenge certificate, or its body is malformed.
const EInvalidMsgType: u64 = 8;
/// The sample size is 0 or above `MAX_SAMPLE_SIZE`.
const EInvalidSampleSize: u64 = 9;
/// Challenges were already set up.
const EAlreadyCreated: u64 = 10;
/// The penalty is above 100% of the stake per shard.
const EInvalidPenalty: u64 = 11;

/// The key of the challenge state under the `System`.
public struct ChallengeKey has copy, drop, store {}

/// One round.
public struct ChallengeRound has copy, drop, store {
    round: u64,
    epoch: u32,
    seed: vector<u8>,
    /// Clock time (ms) after which no certificate is accepted.
    deadline_ms: u64,
    sample_size: u16,
    /// The challenged nodes and the shards each held when the round opened.
    nodes: vector<ID>,
    shards: vector<u16>,
    passed: vector<ID>,
    resolved: bool,
    /// Penalty per shard held, in basis points of the pool's stake (unless `penalty_by_commission`).
    penalty_bps_per_shard: u16,
    /// Burn the failed node's commission instead (mainnet's slashing).
    penalty_by_commission: bool,
    /// The committee when the round opened (in signer-bitmap order), each member's shards, and how
    /// many accepted certificates of other nodes it did not sign.
    committee: vector<ID>,
    committee_shards: vector<u16>,
    missed: vector<u64>,
}

/// The challenge state: who may open rounds, the last round.
public struct ChallengeState has store {
    operator: address,
    next_round: u64,
    last: Option<ChallengeRound>,
}

/// A round opened.
public struct ChallengeStarted has copy, drop {
    epoch: u32,
    round: u64,
    seed: vector<u8>,
    deadline: u64,
    sample_size: u16,
    nodes: vector<ID>,
}

/// A node's certificate was accepted.
public struct ChallengePassed has copy, drop {
    epoch: u32,
    round: u64,
    node_id: ID,
    signers_weight: u16,
}

/// A node had no certificate at the deadline.
public struct ChallengeFailed has copy, drop {
    epoch: u32,
    round: u64,
    node_id: ID,
    shards: u16,
}

/// A node was penalized in a round: it forfeits the epoch's rewards and `amount` FROST (of its
/// pool's stake, or of its commission when `by_commission`) are burned.
public struct NodePenalized has copy, drop {
    epoch: u32,
    round: u64,
    node_id: ID,
    amount: u64,
    /// `REASON_FAILED` or `REASON_UNRESPONSIVE`.
    reason: u8,
    by_commission: bool,
}

/// Sets up challenges with the sender as operator; only once (the devnet runs it right after
/// deployment, so its deployer is the operator).
public fun create(system: &mut System, ctx: &mut TxContext) {
    assert!(!dynamic_field::exists_(system.uid(), ChallengeKey {}), EAlreadyCreated);
    let state = ChallengeState { operator: ctx.sender(), next_round: 1, last: option::none() };
    dynamic_field::add(system.uid_mut(), ChallengeKey {}, state);
}

/// Opens round `next_round` in the current epoch for `nodes` (every committee member if empty),
/// `sample_size` blobs per node, open for `window_ms`, with the penalty a failed node pays.
/// Operator only; emits `ChallengeStarted`.
public fun start_challenge(
    system: &mut System,
    nodes: vector<ID>,
    sample_size: u16,
    window_ms: u64,
    penalty_bps_per_shard: u16,
    penalty_by_commission: bool,
    clock: &Clock,
    ctx: &mut TxContext,
): u64 {
    assert!(sample_size > 0 && sample_size <= MAX_SAMPLE_SIZE, EInvalidSampleSize);
    assert!(penalty_bps_per_shard <= MAX_PENALTY_BPS, EInvalidPenalty);
    let epoch = system.epoch();
    let committee = *system.committee();
    let state: &mut ChallengeState = dynamic_field::borrow_mut(system.uid_mut(), ChallengeKey {});
    assert!(ctx.sender() == state.operator, ENotOperator);
    state.last.do_ref!(|last| assert!(last.resolved, ERoundOpen));
    let all = committee.to_vec_map();
    let nodes = if (nodes.is_empty()) { all.keys() } else { nodes };
    let shards = nodes.map_ref!(|node| *all.get(node));
    let round = state.next_round;
    let mut seed_input = bcs::to_bytes(&epoch);
    seed_input.append(bcs::to_bytes(&round));
    seed_input.append(*ctx.digest());
    let seed = hash::blake2b256(&seed_input);
    let deadline = clock.timestamp_ms() + window_ms;
    state.next_round = round + 1;
    let (committee_ids, committee_shards) = all.into_keys_values();
    let missed = committee_ids.map_ref!(|_| 0u64);
    state.last = option::some(ChallengeRound {
        round, epoch, seed, deadline_ms: deadline, sample_size, nodes, shards,
        passed: vector[], resolved: false, penalty_bps_per_shard, penalty_by_commission,
        committee: committee_ids, committee_shards, missed,
    });
    event::emit(ChallengeStarted { epoch, round, seed, deadline, sample_size, nodes });
    round
}

/// Accepts a quorum certificate of the current committee for a node of the open round; emits
/// `ChallengePassed`.
public fun submit_challenge_certificate(
    system: &mut System,
    signature: vector<u8>,
    signers_bitmap: vector<u8>,
    message: vector<u8>,
    clock: &Clock,
): ID {
    let certified = system.committee().verify_quorum_in_epoch(signature, signers_bitmap, message);
    assert!(certified.intent_type() == CHALLENGE_CERT_MSG_TYPE, EInvalidMsgType);
    let (round, node_id, _digest) = certificate_body(certified.message());
    let state: &mut ChallengeState = dynamic_field::borrow_mut(system.uid_mut(), ChallengeKey {});
    assert!(state.last.is_some(), ENoRound);
    let last = state.last.borrow_mut();
    assert!(round == last.round && !last.resolved, EWrongRound);
    assert!(last.nodes.contains(&node_id), ENotChallenged);
    assert!(!last.passed.contains(&node_id), EAlreadyPassed);
    assert!(certified.cert_epoch() == last.epoch, EDeadlinePassed);
    assert!(clock.timestamp_ms() <= last.deadline_ms, EDeadlinePassed);
    last.passed.push_back(node_id);
    let mut i = 0;
    while (i < last.committee.length()) {
        let signed = i / 8 < signers_bitmap.length() && (signers_bitmap[i / 8] >> ((i % 8) as u8)) & 1 == 1;
        if (!signed && last.committee[i] != node_id) *(&mut last.missed[i]) = last.missed[i] + 1;
        i = i + 1;
    };
    event::emit(ChallengePassed {
        epoch: last.epoch, round, node_id, signers_weight: certified.stake_support(),
    });
    node_id
}

/// Closes the open round once its deadline passed (or its epoch ended); anyone may call it. Emits
/// `ChallengeFailed` for each node without a certificate, penalizes it and every member that did
/// not answer its peers (`NodePenalized`), burns the penalties, and returns the penalized nodes
/// and amounts.
public fun resolve_challenge(
    system: &mut System,
    staking: &mut Staking,
    treasury: &mut ProtectedTreasury,
    clock: &Clock,
    ctx: &mut TxContext,
): (vector<ID>, vector<u64>) {
    let epoch = system.epoch();
    let state: &mut ChallengeState = dynamic_field::borrow_mut(system.uid_mut(), ChallengeKey {});
    assert!(state.last.is_some() && !state.last.borrow().resolved, ENoRound);
    let last = state.last.borrow_mut();
    assert!(clock.timestamp_ms() > last.deadline_ms || epoch > last.epoch, EDeadlineNotReached);
    last.resolved = true;
    let round = *last;
    let (mut penalized, mut amounts) = (vector[], vector[]);
    round.committee.length().do!(|i| {
        let node_id = round.committee[i];
        let held = round.committee_shards[i];
        let failed = round.nodes.contains(&node_id) && !round.passed.contains(&node_id);
        if (failed) {
            event::emit(ChallengeFailed { epoch: round.epoch, round: round.round, node_id, shards: held });
        };
        let others = round.passed.length() - (if (round.passed.contains(&node_id)) 1 else 0);
        let unresponsive = others > 0 && 2 * round.missed[i] > others;
        let mut burn = staking.settle_penalty_debt(node_id);
        if (failed || unresponsive) {
            let (amount, taken) = staking.penalize_node(
                node_id, held, round.penalty_bps_per_shard, round.penalty_by_commission,
            );
            burn.join(taken);
            penalized.push_back(node_id);
            amounts.push_back(amount);
            event::emit(NodePenalized {
                epoch: round.epoch, round: round.round, node_id, amount,
                reason: if (failed) REASON_FAILED else REASON_UNRESPONSIVE,
                by_commission: round.penalty_by_commission,
            });
        };
        treasury.burn(burn.into_coin(ctx));
    });
    (penalized, amounts)
}

/// The seed of `node_id` in a round with `seed`: `blake2b256(seed || node_id)`.
public fun node_seed(seed: vector<u8>, node_id: ID): vector<u8> {
    let mut bytes = seed;
    bytes.append(node_id.to_bytes());
    hash::blake2b256(&bytes)
}

/// The last round, if any.
public fun last_round(system: &System): Option<ChallengeRound> {
    let state: &ChallengeState = dynamic_field::borrow(system.uid(), ChallengeKey {});
    state.last
}

/// The round number a certificate names, and the node.
public(package) fun certificate_body(message: vector<u8>): (u64, ID, vector<u8>) {
    let mut reader = bcs::new(message);
    let round = reader.peel_u64();
    let node_id = reader.peel_address().to_id();
    let digest = reader.into_remainder_bytes();
    assert!(digest.length() == DIGEST_LEN, EInvalidMsgType);
    (round, node_id, digest)
}
