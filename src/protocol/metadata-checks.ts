/**
 * Checks of blob metadata and slivers that need no encoder: metadata against its blob id (recompute the
 * root hash over the sliver-pair hashes, then the blob id), a sliver's shape against the metadata, and the
 * hash the metadata expects for a sliver. Shared by the storage nodes (what clients upload) and the CLI's
 * read path (what nodes serve).
 */
import type { BlobMetadataV1, ParsedSliver } from './bcs-types.js';
import {
  encodingParams,
  MAX_SYMBOL_SIZE,
  maxBlobSize,
  type SliverType,
  sliverIndexOf,
  symbolSizeFor,
} from './encoding.js';
import { blake2b256, bytesEqual, MerkleTree } from './merkle.js';

/** RS2's encoding-type byte in the blob-id preimage. */
const RS2_ENCODING_BYTE = 1;

/** The root hash of a blob: the Merkle root over `primary_hash || secondary_hash` of every pair. */
export function computeRootHash(metadata: BlobMetadataV1): Uint8Array {
  return MerkleTree.build(
    metadata.hashes.map((pair) => {
      const leaf = new Uint8Array(64);
      leaf.set(pair.primary, 0);
      leaf.set(pair.secondary, 32);
      return leaf;
    }),
  ).root;
}

/** `Blake2b256(bcs{encoding_type: u8, unencoded_length: u64, root_hash: [u8; 32]})`. */
export function computeBlobId(unencodedLength: bigint, rootHash: Uint8Array): Uint8Array {
  const length = new Uint8Array(8);
  new DataView(length.buffer).setBigUint64(0, unencodedLength, true);
  return blake2b256(Uint8Array.of(RS2_ENCODING_BYTE), length, rootHash);
}

/**
 * Verifies metadata against the blob id it was uploaded for; returns why it is wrong, or
 * `undefined` when it is right.
 */
export function metadataProblem(
  blobId: Uint8Array,
  metadata: BlobMetadataV1,
  nShards: number,
): string | undefined {
  if (metadata.encodingType !== 'RS2') return `unsupported encoding type ${metadata.encodingType}`;
  if (metadata.hashes.length !== nShards) {
    return `the metadata has ${metadata.hashes.length} sliver pairs, the system has ${nShards} shards`;
  }
  if (metadata.unencodedLength > BigInt(maxBlobSize(nShards))) {
    return `the blob (${metadata.unencodedLength} bytes) exceeds the largest one ${nShards} shards can store`;
  }
  const computed = computeBlobId(metadata.unencodedLength, computeRootHash(metadata));
  return bytesEqual(computed, blobId) ? undefined : 'the metadata does not match the blob id';
}

/**
 * Checks a sliver's index, symbol size and length against the metadata; returns the problem or
 * `undefined`. (Its hash is checked separately, see {@link sliverHash}.)
 */
export function sliverShapeProblem(
  metadata: BlobMetadataV1,
  nShards: number,
  type: SliverType,
  pairIndex: number,
  sliver: ParsedSliver,
): string | undefined {
  const symbolSize = symbolSizeFor(metadata.unencodedLength, nShards);
  if (symbolSize === undefined || symbolSize > MAX_SYMBOL_SIZE) return 'the blob is too large';
  const expectedIndex = sliverIndexOf(type, pairIndex, nShards);
  if (sliver.index !== expectedIndex) {
    return `a ${type} sliver of pair ${pairIndex} has index ${expectedIndex}, not ${sliver.index}`;
  }
  if (sliver.symbolSize !== symbolSize)
    return `the symbol size is ${sliver.symbolSize}, expected ${symbolSize}`;
  const { primarySymbols, secondarySymbols } = encodingParams(nShards);
  const expectedLength = (type === 'primary' ? secondarySymbols : primarySymbols) * symbolSize;
  if (sliver.data.length !== expectedLength) {
    return `the sliver holds ${sliver.data.length} bytes of symbols, expected ${expectedLength}`;
  }
  return undefined;
}

/** The hash a sliver must have according to the metadata. */
export function expectedSliverHash(
  metadata: BlobMetadataV1,
  type: SliverType,
  pairIndex: number,
): Uint8Array {
  const pair = metadata.hashes[pairIndex];
  if (!pair) throw new RangeError(`no sliver pair ${pairIndex} in the metadata`);
  return type === 'primary' ? pair.primary : pair.secondary;
}
