/**
 * One call per sliver on the RedStuff kernel: a primary sliver's `s` symbols are expanded by the
 * primary code (`k = s` source symbols to `n`), a secondary sliver's `p` symbols by the secondary
 * code (`k = p` to `n`); the Merkle root over the `n` expanded symbols is the sliver's hash in the
 * metadata (`hashes[i].primary_hash` for primary sliver i, `hashes[n - 1 - j].secondary_hash` for
 * secondary sliver j). walrus-protocol.md §12.
 */
import { encodingParams, type SliverType } from '../storage-node/encoding.js';
import { expandSymbols } from './kernel.js';

/** A sliver's expansion. */
export interface SliverExpansion {
  /** Merkle root over the `n` expanded symbols. */
  root: Uint8Array;
  /** The `n` expanded symbols (only when asked for): the sliver's own, then the recovery ones. */
  symbols?: Uint8Array[];
}

/** Source symbols of a sliver of `type`: `s` for a primary sliver, `p` for a secondary one. */
export function sourceSymbolCount(nShards: number, type: SliverType): number {
  const { primarySymbols, secondarySymbols } = encodingParams(nShards);
  return type === 'primary' ? secondarySymbols : primarySymbols;
}

/**
 * Expands a sliver's symbol bytes (`data`, `symbolSize` bytes per symbol) to `n` symbols and returns
 * their Merkle root, and the symbols when `withSymbols`.
 * @example expandSliver(100, 'primary', sliver.data, sliver.symbolSize).root
 */
export function expandSliver(
  nShards: number,
  type: SliverType,
  data: Uint8Array,
  symbolSize: number,
  withSymbols = false,
): SliverExpansion {
  const k = sourceSymbolCount(nShards, type);
  if (data.length !== k * symbolSize) {
    throw new RangeError(
      `a ${type} sliver of ${nShards} shards has ${k} symbols of ${symbolSize} bytes, not ${data.length} bytes`,
    );
  }
  const { root, recovery } = expandSymbols(data, symbolSize, nShards - k, withSymbols);
  if (!recovery) return { root };
  const symbols: Uint8Array[] = [];
  for (let i = 0; i < k; i++) symbols.push(data.slice(i * symbolSize, (i + 1) * symbolSize));
  for (let i = 0; i < nShards - k; i++) symbols.push(recovery.subarray(i * symbolSize, (i + 1) * symbolSize));
  return { root, symbols };
}
