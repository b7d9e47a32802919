/**
 * Signed storage confirmations (walrus-protocol.md §5): `intent_type u8 (1) || intent_version u8 (0)
 * || app_id u8 (3) || epoch u32 LE || blob_id (32 bytes) || persistence`, where persistence is
 * `0` (permanent) or `1 || object_id (32 bytes)` (deletable). The SDK rebuilds these bytes itself,
 * compares them with `serializedMessage` (standard base64) and checks the BLS signature against the
 * node's key from the chain.
 */
import { fromBase64, toBase64 } from '@mysten/bcs';
import type { BlsKeyPair } from './bls-keys.js';
import { verifyBls } from './bls-keys.js';
import { IntentType, protocolMessageHeader } from './protocol-message.js';

/** How a blob is stored: permanently, or deletable through the `Blob` object `objectId`. */
export type BlobPersistence = { kind: 'permanent' } | { kind: 'deletable'; objectId: Uint8Array };

/** The bytes a node signs to confirm it stores all its slivers of a blob. */
export function storageConfirmationMessage(
  epoch: number,
  blobId: Uint8Array,
  persistence: BlobPersistence,
): Uint8Array {
  const body =
    persistence.kind === 'permanent' ? new Uint8Array(33) : new Uint8Array(33 + persistence.objectId.length);
  body.set(blobId, 0);
  body[32] = persistence.kind === 'permanent' ? 0 : 1;
  if (persistence.kind === 'deletable') body.set(persistence.objectId, 33);
  const message = new Uint8Array(7 + body.length);
  message.set(protocolMessageHeader(IntentType.BlobCertification, epoch), 0);
  message.set(body, 7);
  return message;
}

/** A signed confirmation as the REST API returns it (`{signed: ...}` in the JSON envelope). */
export interface SignedConfirmation {
  /** The message bytes, standard base64 with padding. */
  serializedMessage: string;
  /** The 96-byte BLS signature, standard base64 with padding. */
  signature: string;
}

/** Signs a storage confirmation with the node's key. */
export function signStorageConfirmation(
  key: BlsKeyPair,
  epoch: number,
  blobId: Uint8Array,
  persistence: BlobPersistence,
): SignedConfirmation {
  const message = storageConfirmationMessage(epoch, blobId, persistence);
  return { serializedMessage: toBase64(message), signature: toBase64(key.sign(message)) };
}

/**
 * Signs a node's confirmations on the shared worker pool, and can start one ahead of the request: a node
 * {@link prepare}s the confirmations of a blob once its metadata is stored and it is registered, so the BLS
 * signature (10-25 ms of CPU) overlaps the sliver uploads instead of delaying the SDK's confirmation request. A
 * prepared signature is only handed out by {@link sign}, which the node calls after its own checks.
 */
export class ConfirmationSigner {
  /** Signatures started, by serialized message (at most {@link kept}, oldest dropped first). */
  private readonly started = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly key: BlsKeyPair,
    private readonly kept = 256,
  ) {}

  /** Starts signing a confirmation; a later {@link sign} of the same one gets this signature. */
  prepare(epoch: number, blobId: Uint8Array, persistence: BlobPersistence): void {
    this.signature(storageConfirmationMessage(epoch, blobId, persistence)).catch(() => {});
  }

  /** The signed confirmation (the prepared signature when there is one). */
  async sign(epoch: number, blobId: Uint8Array, persistence: BlobPersistence): Promise<SignedConfirmation> {
    const message = storageConfirmationMessage(epoch, blobId, persistence);
    return { serializedMessage: toBase64(message), signature: toBase64(await this.signature(message)) };
  }

  private signature(message: Uint8Array): Promise<Uint8Array> {
    const id = toBase64(message);
    let signature = this.started.get(id);
    if (!signature) {
      // A worker that failed (or exited) must not cost the confirmation: sign here instead.
      signature = this.key.signOffThread(message).catch(() => this.key.sign(message));
      this.started.set(id, signature);
      if (this.started.size > this.kept) this.started.delete(this.started.keys().next().value!);
    }
    return signature;
  }
}

/** Checks a confirmation's signature against a public key (48 or 96 bytes). */
export function verifyStorageConfirmation(confirmation: SignedConfirmation, publicKey: Uint8Array): boolean {
  try {
    return verifyBls(
      fromBase64(confirmation.signature),
      fromBase64(confirmation.serializedMessage),
      publicKey,
    );
  } catch {
    return false;
  }
}
