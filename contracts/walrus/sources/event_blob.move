// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Bookkeeping for event blobs (blobs of the chain's Walrus events that storage nodes certify).
/// The devnet keeps the state in the system object, where the SDK expects it, but does not
/// certify event blobs.
module walrus::event_blob;

use sui::vec_map::{Self, VecMap};

/// A node's latest attestation: the last checkpoint it processed, and the epoch.
public struct EventBlobAttestation has copy, drop, store {
    checkpoint_sequence_num: u64,
    epoch: u32,
}

/// An event blob: its id and the last checkpoint it covers.
public struct EventBlob has copy, drop, store {
    blob_id: u256,
    ending_checkpoint_sequence_number: u64,
}

/// The latest certified event blob, and the shard weight attesting each candidate blob.
public struct EventBlobCertificationState has store {
    latest_certified_blob: Option<EventBlob>,
    aggregate_weight_per_blob: VecMap<EventBlob, u16>,
}

/// A state with nothing certified.
public(package) fun create_with_empty_state(): EventBlobCertificationState {
    EventBlobCertificationState {
        latest_certified_blob: option::none(),
        aggregate_weight_per_blob: vec_map::empty(),
    }
}

/// Forgets the attestations of the finished epoch (the certified blob stays).
public(package) fun reset(self: &mut EventBlobCertificationState) {
    self.aggregate_weight_per_blob = vec_map::empty();
}

/// Creates an attestation.
public(package) fun new_attestation(
    checkpoint_sequence_num: u64,
    epoch: u32,
): EventBlobAttestation {
    EventBlobAttestation { checkpoint_sequence_num, epoch }
}
