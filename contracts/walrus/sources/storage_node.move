// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// A storage node's public description (kept in its staking pool) and the capability that
/// authorizes the node operator.
module walrus::storage_node;

use std::string::String;
use sui::{bls12381::{Self, UncompressedG1}, group_ops::Element, vec_map::{Self, VecMap}};
use walrus::{event_blob::EventBlobAttestation, extended_field::{Self, ExtendedField}};

/// Length of a network public key: a flag byte and a 32-byte Ed25519 key.
const NETWORK_PUBLIC_KEY_LENGTH: u64 = 33;

/// The network public key does not have the expected length.
const EInvalidNetworkPublicKey: u64 = 0;

/// Descriptive information about a node, shown by explorers.
public struct NodeMetadata has copy, drop, store {
    image_url: String,
    project_url: String,
    description: String,
    extra_fields: VecMap<String, String>,
}

/// What clients need to reach and verify a node. `network_address` is `host:port`; the SDK
/// builds the node's URL as `<scheme>://<network_address>`. `public_key` is the BLS12-381 G1 key
/// in uncompressed form (96 bytes); `next_epoch_public_key` replaces it from the next epoch.
public struct StorageNodeInfo has store {
    name: String,
    node_id: ID,
    network_address: String,
    public_key: Element<UncompressedG1>,
    next_epoch_public_key: Option<Element<UncompressedG1>>,
    network_public_key: vector<u8>,
    metadata: ExtendedField<NodeMetadata>,
}

/// Held by the operator; authorizes votes, key changes and the epoch-sync signal of `node_id`.
public struct StorageNodeCap has key, store {
    id: UID,
    node_id: ID,
    last_epoch_sync_done: u32,
    last_event_blob_attestation: Option<EventBlobAttestation>,
    deny_list_root: u256,
    deny_list_sequence: u64,
    deny_list_size: u64,
}

/// Node metadata without extra fields.
public fun new_metadata(image_url: String, project_url: String, description: String): NodeMetadata {
    NodeMetadata { image_url, project_url, description, extra_fields: vec_map::empty() }
}

/// The description of a new node; `public_key` is the compressed 48-byte G1 key.
public(package) fun new(
    name: String,
    node_id: ID,
    network_address: String,
    public_key: vector<u8>,
    network_public_key: vector<u8>,
    metadata: NodeMetadata,
    ctx: &mut TxContext,
): StorageNodeInfo {
    assert!(network_public_key.length() == NETWORK_PUBLIC_KEY_LENGTH, EInvalidNetworkPublicKey);
    StorageNodeInfo {
        name,
        node_id,
        network_address,
        public_key: uncompressed(&public_key),
        next_epoch_public_key: option::none(),
        network_public_key,
        metadata: extended_field::new(metadata, ctx),
    }
}

/// A capability for `node_id`.
public(package) fun new_cap(node_id: ID, ctx: &mut TxContext): StorageNodeCap {
    StorageNodeCap {
        id: object::new(ctx),
        node_id,
        last_epoch_sync_done: 0,
        last_event_blob_attestation: option::none(),
        deny_list_root: 0,
        deny_list_sequence: 0,
        deny_list_size: 0,
    }
}

// === StorageNodeCap ===

/// The node the capability is for.
public fun node_id(cap: &StorageNodeCap): ID {
    cap.node_id
}

/// The last epoch for which the node signalled that it had all its shards.
public fun last_epoch_sync_done(cap: &StorageNodeCap): u32 {
    cap.last_epoch_sync_done
}

public(package) fun set_last_epoch_sync_done(cap: &mut StorageNodeCap, epoch: u32) {
    cap.last_epoch_sync_done = epoch;
}

// === StorageNodeInfo ===

public(package) fun id(self: &StorageNodeInfo): ID {
    self.node_id
}

public(package) fun public_key(self: &StorageNodeInfo): &Element<UncompressedG1> {
    &self.public_key
}

/// The key for the next epoch: the pending one if set, otherwise the current one.
public(package) fun next_epoch_public_key(self: &StorageNodeInfo): &Element<UncompressedG1> {
    if (self.next_epoch_public_key.is_some()) self.next_epoch_public_key.borrow()
    else &self.public_key
}

public(package) fun metadata(self: &StorageNodeInfo): NodeMetadata {
    *self.metadata.borrow()
}

/// Sets the key used from the next epoch the node is in the committee (compressed, 48 bytes).
public(package) fun set_next_public_key(self: &mut StorageNodeInfo, public_key: vector<u8>) {
    self.next_epoch_public_key.swap_or_fill(uncompressed(&public_key));
}

/// At an epoch change: the pending key, if any, becomes the current key.
public(package) fun rotate_public_key(self: &mut StorageNodeInfo) {
    if (self.next_epoch_public_key.is_some()) {
        self.public_key = self.next_epoch_public_key.extract();
    }
}

public(package) fun set_name(self: &mut StorageNodeInfo, name: String) {
    self.name = name;
}

public(package) fun set_network_address(self: &mut StorageNodeInfo, network_address: String) {
    self.network_address = network_address;
}

public(package) fun set_network_public_key(
    self: &mut StorageNodeInfo,
    network_public_key: vector<u8>,
) {
    assert!(network_public_key.length() == NETWORK_PUBLIC_KEY_LENGTH, EInvalidNetworkPublicKey);
    self.network_public_key = network_public_key;
}

public(package) fun set_metadata(self: &mut StorageNodeInfo, metadata: NodeMetadata) {
    *self.metadata.borrow_mut() = metadata;
}

/// A compressed G1 key (48 bytes) as an uncompressed group element; aborts on an invalid point.
fun uncompressed(public_key: &vector<u8>): Element<UncompressedG1> {
    bls12381::g1_to_uncompressed_g1(&bls12381::g1_from_bytes(public_key))
}
