/**
 * Whole-blob RedStuff (RS2) encoder on the kernel, bit-exact with walrus-wasm's `BlobEncoder.encode`:
 * the blob fills a `p x s` matrix of symbols row by row (zero padded); rows are expanded by the
 * primary code (`s -> n`) and columns by the secondary code (`p -> n`). Primary sliver i is row i's
 * first `s` symbols, secondary sliver j is column j's first `p`; every sliver hash is the Merkle root
 * of its expanded row or column (walrus-protocol.md §1, §12).
 */
import { encodingParams, maxBlobSize, symbolSizeFor } from '../storage-node/encoding.js';
import { computeBlobId, computeRootHash } from '../storage-node/metadata.js';
import { expandSymbols } from './kernel.js';

/** A blob encoded for `n` shards. */
export interface EncodedBlob {
  symbolSize: number;
  /** Primary sliver data by sliver index (= pair index): `s` symbols each. */
  primary: Uint8Array[];
  /** Secondary sliver data by sliver index (stored in pair `n - 1 - index`): `p` symbols each. */
  secondary: Uint8Array[];
  /** Sliver hashes by pair: primary sliver i, secondary sliver `n - 1 - i`. */
  hashes: { primary: Uint8Array; secondary: Uint8Array }[];
  rootHash: Uint8Array;
  /** The blob id's 32 bytes. */
  blobId: Uint8Array;
}

/** Copies symbol `row` of every given row-major sliver-sized source into one column buffer. */
function gather(sources: readonly Uint8Array[], at: number, symbolSize: number): Uint8Array {
  const column = new Uint8Array(sources.length * symbolSize);
  sources.forEach((source, i) => {
    column.set(source.subarray(at * symbolSize, (at + 1) * symbolSize), i * symbolSize);
  });
  return column;
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
  const rowBytes = s * symbolSize;
  const primary: Uint8Array[] = new Array(nShards);
  const primaryRoots: Uint8Array[] = new Array(nShards);
  const secondary: Uint8Array[] = new Array(nShards);
  const secondaryRoots: Uint8Array[] = new Array(nShards);
  // Source rows, their roots, and the symbols they give the repair columns s..n.
  const rowRepairs: Uint8Array[] = [];
  for (let r = 0; r < p; r++) {
    const row = new Uint8Array(rowBytes);
    row.set(blob.subarray(Math.min(blob.length, r * rowBytes), Math.min(blob.length, (r + 1) * rowBytes)));
    const { root, recovery } = expandSymbols(row, symbolSize, nShards - s, true);
    primary[r] = row;
    primaryRoots[r] = root;
    rowRepairs.push(recovery!);
  }
  // Source columns: secondary slivers 0..s, and the symbols they give the repair rows p..n.
  const columnRepairs: Uint8Array[] = [];
  for (let c = 0; c < s; c++) {
    const column = gather(primary.slice(0, p), c, symbolSize);
    const { root, recovery } = expandSymbols(column, symbolSize, nShards - p, true);
    secondary[c] = column;
    secondaryRoots[c] = root;
    columnRepairs.push(recovery!);
  }
  for (let c = s; c < nShards; c++) {
    const column = gather(rowRepairs, c - s, symbolSize);
    secondary[c] = column;
    secondaryRoots[c] = expandSymbols(column, symbolSize, nShards - p).root;
  }
  for (let r = p; r < nShards; r++) {
    const row = gather(columnRepairs, r - p, symbolSize);
    primary[r] = row;
    primaryRoots[r] = expandSymbols(row, symbolSize, nShards - s).root;
  }
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
