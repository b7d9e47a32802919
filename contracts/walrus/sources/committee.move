// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// The shard assignment of a committee: node id → shard indices. Entries are kept sorted by node
/// id, the same order as the members of the epoch's `BlsCommittee` (a certificate's signer bitmap
/// indexes that order). A new assignment moves as few shards as possible.
module walrus::committee;

use sui::{address, vec_map::{Self, VecMap}};

/// The shard counts do not add up to the shards of the system.
const EInvalidShardAssignment: u64 = 0;

/// Node id → shard indices held by the node.
public struct Committee(VecMap<ID, vector<u16>>) has copy, drop, store;

/// A committee without nodes.
public(package) fun empty(): Committee {
    Committee(vec_map::empty())
}

/// The first committee: nodes in id order get consecutive ranges of shards.
public(package) fun initialize(assignment: VecMap<ID, u16>): Committee {
    let (ids, counts) = sort_by_node_id(assignment).into_keys_values();
    let mut next_shard: u16 = 0;
    let shards = counts.map!(|count| vector::tabulate!(count as u64, |_| {
        let shard = next_shard;
        next_shard = next_shard + 1;
        shard
    }));
    Committee(vec_map::from_keys_values(ids, shards))
}

/// The committee for the new shard counts in `assignment`: a node keeps as many of its current
/// shards as it is assigned; shards of departing or shrinking nodes go to the growing ones.
public(package) fun transition(cmt: &Committee, assignment: VecMap<ID, u16>): Committee {
    if (cmt.0.is_empty()) return initialize(assignment);
    let (ids, counts) = sort_by_node_id(assignment).into_keys_values();
    let total = counts.fold!(0u64, |sum, count| sum + (count as u64));
    assert!(total == cmt.n_shards(), EInvalidShardAssignment);

    let mut free: vector<u16> = vector[];
    cmt.0.size().do!(|i| {
        let (id, shards) = cmt.0.get_entry_by_idx(i);
        if (!ids.contains(id)) free.append(*shards);
    });
    let mut assigned: vector<vector<u16>> = vector[];
    ids.length().do!(|i| {
        let mut own = if (cmt.0.contains(&ids[i])) *cmt.0.get(&ids[i])
        else vector[];
        while (own.length() > (counts[i] as u64)) free.push_back(own.pop_back());
        assigned.push_back(own);
    });
    ids.length().do!(|i| {
        let shards = &mut assigned[i];
        while (shards.length() < (counts[i] as u64)) shards.push_back(free.pop_back());
    });
    assert!(free.is_empty(), EInvalidShardAssignment);
    Committee(vec_map::from_keys_values(ids, assigned))
}

/// True if `node_id` holds shards in the committee.
public(package) fun contains(cmt: &Committee, node_id: &ID): bool {
    cmt.0.contains(node_id)
}

/// The shards of `node_id`; aborts if it is not a member.
public(package) fun shards(cmt: &Committee, node_id: &ID): &vector<u16> {
    cmt.0.get(node_id)
}

/// The number of nodes.
public(package) fun size(cmt: &Committee): u64 {
    cmt.0.size()
}

/// The total number of shards assigned.
public(package) fun n_shards(cmt: &Committee): u64 {
    let mut total = 0;
    cmt.0.size().do!(|i| {
        let (_, shards) = cmt.0.get_entry_by_idx(i);
        total = total + shards.length();
    });
    total
}

/// The underlying map.
public(package) fun inner(cmt: &Committee): &VecMap<ID, vector<u16>> {
    &cmt.0
}

/// A copy of the underlying map.
public(package) fun to_inner(cmt: &Committee): VecMap<ID, vector<u16>> {
    cmt.0
}

/// Nodes that left (in `old`, not in `new`) and nodes that joined (in `new`, not in `old`).
public(package) fun diff(old: &Committee, new: &Committee): (vector<ID>, vector<ID>) {
    let mut left = vector[];
    let mut joined = vector[];
    old.0.size().do!(|i| {
        let (id, _) = old.0.get_entry_by_idx(i);
        if (!new.0.contains(id)) left.push_back(*id);
    });
    new.0.size().do!(|i| {
        let (id, _) = new.0.get_entry_by_idx(i);
        if (!old.0.contains(id)) joined.push_back(*id);
    });
    (left, joined)
}

/// Sorts a map by node id, as an unsigned 256-bit integer (insertion sort: committees are small).
public(package) fun sort_by_node_id<V: copy + drop>(map: VecMap<ID, V>): VecMap<ID, V> {
    let (mut ids, mut values) = map.into_keys_values();
    let mut i = 1;
    while (i < ids.length()) {
        let mut j = i;
        while (j > 0 && id_key(&ids[j - 1]) > id_key(&ids[j])) {
            ids.swap(j - 1, j);
            values.swap(j - 1, j);
            j = j - 1;
        };
        i = i + 1;
    };
    vec_map::from_keys_values(ids, values)
}

fun id_key(id: &ID): u256 {
    address::to_u256(id.to_address())
}
