/**
 * Natives of `walrus::messages`: the messages storage nodes sign, parsed and checked as the Move code
 * does. Every message starts with `intent_type u8 || intent_version u8 (0) || app_id u8 (3) ||
 * epoch u32 LE`, then the BCS body. No public functions.
 */
import { bcs } from '@mysten/sui/bcs';
import type { IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  type BlobPersistenceTypeValue,
  type CertifiedBlobMessageValue,
  type CertifiedInvalidBlobIdValue,
  type CertifiedMessageValue,
  MOVE_CONSTANTS,
  type ProofOfPossessionMessageValue,
} from '../../generated/move-types.js';
import { BcsReader } from '../framework/bcs.js';
import { bls12381MinPkVerify } from '../framework/bls12381.js';
import { abort } from '../support/natives-kit.js';

const { APP_ID, INTENT_VERSION, BLS_KEY_LEN, PROOF_OF_POSSESSION_MSG_TYPE } = MOVE_CONSTANTS.messages;

// === Proof of possession ===

/** The message a candidate's key must have signed; aborts unless the key is 48 bytes. */
export function newProofOfPossessionMsg(
  ctx: NativeContext,
  epoch: number,
  suiAddress: string,
  blsKey: Uint8Array,
): ProofOfPossessionMessageValue {
  if (BigInt(blsKey.length) !== BLS_KEY_LEN)
    abort(ctx, 'messages', 'new_proof_of_possession_msg', 'EInvalidKeyLength');
  return {
    intent_type: PROOF_OF_POSSESSION_MSG_TYPE,
    intent_version: INTENT_VERSION,
    intent_app: APP_ID,
    epoch,
    sui_address: suiAddress,
    bls_key: blsKey,
  };
}

/** The signed bytes: header, address, then the key bytes without a length prefix. */
export function toBcs(_ctx: NativeContext, self: ProofOfPossessionMessageValue): Uint8Array {
  const epoch = bcs.u32().serialize(self.epoch).toBytes();
  const address = bcs.Address.serialize(self.sui_address).toBytes();
  return Uint8Array.from([
    self.intent_type,
    self.intent_version,
    self.intent_app,
    ...epoch,
    ...address,
    ...self.bls_key,
  ]);
}

/** True if `signature` (min_pk, 96-byte G2) is the key's signature of the message. */
export function verifyProofOfPossession(
  ctx: NativeContext,
  self: ProofOfPossessionMessageValue,
  signature: Uint8Array,
): boolean {
  return bls12381MinPkVerify(ctx, signature, self.bls_key, toBcs(ctx, self));
}

// === Certified messages ===

/** Parses and checks the header of a message certified by the committee of `committeeEpoch`. */
export function newCertifiedMessage(
  ctx: NativeContext,
  messageBytes: Uint8Array,
  committeeEpoch: number,
  stakeSupport: number,
): CertifiedMessageValue {
  const reader = new BcsReader(ctx, messageBytes);
  const intentType = reader.peelU8();
  const intentVersion = reader.peelU8();
  if (intentVersion !== INTENT_VERSION)
    abort(ctx, 'messages', 'new_certified_message', 'EIncorrectIntentVersion');
  const intentApp = reader.peelU8();
  if (intentApp !== APP_ID) abort(ctx, 'messages', 'new_certified_message', 'EIncorrectAppId');
  const certEpoch = reader.peelU32();
  if (certEpoch !== committeeEpoch) abort(ctx, 'messages', 'new_certified_message', 'EIncorrectEpoch');
  return {
    intent_type: intentType,
    intent_version: intentVersion,
    cert_epoch: certEpoch,
    message: reader.intoRemainderBytes(),
    stake_support: stakeSupport,
  };
}

/** A reader of the body of `message`; `fun` aborts with `EInvalidMsgType` for another intent type. */
function messageBody(
  ctx: NativeContext,
  message: CertifiedMessageValue,
  intentType: number,
  fun: string,
): BcsReader {
  if (message.intent_type !== intentType) abort(ctx, 'messages', fun, 'EInvalidMsgType');
  return new BcsReader(ctx, message.message);
}

/** Reads the body of a blob certification: `blob_id: u256`, then the persistence type. */
export function certifyBlobMessage(
  ctx: NativeContext,
  message: CertifiedMessageValue,
): CertifiedBlobMessageValue {
  const reader = messageBody(
    ctx,
    message,
    MOVE_CONSTANTS.messages.BLOB_CERT_MSG_TYPE,
    'certify_blob_message',
  );
  const blobId = reader.peelU256();
  return { blob_id: blobId, blob_persistence_type: peelBlobPersistenceType(ctx, reader) };
}

/** Reads the body of an invalid-blob certificate: `blob_id: u256`. */
export function invalidBlobIdMessage(
  ctx: NativeContext,
  message: CertifiedMessageValue,
): CertifiedInvalidBlobIdValue {
  const type = MOVE_CONSTANTS.messages.INVALID_BLOB_ID_MSG_TYPE;
  return { blob_id: messageBody(ctx, message, type, 'invalid_blob_id_message').peelU256() };
}

function peelBlobPersistenceType(ctx: NativeContext, reader: BcsReader): BlobPersistenceTypeValue {
  const tag = reader.peelU8();
  if (tag === 0) return { Permanent: true };
  if (tag === 1) return { Deletable: { object_id: { bytes: reader.peelAddress() } } };
  return abort(ctx, 'messages', 'peel_blob_persistence_type', 'EInvalidBlobPersistenceType');
}

// === Accessors ===

/** True for `Deletable`. */
export function isDeletable(_ctx: NativeContext, self: BlobPersistenceTypeValue): boolean {
  return 'Deletable' in self;
}

/** The object id of a deletable blob; aborts for a permanent one. */
export function objectId(ctx: NativeContext, self: BlobPersistenceTypeValue): IdValue {
  if ('Deletable' in self) return { bytes: self.Deletable.object_id.bytes };
  return abort(ctx, 'messages', 'object_id', 'ENotDeletable');
}
