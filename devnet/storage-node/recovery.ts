/**
 * Sliver recovery from peers, without the blob being uploaded again (RedStuff, walrus-protocol.md §1).
 *
 * Every symbol fetched comes with a Merkle proof against its source sliver's hash in the metadata
 * and is checked before use; every recovered sliver is checked against its own hash before it is
 * stored. Strategy (symbol operations on the RedStuff kernel, see `expansion.ts`):
 *
 * - **Secondary sliver `c`** (a column, `p = n - 2f` symbols): fetch `p` symbols of column `c` from
 *   the nodes holding primary slivers (any rows), then decode the column alone.
 * - **Primary sliver `r`** (a row, `s = n - f` symbols): its symbols are row `r` of the `s` source
 *   columns. Each is fetched from the node holding that column's secondary sliver; columns whose
 *   holder is this node (or is down, or answers badly) are first rebuilt as above and expanded.
 *
 * So a primary sliver costs `n - f` symbols and a secondary one `n - 2f`, transferred as symbols, not
 * slivers or the blob; metadata missing locally is fetched from peers and checked against the blob id.
 */
import { type BlobMetadataV1, parseBlobMetadata, parseSliver, serializeSliver } from './bcs-types.js';
import type { Committee } from './chain-view.js';
import { encodingParams, pairIndexOf, type SliverType, shardForPair, symbolSizeFor } from './encoding.js';
import { sharedExpansionPool } from './expansion-pool.js';
import { bytesEqual, rootFromProof } from './merkle.js';
import { metadataProblem, sliverHashes } from './metadata.js';
import type { NodeService } from './node-service.js';
import type { PeerClient } from './peer-client.js';
import { type RecoverySymbol, type SymbolId, symbolRoot } from './recovery-symbols.js';
import type { SliverKey, SliverStore } from './sliver-store.js';

/** What recovering one blob did. */
export interface BlobRecoveryResult {
  blobId: string;
  /** True if the metadata itself had to be fetched from a peer. */
  metadataRecovered: boolean;
  /** Slivers recovered and stored. */
  recovered: SliverKey[];
  /** Recovery symbols fetched from peers and found valid. */
  symbolsFetched: number;
  /** Symbols rejected (bad proof, wrong size or index). */
  symbolsRejected: number;
}

/** What {@link recoverBlob} needs. */
export interface RecoveryContext {
  nodeId: string;
  committee: Committee;
  service: NodeService;
  store: SliverStore;
  peers: PeerClient;
}

interface Peer {
  nodeId: string;
  url: string;
}

/** The symbols of one blob gathered so far, keyed `"r-c"`. */
type SymbolTable = Map<string, Uint8Array>;
const keyOf = (r: number, c: number) => `${r}-${c}`;

/** One blob's recovery in progress: what every step reads, and the symbols gathered so far. */
interface RecoveryJob {
  ctx: RecoveryContext;
  blobId: string;
  metadata: BlobMetadataV1;
  n: number;
  /** Primary symbols per column (`n - 2f`) and secondary symbols per row (`n - f`). */
  p: number;
  s: number;
  symbolSize: number;
  /** The holder of a sliver (this node, or a peer) in the current committee. */
  holderOf: (type: SliverType, sliverIndex: number) => Peer | 'self' | undefined;
  table: SymbolTable;
  result: BlobRecoveryResult;
}

/** Recovers every sliver of its own pairs this node lacks for one blob. */
export async function recoverBlob(
  ctx: RecoveryContext,
  blobId: string,
  blobIdBytes: Uint8Array,
): Promise<BlobRecoveryResult> {
  const result: BlobRecoveryResult = {
    blobId,
    metadataRecovered: false,
    recovered: [],
    symbolsFetched: 0,
    symbolsRejected: 0,
  };
  const { nShards: n } = ctx.committee;
  const { primarySymbols: p, secondarySymbols: s } = encodingParams(n);
  const peers = ctx.committee.members
    .filter((m) => m.nodeId !== ctx.nodeId)
    .map((m) => ({ nodeId: m.nodeId, url: `http://${m.networkAddress}` }));

  let metadata = await ctx.service.metadata(blobId);
  if (!metadata) {
    metadata = await fetchMetadata(ctx, peers, blobId, blobIdBytes);
    result.metadataRecovered = true;
  }
  const missing = await ctx.service.missingSlivers(blobId, blobIdBytes);
  if (missing.length === 0) return result;
  const symbolSize = symbolSizeFor(metadata.unencodedLength, n);
  if (symbolSize === undefined) throw new Error(`blob ${blobId} is too large for ${n} shards`);

  const lostRows = missing.filter((k) => k.type === 'primary').map((k) => k.pairIndex);
  const lostColumns = missing.filter((k) => k.type === 'secondary').map((k) => n - 1 - k.pairIndex);
  const job: RecoveryJob = {
    ctx,
    blobId,
    metadata,
    n,
    p,
    s,
    symbolSize,
    holderOf: sliverHolders(ctx, blobIdBytes),
    table: new Map(),
    result,
  };
  await fetchRowSymbols(job, lostRows);
  const columns = await rebuildColumns(job, lostRows, lostColumns);
  if (lostRows.length > 0) await rebuildRows(job, lostRows, columns);
  return result;
}

/** Who holds each sliver of the blob in the current committee: this node or a peer. */
function sliverHolders(ctx: RecoveryContext, blobIdBytes: Uint8Array): RecoveryJob['holderOf'] {
  const n = ctx.committee.nShards;
  const holders = new Map<number, Peer | 'self'>();
  for (const member of ctx.committee.members) {
    for (const shard of member.shards) {
      holders.set(
        shard,
        member.nodeId === ctx.nodeId
          ? 'self'
          : { nodeId: member.nodeId, url: `http://${member.networkAddress}` },
      );
    }
  }
  return (type, sliverIndex) => holders.get(shardForPair(pairIndexOf(type, sliverIndex, n), blobIdBytes, n));
}

/** Fetches symbols by id from the peers that hold their source slivers; keeps the valid ones. */
async function fetchSymbols(job: RecoveryJob, ids: SymbolId[], proofAxis: SliverType): Promise<void> {
  const byPeer = new Map<string, { peer: Peer; ids: SymbolId[] }>();
  for (const id of ids) {
    const holder = job.holderOf(proofAxis, proofAxis === 'primary' ? id.primary : id.secondary);
    if (!holder || holder === 'self') continue;
    const entry = byPeer.get(holder.nodeId) ?? { peer: holder, ids: [] };
    entry.ids.push(id);
    byPeer.set(holder.nodeId, entry);
  }
  await Promise.all(
    [...byPeer.values()].map(async ({ peer, ids: wanted }) => {
      let symbols: RecoverySymbol[];
      try {
        symbols = await job.ctx.peers.getRecoverySymbols(peer.url, job.blobId, wanted, proofAxis);
      } catch {
        return;
      }
      const asked = new Set(wanted.map((id) => keyOf(id.primary, id.secondary)));
      for (const symbol of symbols) keepIfValid(job, symbol, proofAxis, asked);
    }),
  );
}

/** Adds a fetched symbol to the table if it is one that was asked for, of the right size, with a valid proof. */
function keepIfValid(
  job: RecoveryJob,
  symbol: RecoverySymbol,
  proofAxis: SliverType,
  asked: Set<string>,
): void {
  const recoversPrimary = symbol.recovers === 'primary';
  const r = recoversPrimary ? symbol.targetIndex : symbol.sourceIndex;
  const c = recoversPrimary ? symbol.sourceIndex : symbol.targetIndex;
  const root = symbolRoot(job.metadata, job.n, symbol);
  const fromAxis: SliverType = recoversPrimary ? 'secondary' : 'primary';
  const valid =
    fromAxis === proofAxis &&
    asked.has(keyOf(r, c)) &&
    symbol.data.length === job.symbolSize &&
    root !== undefined &&
    bytesEqual(rootFromProof(symbol.data, symbol.targetIndex, symbol.proof), root);
  if (!valid) {
    job.result.symbolsRejected++;
    return;
  }
  job.result.symbolsFetched++;
  job.table.set(keyOf(r, c), symbol.data);
}

/** Step 1. Row r of the source columns, straight from the holders of those columns' secondary slivers. */
async function fetchRowSymbols(job: RecoveryJob, lostRows: number[]): Promise<void> {
  const directIds: SymbolId[] = [];
  for (const r of lostRows) {
    for (let c = 0; c < job.s; c++)
      if (job.holderOf('secondary', c) !== 'self') directIds.push({ primary: r, secondary: c });
  }
  await fetchSymbols(job, directIds, 'secondary');
}

/**
 * Step 2. Rebuilds the lost columns and the source columns a lost row still lacks symbols of; stores the lost ones.
 * Returns every column now known (this node's own and the rebuilt).
 */
async function rebuildColumns(
  job: RecoveryJob,
  lostRows: number[],
  lostColumns: number[],
): Promise<Map<number, Uint8Array>> {
  const { ctx, blobId, table, s } = job;
  const ownColumns = await loadColumns(ctx.store, blobId, job.n);
  const rebuild = new Set(lostColumns);
  for (const r of lostRows) {
    for (let c = 0; c < s; c++) if (!table.has(keyOf(r, c)) && !ownColumns.has(c)) rebuild.add(c);
  }
  const columns = new Map<number, Uint8Array>(ownColumns);
  if (rebuild.size === 0) return columns;
  const targets = [...rebuild].sort((a, b) => a - b);
  await gatherColumnSymbols(job, targets);
  await decodeColumns(job, targets, columns);
  const lostSorted = lostColumns.filter((c) => columns.has(c));
  await storeChecked(
    ctx,
    blobId,
    job.metadata,
    'secondary',
    lostSorted.map((c) => ({ pairIndex: job.n - 1 - c, data: columns.get(c)!, index: c })),
    job.symbolSize,
    job.result,
  );
  return columns;
}

/** `p` symbols of each target column: from the first `p` peer rows, then the others for columns still short, then own rows. */
async function gatherColumnSymbols(job: RecoveryJob, targets: number[]): Promise<void> {
  const { n, p, table } = job;
  const peerRows = Array.from({ length: n }, (_, r) => r).filter(
    (r) => job.holderOf('primary', r) !== 'self',
  );
  const askRows = async (rows: number[], columnsToAsk: number[]) => {
    const ids = rows.flatMap((r) => columnsToAsk.map((c) => ({ primary: r, secondary: c })));
    if (ids.length > 0) await fetchSymbols(job, ids, 'primary');
  };
  await askRows(peerRows.slice(0, p), targets);
  const short = targets.filter((c) => peerRows.filter((r) => table.has(keyOf(r, c))).length < p);
  if (short.length > 0) await askRows(peerRows.slice(p), short);
  // Rows this node still has can contribute too.
  const ownRows = await loadRows(job.ctx.store, job.blobId, n);
  if (ownRows.size > 0) {
    const expanded = await sharedExpansionPool().expand(
      n,
      'primary',
      [...ownRows.values()],
      job.symbolSize,
      true,
    );
    [...ownRows.keys()].forEach((r, i) => {
      for (const c of targets) if (!table.has(keyOf(r, c))) table.set(keyOf(r, c), expanded[i]!.symbols![c]!);
    });
  }
}

/** Groups the target columns by the first `p` rows that answered for them, and decodes each group at once. */
async function decodeColumns(
  job: RecoveryJob,
  targets: number[],
  columns: Map<number, Uint8Array>,
): Promise<void> {
  const { n, p, table } = job;
  const groups = new Map<string, { rows: number[]; columns: number[] }>();
  for (const c of targets) {
    const rows: number[] = [];
    for (let r = 0; r < n && rows.length < p; r++) if (table.has(keyOf(r, c))) rows.push(r);
    if (rows.length < p) {
      throw new Error(
        `blob ${job.blobId}: only ${rows.length} of the ${p} symbols needed to recover secondary sliver ${c} could be fetched`,
      );
    }
    const group = groups.get(rows.join(',')) ?? { rows, columns: [] };
    group.columns.push(c);
    groups.set(rows.join(','), group);
  }
  for (const { rows, columns: group } of groups.values()) {
    const decoded = await sharedExpansionPool().decodeColumns(
      n,
      job.symbolSize,
      rows,
      group.map((c) => rows.map((r) => table.get(keyOf(r, c))!)),
    );
    group.forEach((c, i) => {
      columns.set(c, decoded[i]!);
    });
  }
}

/** Step 3. Lost rows: fills the remaining symbols from expanded local or rebuilt columns, then stores them. */
async function rebuildRows(
  job: RecoveryJob,
  lostRows: number[],
  columns: Map<number, Uint8Array>,
): Promise<void> {
  const { s, symbolSize, table } = job;
  const needed = new Set<number>();
  for (const r of lostRows) for (let c = 0; c < s; c++) if (!table.has(keyOf(r, c))) needed.add(c);
  if (needed.size > 0) {
    const list = [...needed].sort((a, b) => a - b);
    const missingColumn = list.find((c) => !columns.has(c));
    if (missingColumn !== undefined)
      throw new Error(`blob ${job.blobId}: column ${missingColumn} is unavailable`);
    const expanded = await sharedExpansionPool().expand(
      job.n,
      'secondary',
      list.map((c) => columns.get(c)!),
      symbolSize,
      true,
    );
    list.forEach((c, i) => {
      for (const r of lostRows)
        if (!table.has(keyOf(r, c))) table.set(keyOf(r, c), expanded[i]!.symbols![r]!);
    });
  }
  const rows = lostRows.map((r) => {
    const data = new Uint8Array(s * symbolSize);
    for (let c = 0; c < s; c++) data.set(table.get(keyOf(r, c))!, c * symbolSize);
    return { pairIndex: r, data, index: r };
  });
  await storeChecked(job.ctx, job.blobId, job.metadata, 'primary', rows, symbolSize, job.result);
}

async function fetchMetadata(
  ctx: RecoveryContext,
  peers: Peer[],
  blobId: string,
  blobIdBytes: Uint8Array,
): Promise<BlobMetadataV1> {
  for (const peer of peers) {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await ctx.peers.getMetadata(peer.url, blobId, blobIdBytes);
    } catch {
      continue;
    }
    if (!bytes) continue;
    let parsed: BlobMetadataV1;
    try {
      parsed = parseBlobMetadata(bytes);
    } catch {
      continue;
    }
    if (metadataProblem(blobIdBytes, parsed, ctx.committee.nShards)) continue;
    await ctx.store.putMetadata(blobId, Uint8Array.from(bytes));
    return parsed;
  }
  throw new Error(`blob ${blobId}: no peer returned valid metadata`);
}

async function loadColumns(store: SliverStore, blobId: string, n: number): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  for (const key of await store.listSlivers(blobId)) {
    if (key.type !== 'secondary') continue;
    const bytes = await store.getSliver(blobId, key);
    if (bytes) out.set(n - 1 - key.pairIndex, parseSliver(bytes).data);
  }
  return out;
}

async function loadRows(store: SliverStore, blobId: string, _n: number): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  for (const key of await store.listSlivers(blobId)) {
    if (key.type !== 'primary') continue;
    const bytes = await store.getSliver(blobId, key);
    if (bytes) out.set(key.pairIndex, parseSliver(bytes).data);
  }
  return out;
}

async function storeChecked(
  ctx: RecoveryContext,
  blobId: string,
  metadata: BlobMetadataV1,
  type: SliverType,
  slivers: { pairIndex: number; data: Uint8Array; index: number }[],
  symbolSize: number,
  result: BlobRecoveryResult,
): Promise<void> {
  if (slivers.length === 0) return;
  const parsed = slivers.map((sl) => ({ data: sl.data, symbolSize, index: sl.index }));
  const hashes = await sliverHashes(ctx.committee.nShards, type, parsed);
  for (const [i, sliver] of slivers.entries()) {
    const pair = metadata.hashes[sliver.pairIndex]!;
    if (!bytesEqual(hashes[i]!, type === 'primary' ? pair.primary : pair.secondary)) {
      throw new Error(
        `blob ${blobId}: the recovered ${type} sliver of pair ${sliver.pairIndex} does not match its hash`,
      );
    }
    const key = { pairIndex: sliver.pairIndex, type };
    await ctx.service.storeVerifiedSliver(blobId, key, serializeSliver(parsed[i]!));
    result.recovered.push(key);
  }
}
