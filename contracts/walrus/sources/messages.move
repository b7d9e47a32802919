// Copyright (c) walrus-devkit contributors
// SPDX-License-Identifier: Apache-2.0

/// Messages signed by storage nodes and checked on chain.
///
/// Every signed message starts with a header: `intent_type: u8`, `intent_version: u8` (0),
/// `app_id: u8` (3, Walrus) and `epoch: u32` (little-endian), followed by the BCS of the body.
/// Intent types: 0 proof of possession, 1 blob certification, 2 invalid blob id, 3 sync shard.
module walrus::messages;

use sui::{bcs::{Self, BCS}, bls12381};

const APP_ID: u8 = 3;
const INTENT_VERSION: u8 = 0;
/// Length of a compressed BLS12-381 G1 public key.
const BLS_KEY_LEN: u64 = 48;

const PROOF_OF_POSSESSION_MSG_TYPE: u8 = 0;
const BLOB_CERT_MSG_TYPE: u8 = 1;
const INVALID_BLOB_ID_MSG_TYPE: u8 = 2;

/// The app id of the message is not Walrus's.
const EIncorrectAppId: u64 = 0;
/// The epoch of the message is not the committee's.
const EIncorrectEpoch: u64 = 1;
/// The intent type does not fit the operation.
const EInvalidMsgType: u64 = 2;
/// The intent version is not 0.
const EIncorrectIntentVersion: u64 = 3;
/// The persistence type tag is neither permanent nor deletable.
const EInvalidBlobPersistenceType: u64 = 4;
/// The blob is not deletable.
const ENotDeletable: u64 = 5;
/// The BLS public key is not 48 bytes.
const EInvalidKeyLength: u64 = 6;

/// What a candidate's BLS key signs to prove its possession: the header (type 0, the current
/// epoch), the candidate's Sui address and the 48-byte key itself.
public struct ProofOfPossessionMessage has drop {
    intent_type: u8,
    intent_version: u8,
    intent_app: u8,
    epoch: u32,
    sui_address: address,
    bls_key: vector<u8>,
}

/// A message whose certificate was verified: its header fields, its body and the shard weight
/// of its signers.
public struct CertifiedMessage has drop {
    intent_type: u8,
    intent_version: u8,
    cert_epoch: u32,
    message: vector<u8>,
    stake_support: u16,
}

/// Whether a certified blob is permanent, or deletable with the id of its `Blob` object.
public enum BlobPersistenceType has copy, drop {
    Permanent,
    Deletable { object_id: ID },
}

/// The body of a blob certification: the blob id and its persistence.
public struct CertifiedBlobMessage has drop {
    blob_id: u256,
    blob_persistence_type: BlobPersistenceType,
}

/// The body of an invalid-blob certificate.
public struct CertifiedInvalidBlobId has drop {
    blob_id: u256,
}

// === Proof of possession ===

/// The message a candidate's key must have signed.
public(package) fun new_proof_of_possession_msg(
    epoch: u32,
    sui_address: address,
    bls_key: vector<u8>,
): ProofOfPossessionMessage {
    assert!(bls_key.length() == BLS_KEY_LEN, EInvalidKeyLength);
    ProofOfPossessionMessage {
        intent_type: PROOF_OF_POSSESSION_MSG_TYPE,
        intent_version: INTENT_VERSION,
        intent_app: APP_ID,
        epoch,
        sui_address,
        bls_key,
    }
}

/// The signed bytes: header, address, then the key bytes without a length prefix.
public(package) fun to_bcs(self: &ProofOfPossessionMessage): vector<u8> {
    let mut bytes = vector[self.intent_type, self.intent_version, self.intent_app];
    bytes.append(bcs::to_bytes(&self.epoch));
    bytes.append(bcs::to_bytes(&self.sui_address));
    bytes.append(self.bls_key);
    bytes
}

/// True if `signature` (min_pk: 96-byte G2 point) is the key's signature of the message.
public(package) fun verify_proof_of_possession(
    self: &ProofOfPossessionMessage,
    signature: vector<u8>,
): bool {
    bls12381::bls12381_min_pk_verify(&signature, &self.bls_key, &self.to_bcs())
}

// === Certified messages ===

/// Parses and checks the header of a message certified by the committee of `committee_epoch`.
public(package) fun new_certified_message(
    message_bytes: vector<u8>,
    committee_epoch: u32,
    stake_support: u16,
): CertifiedMessage {
    let mut reader = bcs::new(message_bytes);
    let intent_type = reader.peel_u8();
    let intent_version = reader.peel_u8();
    assert!(intent_version == INTENT_VERSION, EIncorrectIntentVersion);
    let intent_app = reader.peel_u8();
    assert!(intent_app == APP_ID, EIncorrectAppId);
    let cert_epoch = reader.peel_u32();
    assert!(cert_epoch == committee_epoch, EIncorrectEpoch);
    let message = reader.into_remainder_bytes();
    CertifiedMessage { intent_type, intent_version, cert_epoch, message, stake_support }
}

/// Reads the body of a blob certification: `blob_id: u256`, then the persistence type.
public(package) fun certify_blob_message(message: CertifiedMessage): CertifiedBlobMessage {
    assert!(message.intent_type == BLOB_CERT_MSG_TYPE, EInvalidMsgType);
    let mut reader = bcs::new(message.message);
    let blob_id = reader.peel_u256();
    let blob_persistence_type = peel_blob_persistence_type(&mut reader);
    CertifiedBlobMessage { blob_id, blob_persistence_type }
}

/// Reads the body of an invalid-blob certificate: `blob_id: u256`.
public(package) fun invalid_blob_id_message(message: CertifiedMessage): CertifiedInvalidBlobId {
    assert!(message.intent_type == INVALID_BLOB_ID_MSG_TYPE, EInvalidMsgType);
    let mut reader = bcs::new(message.message);
    CertifiedInvalidBlobId { blob_id: reader.peel_u256() }
}

fun peel_blob_persistence_type(reader: &mut BCS): BlobPersistenceType {
    match (reader.peel_u8()) {
        0 => BlobPersistenceType::Permanent,
        1 => BlobPersistenceType::Deletable {
            object_id: object::id_from_address(reader.peel_address()),
        },
        _ => abort EInvalidBlobPersistenceType,
    }
}

// === Accessors ===

public(package) fun intent_type(self: &CertifiedMessage): u8 {
    self.intent_type
}

public(package) fun cert_epoch(self: &CertifiedMessage): u32 {
    self.cert_epoch
}

public(package) fun stake_support(self: &CertifiedMessage): u16 {
    self.stake_support
}

public(package) fun message(self: &CertifiedMessage): &vector<u8> {
    &self.message
}

public(package) fun certified_blob_id(self: &CertifiedBlobMessage): u256 {
    self.blob_id
}

public(package) fun blob_persistence_type(self: &CertifiedBlobMessage): BlobPersistenceType {
    self.blob_persistence_type
}

public(package) fun invalid_blob_id(self: &CertifiedInvalidBlobId): u256 {
    self.blob_id
}

/// True for `Deletable`.
public(package) fun is_deletable(self: &BlobPersistenceType): bool {
    match (self) {
        BlobPersistenceType::Deletable { .. } => true,
        BlobPersistenceType::Permanent => false,
    }
}

/// The object id of a deletable blob; aborts for a permanent one.
public(package) fun object_id(self: &BlobPersistenceType): ID {
    match (self) {
        BlobPersistenceType::Deletable { object_id } => *object_id,
        BlobPersistenceType::Permanent => abort ENotDeletable,
    }
}
