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
/// epoch change at the latest) `resolve_challenge` fails every challenged node without one.
///
/// The round's state is a dynamic field of the `System` under `ChallengeKey`.
module walrus::challenge;

use sui::{bcs, clock::Clock, dynamic_field, event, hash};
use walrus::system::System;

/// Intent type of a challenge certificate: apart from Walrus's own (0-2 here, 3 for the nodes'
/// shard sync), so no other signed message can pass for one.
const CHALLENGE_CERT_MSG_TYPE: u8 = 16;
/// Largest sample a round takes per node.
const MAX_SAMPLE_SIZE: u16 = 64;
/// Length of a sample digest (blake2b-256).
const DIGEST_LEN: u64 = 32;

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

/// A node was penalized for a failed round.
public struct NodePenalized has copy, drop {
    epoch: u32,
    round: u64,
    node_id: ID,
    amount: u64,
}

/// Sets up challenges with the sender as operator; only once (the devnet runs it right after
/// deployment, so its deployer is the operator).
public fun create(system: &mut System, ctx: &mut TxContext) {
    assert!(!dynamic_field::exists_(system.uid(), ChallengeKey {}), EAlreadyCreated);
    let state = ChallengeState { operator: ctx.sender(), next_round: 1, last: option::none() };
    dynamic_field::add(system.uid_mut(), ChallengeKey {}, state);
}

/// Opens round `next_round` in the current epoch for `nodes` (every committee member if empty),
/// `sample_size` blobs per node, open for `window_ms`. Operator only; emits `ChallengeStarted`.
public fun start_challenge(
    system: &mut System,
    nodes: vector<ID>,
    sample_size: u16,
    window_ms: u64,
    clock: &Clock,
    ctx: &mut TxContext,
): u64 {
    assert!(sample_size > 0 && sample_size <= MAX_SAMPLE_SIZE, EInvalidSampleSize);
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
    state.last = option::some(ChallengeRound {
        round, epoch, seed, deadline_ms: deadline, sample_size, nodes, shards,
        passed: vector[], resolved: false,
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
    event::emit(ChallengePassed {
        epoch: last.epoch, round, node_id, signers_weight: certified.stake_support(),
    });
    node_id
}

/// Closes the open round once its deadline passed (or its epoch ended); anyone may call it. Emits
/// `ChallengeFailed` for each node without a certificate and returns those nodes and their shards.
public fun resolve_challenge(system: &mut System, clock: &Clock): (vector<ID>, vector<u16>) {
    let epoch = system.epoch();
    let state: &mut ChallengeState = dynamic_field::borrow_mut(system.uid_mut(), ChallengeKey {});
    assert!(state.last.is_some() && !state.last.borrow().resolved, ENoRound);
    let last = state.last.borrow_mut();
    assert!(clock.timestamp_ms() > last.deadline_ms || epoch > last.epoch, EDeadlineNotReached);
    last.resolved = true;
    let (mut failed, mut shards) = (vector[], vector[]);
    last.nodes.zip_do_ref!(&last.shards, |node_id, held| {
        if (!last.passed.contains(node_id)) {
            failed.push_back(*node_id);
            shards.push_back(*held);
            event::emit(ChallengeFailed {
                epoch: last.epoch, round: last.round, node_id: *node_id, shards: *held,
            });
        }
    });
    (failed, shards)
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
