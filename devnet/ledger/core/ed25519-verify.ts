/**
 * Ed25519 transaction signatures checked with node:crypto: the SDK's `isValidTransactionSignature` verifies in
 * JavaScript (@noble/curves, 3-10 ms per signature on a loaded machine, every transaction of a boot and of a blob
 * store); OpenSSL takes ~0.1 ms. Same rule: the signature is over blake2b-256(intent [0, 0, 0] || tx bytes) and
 * the signer is blake2b-256(flag 0x00 || public key). Other schemes return undefined for the SDK to check.
 */
import { createPublicKey, verify } from 'node:crypto';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { blake2b } from '@noble/hashes/blake2.js';

const ED25519_FLAG = 0x00;
/** SPKI DER prefix of an Ed25519 public key; the 32 key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const TRANSACTION_INTENT = [0, 0, 0];

/**
 * Whether the serialized Ed25519 signature `serialized` (base64 of flag || signature || public key) by `address`
 * verifies over `txBytes`; undefined when it is not an Ed25519 signature.
 */
export function verifyEd25519TransactionSignature(
  txBytes: Uint8Array,
  serialized: string,
  address: string,
): boolean | undefined {
  const bytes = Buffer.from(serialized, 'base64');
  if (bytes[0] !== ED25519_FLAG) return undefined;
  if (bytes.length !== 1 + 64 + 32) return false;
  const signature = bytes.subarray(1, 65);
  const publicKey = bytes.subarray(65);
  const signer = `0x${Buffer.from(blake2b(Buffer.concat([Buffer.from([ED25519_FLAG]), publicKey]), { dkLen: 32 })).toString('hex')}`;
  if (signer !== normalizeSuiAddress(address)) return false;
  const intentMessage = new Uint8Array(TRANSACTION_INTENT.length + txBytes.length);
  intentMessage.set(TRANSACTION_INTENT);
  intentMessage.set(txBytes, TRANSACTION_INTENT.length);
  const digest = blake2b(intentMessage, { dkLen: 32 });
  try {
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, digest, key, signature);
  } catch {
    return false;
  }
}
