/**
 * Serving recovery symbols: the symbol at the crossing of a row (primary sliver `r`) and a column
 * (secondary sliver `c`), taken from a sliver this node stores, with a Merkle proof against that
 * sliver's hash in the metadata. Symbol ids are `"<r>-<c>"`, as in Walrus.
 *
 * A symbol taken from primary sliver `r` (proof axis `primary`) recovers secondary sliver `c`: it is
 * a `Secondary` decoding symbol with index `r` and target `c`. One taken from secondary sliver `c`
 * (proof axis `secondary`) recovers primary sliver `r`: a `Primary` symbol with index `c`, target `r`.
 */
import { type BlobMetadataV1, GeneralRecoverySymbol, parseSliver, RecoverySymbolList } from './bcs-types.js';
import { pairIndexOf, type SliverType, sliverIndexOf } from './encoding.js';
import { sharedExpansionPool } from './expansion-pool.js';
import { MerkleTree } from './merkle.js';
import type { SliverStore } from './sliver-store.js';

/** A symbol id: row (primary sliver index) and column (secondary sliver index). */
export interface SymbolId {
  primary: number;
  secondary: number;
}

/** Parses `"<r>-<c>"`; `undefined` if malformed or out of range. */
export function parseSymbolId(text: string, nShards: number): SymbolId | undefined {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text);
  if (!match) return undefined;
  const primary = Number(match[1]);
  const secondary = Number(match[2]);
  return primary < nShards && secondary < nShards ? { primary, secondary } : undefined;
}

/** A decoded recovery symbol. */
export interface RecoverySymbol {
  /** Which sliver it recovers: `primary` (taken from a secondary sliver) or `secondary`. */
  recovers: SliverType;
  /** Index of the sliver it was taken from. */
  sourceIndex: number;
  /** Index of the sliver it helps recover. */
  targetIndex: number;
  data: Uint8Array;
  /** Sibling hashes from the symbol's leaf in the source sliver's tree up to its root. */
  proof: Uint8Array[];
}

function toBcsValue(symbol: RecoverySymbol) {
  const decoding = { index: symbol.sourceIndex, data: symbol.data };
  return {
    symbol: symbol.recovers === 'primary' ? { Primary: decoding } : { Secondary: decoding },
    target_index: symbol.targetIndex,
    proof: { path: symbol.proof.map((node) => ({ Digest: node })) },
  };
}

/** Serializes symbols as BCS `vector<GeneralRecoverySymbol>`. */
export function serializeRecoverySymbols(symbols: readonly RecoverySymbol[]): Uint8Array {
  return RecoverySymbolList.serialize(symbols.map(toBcsValue)).toBytes();
}

/** Serializes one symbol as BCS `GeneralRecoverySymbol`. */
export function serializeRecoverySymbol(symbol: RecoverySymbol): Uint8Array {
  return GeneralRecoverySymbol.serialize(toBcsValue(symbol)).toBytes();
}

/** Parses BCS `vector<GeneralRecoverySymbol>`; throws on malformed input. */
export function parseRecoverySymbols(bytes: Uint8Array): RecoverySymbol[] {
  const parsed = RecoverySymbolList.parse(bytes);
  if (RecoverySymbolList.serialize(parsed).toBytes().length !== bytes.length) {
    throw new Error('trailing bytes after the symbol list');
  }
  return parsed.map((entry) => {
    const primary = entry.symbol.Primary;
    const decoding = primary ?? entry.symbol.Secondary!;
    return {
      recovers: primary ? ('primary' as const) : ('secondary' as const),
      sourceIndex: decoding.index,
      targetIndex: entry.target_index,
      data: Uint8Array.from(decoding.data),
      proof: entry.proof.path.map((node) =>
        node.Digest ? Uint8Array.from(node.Digest) : new Uint8Array(32),
      ),
    };
  });
}

interface ExpandedSource {
  symbols: Uint8Array[];
  tree: MerkleTree;
}

/** Expansions of this node's slivers of one blob and type, kept briefly for repeated requests. */
export class ExpansionCache {
  private readonly entries = new Map<string, { at: number; sources: Map<number, ExpandedSource> }>();

  constructor(
    private readonly maxEntries = 4,
    private readonly ttlMs = 60_000,
  ) {}

  /** The expansions of every stored sliver of `type` of a blob, by sliver index. */
  async get(
    store: SliverStore,
    nShards: number,
    blobId: string,
    type: SliverType,
  ): Promise<Map<number, ExpandedSource>> {
    const key = `${blobId}:${type}`;
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.sources;
    const keys = (await store.listSlivers(blobId)).filter((k) => k.type === type);
    const slivers = [];
    for (const k of keys) {
      const bytes = await store.getSliver(blobId, k);
      if (bytes) slivers.push({ pairIndex: k.pairIndex, sliver: parseSliver(bytes) });
    }
    const sources = new Map<number, ExpandedSource>();
    const bySize = new Map<number, typeof slivers>();
    for (const entry of slivers) {
      const group = bySize.get(entry.sliver.symbolSize) ?? [];
      group.push(entry);
      bySize.set(entry.sliver.symbolSize, group);
    }
    for (const [symbolSize, group] of bySize) {
      const expanded = await sharedExpansionPool().expand(
        nShards,
        type,
        group.map((g) => g.sliver.data),
        symbolSize,
        true,
      );
      group.forEach((g, i) => {
        const symbols = expanded[i]!.symbols!;
        sources.set(sliverIndexOf(type, g.pairIndex, nShards), { symbols, tree: MerkleTree.build(symbols) });
      });
    }
    this.entries.set(key, { at: now, sources });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return sources;
  }

  /** Forgets a blob (after new slivers were stored, or it was deleted). */
  forget(blobId: string): void {
    this.entries.delete(`${blobId}:primary`);
    this.entries.delete(`${blobId}:secondary`);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }
}

/**
 * Builds the requested symbols from this node's slivers. A symbol is taken from the sliver of
 * `proofAxis` when given, else from whichever of the two slivers the node has. Symbols the node
 * cannot produce are left out.
 */
export async function buildRecoverySymbols(
  cache: ExpansionCache,
  store: SliverStore,
  nShards: number,
  blobId: string,
  ids: readonly SymbolId[],
  proofAxis?: SliverType,
): Promise<RecoverySymbol[]> {
  const rows = proofAxis === 'secondary' ? new Map() : await cache.get(store, nShards, blobId, 'primary');
  const columns = proofAxis === 'primary' ? new Map() : await cache.get(store, nShards, blobId, 'secondary');
  const out: RecoverySymbol[] = [];
  for (const id of ids) {
    const symbol =
      symbolOf(rows.get(id.primary), 'secondary', id.primary, id.secondary) ??
      symbolOf(columns.get(id.secondary), 'primary', id.secondary, id.primary);
    if (symbol) out.push(symbol);
  }
  return out;
}

/**
 * Symbol `targetIndex` of the expanded sliver `source` (number `sourceIndex`) with its proof, towards
 * recovering a `recovers` sliver; none without the source sliver.
 */
function symbolOf(
  source: ExpandedSource | undefined,
  recovers: SliverType,
  sourceIndex: number,
  targetIndex: number,
): RecoverySymbol | undefined {
  if (!source) return undefined;
  const data = source.symbols[targetIndex]!;
  return { recovers, sourceIndex, targetIndex, data, proof: source.tree.proof(targetIndex) };
}

/** The ids of every symbol this node can give towards recovering one sliver. */
export async function symbolIdsForTarget(
  store: SliverStore,
  nShards: number,
  blobId: string,
  targetType: SliverType,
  targetIndex: number,
): Promise<{ ids: SymbolId[]; proofAxis: SliverType }> {
  const sourceType: SliverType = targetType === 'primary' ? 'secondary' : 'primary';
  const keys = (await store.listSlivers(blobId)).filter((k) => k.type === sourceType);
  const ids = keys.map((k) => {
    const sourceIndex = sliverIndexOf(sourceType, k.pairIndex, nShards);
    return targetType === 'primary'
      ? { primary: targetIndex, secondary: sourceIndex }
      : { primary: sourceIndex, secondary: targetIndex };
  });
  return { ids, proofAxis: sourceType };
}

/** The metadata hash a symbol's proof must lead to. */
export function symbolRoot(
  metadata: BlobMetadataV1,
  nShards: number,
  symbol: RecoverySymbol,
): Uint8Array | undefined {
  const sourceType: SliverType = symbol.recovers === 'primary' ? 'secondary' : 'primary';
  const pair = metadata.hashes[pairIndexOf(sourceType, symbol.sourceIndex, nShards)];
  if (!pair) return undefined;
  return sourceType === 'primary' ? pair.primary : pair.secondary;
}
