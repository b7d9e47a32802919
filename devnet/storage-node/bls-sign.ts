/**
 * BLS12-381 min_pk signing by a raw secret scalar (see `bls-keys.ts` for the scheme), kept apart from the key
 * type so the worker threads of `expansion-pool.ts` sign with the very same code.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';

const bls = bls12_381.longSignatures;

type HashedMessage = ReturnType<typeof bls.hash>;
/**
 * Messages recently hashed to G2, by their hex. Hashing to the curve is about half of a signature's cost in
 * `@noble/curves`, and every node of a committee signs the same confirmation message of a blob (same epoch, blob
 * id and persistence), so the nodes of one process share the point; each still multiplies it by its own key.
 */
const hashedMessages = new Map<string, HashedMessage>();
const HASHED_MESSAGES_KEPT = 64;

/** `bls.hash(message)`, shared through {@link hashedMessages}. */
export function hashToG2(message: Uint8Array): HashedMessage {
  const key = Buffer.from(message.buffer, message.byteOffset, message.byteLength).toString('hex');
  const cached = hashedMessages.get(key);
  if (cached) return cached;
  const point = bls.hash(message);
  hashedMessages.set(key, point);
  if (hashedMessages.size > HASHED_MESSAGES_KEPT) hashedMessages.delete(hashedMessages.keys().next().value!);
  return point;
}

/** A min_pk signature (96 bytes) of raw message bytes by a 32-byte secret scalar. */
export function signWithSecretKey(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return bls.sign(hashToG2(message), secretKey).toBytes();
}
