/**
 * Symbol-level RedStuff operations of a storage node.
 *
 * - **Expanding** a sliver (to its `n` symbols, whose Merkle root is the sliver hash in the
 *   metadata) runs the RedStuff kernel (`devnet/redstuff`) on that sliver alone: one `k -> n`
 *   Reed-Solomon encode and about `2n` Blake2b calls, so checking a sliver costs the sliver, never
 *   a re-encode of the blob.
 * - **Recovering** secondary slivers (columns) from `p` symbols at any rows uses walrus-wasm's
 *   decoder: `p` made-up primary slivers carry the known symbols in their first columns, and the
 *   decoded blob's first columns are the wanted slivers (one decode per `s` columns).
 */
import { BlobEncoder } from '@mysten/walrus-wasm';
import { expandSliver } from '../redstuff/sliver.js';
import { serializeSliver } from './bcs-types.js';
import { encodingParams, type SliverType } from './encoding.js';

const encoders = new Map<number, BlobEncoder>();

/** The (cached) wasm encoder for a shard count. */
export function blobEncoder(nShards: number): BlobEncoder {
  let encoder = encoders.get(nShards);
  if (!encoder) {
    encoder = new BlobEncoder(nShards);
    encoders.set(nShards, encoder);
  }
  return encoder;
}

/** One expanded sliver. */
export interface ExpandedSliver {
  /** Merkle root over the `n` expanded symbols: what the metadata must hold for this sliver. */
  hash: Uint8Array;
  /** The `n` expanded symbols (only when asked for). */
  symbols?: Uint8Array[];
}

/**
 * Expands slivers of one type and symbol size, returning each one's hash (and symbols if
 * `withSymbols`). `slivers` are the symbol bytes of each sliver (`s` symbols for primary slivers,
 * `p` for secondary ones).
 * @example expandSlivers(8, 'primary', [sliver.data], sliver.symbolSize)[0].hash
 */
export function expandSlivers(
  nShards: number,
  type: SliverType,
  slivers: readonly Uint8Array[],
  symbolSize: number,
  withSymbols = false,
): ExpandedSliver[] {
  return slivers.map((data) => {
    const { root, symbols } = expandSliver(nShards, type, data, symbolSize, withSymbols);
    return symbols ? { hash: root, symbols } : { hash: root };
  });
}

/**
 * Recovers secondary slivers (columns) from `p` of their symbols each, all taken at the same rows.
 * `symbolsPerColumn[j][k]` is column j's symbol at row `rows[k]`. Returns each column's `p` source
 * symbols, i.e. the secondary sliver's data.
 */
export function decodeColumns(
  nShards: number,
  symbolSize: number,
  rows: readonly number[],
  symbolsPerColumn: readonly (readonly Uint8Array[])[],
): Uint8Array[] {
  const { primarySymbols: p, secondarySymbols: s } = encodingParams(nShards);
  if (rows.length !== p)
    throw new Error(`recovering a secondary sliver needs ${p} symbols, got ${rows.length}`);
  const out: Uint8Array[] = [];
  for (let start = 0; start < symbolsPerColumn.length; start += s) {
    const chunk = symbolsPerColumn.slice(start, start + s);
    const madeUp = rows.map((row, k) => {
      const data = new Uint8Array(s * symbolSize);
      chunk.forEach((column, slot) => {
        data.set(column[k]!, slot * symbolSize);
      });
      return serializeSliver({ data, symbolSize, index: row });
    });
    const blob = new Uint8Array(p * s * symbolSize);
    blobEncoder(nShards).decode(Array.from(new Uint8Array(32)), BigInt(blob.length), madeUp, blob);
    chunk.forEach((_, slot) => {
      const column = new Uint8Array(p * symbolSize);
      for (let r = 0; r < p; r++) {
        const at = (r * s + slot) * symbolSize;
        column.set(blob.subarray(at, at + symbolSize), r * symbolSize);
      }
      out.push(column);
    });
  }
  return out;
}
