// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The BLS committee of an epoch and the verification of its certificates.
///
/// Keys are BLS12-381 min_pk: public keys in G1 (kept uncompressed, 96 bytes), signatures in G2
/// (96 bytes compressed). A certificate is an aggregate signature with a bitmap of its signers
/// (bit i, least significant first, is member i). The aggregate key is the committee's total key
/// minus the keys of the non-signers.
module walrus::bls_aggregate;

use sui::{bls12381::{Self, G1, UncompressedG1}, group_ops::Element, vec_map::{Self, VecMap}};
use walrus::messages::{Self, CertifiedMessage};

/// The bitmap is longer than the committee needs, or marks a member past the end.
const EInvalidBitmap: u64 = 0;
/// The aggregate signature does not verify.
const ESigVerification: u64 = 1;
/// The signers do not hold enough shards.
const ENotEnoughStake: u64 = 2;
/// The members' weights do not add up to the shards.
const EIncorrectCommittee: u64 = 3;

/// A member: its key, its weight (number of shards) and its node id.
public struct BlsCommitteeMember has copy, drop, store {
    public_key: Element<UncompressedG1>,
    weight: u16,
    node_id: ID,
}

/// The committee of `epoch`: members in node-id order, the shard count and the sum of all keys
/// (compressed G1, 48 bytes).
public struct BlsCommittee has copy, drop, store {
    members: vector<BlsCommitteeMember>,
    n_shards: u16,
    epoch: u32,
    total_aggregated_key: Element<G1>,
}

/// How much weight a certificate needs.
public enum RequiredWeight has copy, drop {
    /// More than two thirds of the shards: `3 * w >= 2 * n + 1`.
    Quorum,
    /// More than a third, so at least one correct node signed: `3 * w >= n + 1`.
    OneCorrectNode,
}

/// A committee for `epoch`; its shard count is the sum of the weights.
public(package) fun new_bls_committee(
    epoch: u32,
    members: vector<BlsCommitteeMember>,
): BlsCommittee {
    let mut n_shards: u64 = 0;
    members.do_ref!(|member| n_shards = n_shards + (member.weight as u64));
    assert!(n_shards <= 0xFFFF, EIncorrectCommittee);
    let total_aggregated_key = if (members.is_empty()) {
        bls12381::g1_identity()
    } else {
        let keys = members.map_ref!(|member| member.public_key);
        bls12381::uncompressed_g1_to_g1(&bls12381::uncompressed_g1_sum(&keys))
    };
    BlsCommittee { members, n_shards: n_shards as u16, epoch, total_aggregated_key }
}

/// A member.
public(package) fun new_bls_committee_member(
    public_key: Element<UncompressedG1>,
    weight: u16,
    node_id: ID,
): BlsCommitteeMember {
    BlsCommitteeMember { public_key, weight, node_id }
}

public(package) fun node_id(self: &BlsCommitteeMember): ID {
    self.node_id
}

public(package) fun epoch(self: &BlsCommittee): u32 {
    self.epoch
}

public(package) fun n_shards(self: &BlsCommittee): u16 {
    self.n_shards
}

public(package) fun n_members(self: &BlsCommittee): u64 {
    self.members.length()
}

/// True if `node_id` is a member.
public(package) fun contains(self: &BlsCommittee, node_id: &ID): bool {
    self.find_index(node_id).is_some()
}

/// The index of `node_id` among the members.
public(package) fun find_index(self: &BlsCommittee, node_id: &ID): Option<u64> {
    self.members.find_index!(|member| &member.node_id == node_id)
}

/// Node id → weight, in member order.
public(package) fun to_vec_map(self: &BlsCommittee): VecMap<ID, u16> {
    let mut map = vec_map::empty();
    self.members.do_ref!(|member| map.insert(member.node_id, member.weight));
    map
}

/// True if `weight` shards form a quorum.
public(package) fun is_quorum(self: &BlsCommittee, weight: u16): bool {
    3 * (weight as u64) >= 2 * (self.n_shards as u64) + 1
}

/// True if `weight` shards include at least one correct node.
public(package) fun includes_one_correct_node(self: &BlsCommittee, weight: u16): bool {
    3 * (weight as u64) >= (self.n_shards as u64) + 1
}

/// Verifies a quorum certificate on `message` and parses its header.
public(package) fun verify_quorum_in_epoch(
    self: &BlsCommittee,
    signature: vector<u8>,
    signers_bitmap: vector<u8>,
    message: vector<u8>,
): CertifiedMessage {
    let weight = self.verify_certificate_and_weight(
        &signature,
        &signers_bitmap,
        &message,
        RequiredWeight::Quorum,
    );
    messages::new_certified_message(message, self.epoch, weight)
}

/// Verifies a certificate signed by at least one correct node and parses its header.
public(package) fun verify_one_correct_node_in_epoch(
    self: &BlsCommittee,
    signature: vector<u8>,
    signers_bitmap: vector<u8>,
    message: vector<u8>,
): CertifiedMessage {
    let weight = self.verify_certificate_and_weight(
        &signature,
        &signers_bitmap,
        &message,
        RequiredWeight::OneCorrectNode,
    );
    messages::new_certified_message(message, self.epoch, weight)
}

/// Checks the bitmap, the signers' weight and the aggregate signature; returns the weight.
fun verify_certificate_and_weight(
    self: &BlsCommittee,
    signature: &vector<u8>,
    signers_bitmap: &vector<u8>,
    message: &vector<u8>,
    required_weight: RequiredWeight,
): u16 {
    let n_members = self.members.length();
    assert!(signers_bitmap.length() <= (n_members + 7) / 8, EInvalidBitmap);
    let mut weight: u64 = 0;
    let mut non_signer_keys = vector[];
    (signers_bitmap.length() * 8).do!(|i| {
        let signed = ((signers_bitmap[i / 8] >> ((i % 8) as u8)) & 1) == 1;
        if (i >= n_members) {
            assert!(!signed, EInvalidBitmap);
        } else if (signed) {
            weight = weight + (self.members[i].weight as u64);
        } else {
            non_signer_keys.push_back(self.members[i].public_key);
        }
    });
    // Members past the end of a short bitmap did not sign.
    let mut i = signers_bitmap.length() * 8;
    while (i < n_members) {
        non_signer_keys.push_back(self.members[i].public_key);
        i = i + 1;
    };
    let weight = weight as u16;
    let enough = match (required_weight) {
        RequiredWeight::Quorum => self.is_quorum(weight),
        RequiredWeight::OneCorrectNode => self.includes_one_correct_node(weight),
    };
    assert!(enough, ENotEnoughStake);
    let aggregate_key = if (non_signer_keys.is_empty()) {
        self.total_aggregated_key
    } else {
        let non_signers = bls12381::uncompressed_g1_to_g1(
            &bls12381::uncompressed_g1_sum(&non_signer_keys),
        );
        bls12381::g1_sub(&self.total_aggregated_key, &non_signers)
    };
    assert!(
        bls12381::bls12381_min_pk_verify(signature, aggregate_key.bytes(), message),
        ESigVerification,
    );
    weight
}
