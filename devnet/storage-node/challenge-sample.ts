/**
 * Storage challenges (a devnet extension, `contracts/walrus/sources/challenge.move`): which blobs a
 * round samples for a node and the message its peers sign. Shared by the nodes and the devnet.
 *
 * - node seed = blake2b256(round seed || node id)
 * - sample = the `sampleSize` blob ids with the smallest blake2b256(node seed || blob id u256 LE),
 *   taken from the blobs certified, unexpired and not invalidated when the round opened
 * - digest = blake2b256 of the sampled blob ids (u256 LE) in sample order
 * - message = header(CHALLENGE_CERT_MSG_TYPE, epoch) || round u64 LE || node id || digest
 */
import { bcs } from '@mysten/sui/bcs';
import { fromHex } from '@mysten/sui/utils';
import { blake2b } from '@noble/hashes/blake2.js';
import { MOVE_CONSTANTS } from '../contract-runtime/generated/move-types.js';
import { protocolMessageHeader } from './protocol-message.js';

/** The intent type of a challenge certificate. */
export const CHALLENGE_INTENT = MOVE_CONSTANTS.challenge.CHALLENGE_CERT_MSG_TYPE;

const hash = (bytes: Uint8Array) => blake2b(bytes, { dkLen: 32 });
const blobIdBytes = (blobId: bigint) => bcs.u256().serialize(blobId).toBytes();

/** blake2b256(seed || node id), as `challenge::node_seed`. */
export function challengeNodeSeed(seed: Uint8Array, nodeId: string): Uint8Array {
  return hash(Uint8Array.from([...seed, ...fromHex(nodeId)]));
}

/** The sampled blob ids of `nodeId`, in sample order. */
export function challengeSample(
  seed: Uint8Array,
  nodeId: string,
  blobIds: readonly bigint[],
  sampleSize: number,
): bigint[] {
  const nodeSeed = challengeNodeSeed(seed, nodeId);
  const rank = (blobId: bigint) =>
    Buffer.from(hash(Uint8Array.from([...nodeSeed, ...blobIdBytes(blobId)]))).toString('hex');
  return [...new Set(blobIds)]
    .map((blobId) => ({ blobId, rank: rank(blobId) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, sampleSize)
    .map((e) => e.blobId);
}

/** blake2b256 of the sample's blob ids in order. */
export function challengeSampleDigest(sample: readonly bigint[]): Uint8Array {
  const bytes = new Uint8Array(sample.length * 32);
  for (const [i, blobId] of sample.entries()) bytes.set(blobIdBytes(blobId), i * 32);
  return hash(bytes);
}

/** The message peers sign to certify that `nodeId` proved its sample in `round`. */
export function challengeMessage(
  epoch: number,
  round: bigint,
  nodeId: string,
  digest: Uint8Array,
): Uint8Array {
  return Uint8Array.from([
    ...protocolMessageHeader(CHALLENGE_INTENT, epoch),
    ...bcs.u64().serialize(round).toBytes(),
    ...bcs.Address.serialize(nodeId).toBytes(),
    ...digest,
  ]);
}
