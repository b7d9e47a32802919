/**
 * Whole-blob RedStuff (RS2) encoder on the kernel, bit-exact with walrus-wasm's `BlobEncoder.encode`:
 * the blob fills a `p x s` matrix of symbols row by row (zero padded); the p source rows are
 * expanded by the primary code (`s -> n`) and then all n columns by the secondary code (`p -> n`),
 * which gives the whole n x n matrix. Primary sliver i is row i's first `s` symbols, secondary sliver
 * j is column j's first `p`; every sliver hash is the Merkle root of its expanded row or column
 * (walrus-protocol.md §1, §12). The kernel's memory grows to about 6x the blob and stays so.
 *
 * The sliver data are views into the encoder's kernel memory, valid until the next `encodeBlob` on
 * this thread (sliver checks and decodes do not touch them): serialise or copy them before encoding
 * another blob. Hashes and ids are copies.
 */
import { encodingParams, maxBlobSize, symbolSizeFor } from '../storage-node/encoding.js';
import { computeBlobId, computeRootHash } from '../storage-node/metadata.js';
import { encodeMatrix } from './kernel.js';

/** A blob encoded for `n` shards. */
export interface EncodedBlob {
  symbolSize: number;
  /** Primary sliver data by sliver index (= pair index): `s` symbols each (borrowed, see above). */
  primary: Uint8Array[];
  /** Secondary sliver data by sliver index (stored in pair `n - 1 - index`): `p` symbols each (borrowed). */
  secondary: Uint8Array[];
  /** Sliver hashes by pair: primary sliver i, secondary sliver `n - 1 - i`. */
  hashes: { primary: Uint8Array; secondary: Uint8Array }[];
  rootHash: Uint8Array;
  /** The blob id's 32 bytes. */
  blobId: Uint8Array;
}

/**
 * Encodes `blob` for `nShards` shards.
 * @example blobIdToString(encodeBlob(100, bytes).blobId)
 */
export function encodeBlob(nShards: number, blob: Uint8Array): EncodedBlob {
  const { primarySymbols: p, secondarySymbols: s } = encodingParams(nShards);
  const symbolSize = symbolSizeFor(blob.length, nShards);
  if (symbolSize === undefined) {
    throw new RangeError(
      `a blob of ${blob.length} bytes exceeds the ${maxBlobSize(nShards)} bytes ${nShards} shards can store`,
    );
  }
  const { primary, secondary, primaryRoots, secondaryRoots } = encodeMatrix(nShards, p, s, symbolSize, blob);
  const hashes = primaryRoots.map((primaryRoot, i) => ({
    primary: primaryRoot,
    secondary: secondaryRoots[nShards - 1 - i]!,
  }));
  const rootHash = computeRootHash({ encodingType: 'RS2', unencodedLength: BigInt(blob.length), hashes });
  return {
    symbolSize,
    primary,
    secondary,
    hashes,
    rootHash,
    blobId: computeBlobId(BigInt(blob.length), rootHash),
  };
}
