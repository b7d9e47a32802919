/**
 * Symbol-level RedStuff operations of a storage node.
 *
 * - **Expanding** a sliver (to its `n` symbols, whose Merkle root is the sliver hash in the
 *   metadata) runs the RedStuff kernel (`devnet/redstuff`) on that sliver alone: one `k -> n`
 *   Reed-Solomon encode and about `2n` Blake2b calls, so checking a sliver costs the sliver, never
 *   a re-encode of the blob.
 * - **Recovering** a secondary sliver (column) from `p` symbols at any rows runs the kernel's
 *   decoder on that column alone.
 */
import { decodeSymbols } from '../redstuff/kernel.js';
import { expandSliver } from '../redstuff/sliver.js';
import { encodingParams, type SliverType } from './encoding.js';

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
 * symbols, i.e. the secondary sliver's data. A column is a codeword of the secondary code, whose
 * symbol at row r is its source symbol r (r < p) or recovery symbol r - p: row numbers are the
 * code's symbol positions.
 */
export function decodeColumns(
  nShards: number,
  symbolSize: number,
  rows: readonly number[],
  symbolsPerColumn: readonly (readonly Uint8Array[])[],
): Uint8Array[] {
  const { primarySymbols: p } = encodingParams(nShards);
  if (rows.length !== p)
    throw new Error(`recovering a secondary sliver needs ${p} symbols, got ${rows.length}`);
  return symbolsPerColumn.map((symbols) => decodeSymbols(p, nShards - p, symbolSize, rows, symbols));
}
