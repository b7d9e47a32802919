/**
 * A blob read streamed sliver by sliver, in bounded memory: what the aggregator's blob routes and `walrus blob read
 * -o FILE` serve. Protocol facts it rests on (walrus-core `encoding/blob_encoding.rs`, the SDK's `utils/index.mjs`
 * `getSizes` and walrus-protocol.md §1):
 *
 * - The blob, zero-padded to `p * s * symbol_size` bytes, is the `p × s` message matrix in row-major order, and
 *   systematic primary sliver `i` (pair index `i < p`) is row `i`. So primary slivers `0..p-1` concatenated are the
 *   blob followed by its zero padding; a sliver holds `s * symbol_size` bytes of it, and byte `b` of the blob is in
 *   sliver `floor(b / (s * symbol_size))`. The symbol size is `ceil(max(len, 1) / (p * s))` rounded up to even.
 * - Only the slivers covering the requested bytes are fetched: a 0-byte blob needs none, a byte range only its own.
 *
 * What is verified (the Rust client's default consistency check since v1.37, `default_consistency_check` in
 * walrus-core: every sliver received is checked against the metadata, and the systematic primary slivers not among
 * them are recomputed and checked; here every systematic sliver served is one that was received):
 *
 * 1. The metadata against the blob id (root hash over the pair hashes, then the blob id), before anything is sent.
 * 2. Each systematic primary sliver against its primary hash in that metadata (shape, then the Merkle root of its
 *    `n` expanded symbols, one RedStuff kernel call), before any of its bytes are written. A sliver that fails is
 *    never served; its node is reported through `onRefused`.
 *
 * As with the Rust aggregator's default check, the blob is not re-encoded: the bytes are the ones the blob id
 * commits to, but whether the writer encoded the other slivers consistently (what `strict_consistency_check`
 * re-encodes to see) is not checked. Byte ranges get the same check (the Rust aggregator checks only the fetched
 * slivers there too).
 *
 * Fallbacks, when a systematic sliver cannot be had (its node down, a node error, or it fails its check):
 *
 * 1. It is rebuilt from the other nodes' recovery symbols (src/blob/sliver-recovery.ts: each symbol's Merkle proof
 *    checked against the metadata, `s` of them decoded, the result checked against the sliver's hash): about one
 *    sliver and a half of memory. That node is not asked again in this read; its later slivers are rebuilt too.
 * 2. When too few symbols come (more than `f` shards' worth of nodes failing), the rest of the read comes from
 *    {@link readVerified}: any `p` primary slivers decoded and re-encoded to the blob id (the strict check). That
 *    holds the whole blob and `p` slivers (about 2x the blob) until the read ends.
 *
 * The bytes already sent were verified, so the output is byte-identical either way.
 *
 * Memory on the streaming path: at most `window` slivers in flight or waiting (each `s * symbol_size` bytes, about
 * blob / p), whatever the blob's size.
 */
import { loadRedStuffKernels } from '../../devnet/cli-api.js';
import type { BlobMetadataV1 } from '../protocol/bcs-types.js';
import { encodingParams, shardForPair, symbolSizeFor } from '../protocol/encoding.js';
import type { ReadNode } from './read-committee.js';
import { recoverPrimarySliver } from './sliver-recovery.js';
import {
  checkPrimarySliver,
  fetchMetadata,
  get,
  type Kernels,
  type RefusedSliver,
  readVerified,
  type VerifiedReadOptions,
} from './verified-read.js';

/** Systematic slivers fetched ahead of the one being written (the Rust streaming client's `prefetch_count`). */
export const STREAM_WINDOW = 4;

/** Options of {@link openBlobStream}. */
export interface BlobStreamOptions extends VerifiedReadOptions {
  /** Slivers in flight or waiting at once. @default STREAM_WINDOW */
  window?: number;
  /** Called for each systematic sliver rebuilt from recovery symbols, with why it was not served directly. */
  onRecovered?: (pairIndex: number, reason: string) => void;
  /** Called once when the read leaves the streaming path for the whole-blob decode, with why. */
  onFallback?: (reason: string) => void;
}

/** An opened blob: its size from the verified metadata, and its bytes on demand. */
export interface BlobStream {
  blobId: string;
  /** The blob's length in bytes (its metadata's `unencoded_length`). */
  size: number;
  /**
   * Bytes `[start, end)` of the blob in order, in chunks of at most one sliver; each chunk is verified before it is
   * yielded. Stopping early (`return()`) aborts the requests in flight.
   */
  bytes(start?: number, end?: number): AsyncGenerator<Uint8Array, void, undefined>;
}

/** A systematic sliver's outcome: its verified symbols, or why it cannot be served. */
type SliverOutcome = { data: Uint8Array } | { failed: string; nodeId?: string };

/** Opens blob `blobId` (URL-safe base64) on `nodes`: fetches and checks its metadata; see the module comment. */
export async function openBlobStream(
  blobId: string,
  nShards: number,
  nodes: readonly ReadNode[],
  options: BlobStreamOptions = {},
): Promise<BlobStream> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const id = Uint8Array.from(Buffer.from(blobId, 'base64url'));
  const kernels = await loadRedStuffKernels();
  const metadata = await fetchMetadata(blobId, id, nShards, nodes, new Set(), timeoutMs);
  const size = Number(metadata.unencodedLength);
  const owners = new Map<number, ReadNode>();
  for (const node of nodes) for (const shard of node.shards) owners.set(shard, node);
  const layout = sliverLayout(metadata, nShards);
  const context: StreamContext = {
    blobId,
    id,
    nShards,
    nodes,
    owners,
    kernels,
    metadata,
    timeoutMs,
    options,
    failedNodes: new Set(),
  };
  return {
    blobId,
    size,
    bytes: (start = 0, end = size) => {
      if (start < 0 || end > size || start > end)
        throw new RangeError(`bytes ${start}..${end} are outside the blob (${size} bytes)`);
      return streamRange(context, layout, start, end);
    },
  };
}

interface StreamContext {
  blobId: string;
  id: Uint8Array;
  nShards: number;
  nodes: readonly ReadNode[];
  owners: ReadonlyMap<number, ReadNode>;
  kernels: Kernels;
  metadata: BlobMetadataV1;
  timeoutMs: number;
  options: BlobStreamOptions;
  /** Nodes that failed a sliver of this read: their later slivers are recovered without asking them. */
  failedNodes: Set<string>;
}

/** Bytes of the blob per systematic primary sliver, and their count. */
function sliverLayout(
  metadata: BlobMetadataV1,
  nShards: number,
): { sliverBytes: number; systematic: number } {
  const { primarySymbols: p, secondarySymbols: s } = encodingParams(nShards);
  const symbolSize = symbolSizeFor(metadata.unencodedLength, nShards);
  if (symbolSize === undefined) throw new RangeError(`${metadata.unencodedLength} bytes is too large`);
  return { sliverBytes: s * symbolSize, systematic: p };
}

async function* streamRange(
  context: StreamContext,
  { sliverBytes }: { sliverBytes: number },
  start: number,
  end: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (start === end) return;
  const first = Math.floor(start / sliverBytes);
  const last = Math.floor((end - 1) / sliverBytes);
  const window = Math.max(1, context.options.window ?? STREAM_WINDOW);
  const abort = new AbortController();
  const pending = new Map<number, Promise<SliverOutcome>>();
  let next = first;
  const fill = (upTo: number) => {
    for (; next <= Math.min(upTo, last); next++)
      pending.set(next, fetchSystematic(context, next, abort.signal));
  };
  try {
    for (let i = first; i <= last; i++) {
      fill(i + window - 1);
      const outcome = await pending.get(i)!;
      pending.delete(i);
      const from = Math.max(start - i * sliverBytes, 0);
      const to = Math.min(end - i * sliverBytes, sliverBytes);
      if ('data' in outcome) {
        yield outcome.data.subarray(from, to);
        continue;
      }
      // The rest of the range from the whole-blob decode: this sliver's node cannot serve it.
      abort.abort();
      pending.clear();
      context.options.onFallback?.(outcome.failed);
      const others = context.nodes.filter(
        (node) => node.nodeId !== outcome.nodeId && !context.failedNodes.has(node.nodeId),
      );
      yield* fromDecodedBlob(context, others, i * sliverBytes + from, end, sliverBytes);
      return;
    }
  } finally {
    abort.abort();
  }
}

/**
 * Systematic primary sliver `pairIndex`, checked: from the node holding its shard, else rebuilt from the other nodes'
 * recovery symbols (src/blob/sliver-recovery.ts).
 */
async function fetchSystematic(
  context: StreamContext,
  pairIndex: number,
  signal: AbortSignal,
): Promise<SliverOutcome> {
  const holder = context.owners.get(shardForPair(pairIndex, context.id, context.nShards));
  const direct: SliverOutcome =
    holder && context.failedNodes.has(holder.nodeId)
      ? { failed: `${holder.name} failed an earlier sliver of this read`, nodeId: holder.nodeId }
      : await fetchDirect(context, pairIndex, signal);
  if ('data' in direct || signal.aborted) return direct;
  if (direct.nodeId) context.failedNodes.add(direct.nodeId);
  const others = context.nodes.filter((node) => !context.failedNodes.has(node.nodeId));
  const recovered = await recoverPrimarySliver({ ...context, nodes: others }, pairIndex, signal);
  if (!recovered)
    return { ...direct, failed: `${direct.failed}, and it could not be recovered from the others` };
  context.options.onRecovered?.(pairIndex, direct.failed);
  return { data: recovered };
}

/** Fetches and checks systematic primary sliver `pairIndex` from the node holding its shard. */
async function fetchDirect(
  context: StreamContext,
  pairIndex: number,
  signal: AbortSignal,
): Promise<SliverOutcome> {
  const { blobId, id, nShards, owners, kernels, metadata, timeoutMs, options } = context;
  const shard = shardForPair(pairIndex, id, nShards);
  const node = owners.get(shard);
  if (!node) return { failed: `no node of the committee holds shard ${shard}` };
  const body = await get(`${node.url}/v1/blobs/${blobId}/slivers/${pairIndex}/primary`, timeoutMs, signal);
  if (!(body instanceof Uint8Array)) {
    return {
      failed: `${node.name} (${node.url}) did not serve primary sliver ${pairIndex} (shard ${shard})`,
      nodeId: node.nodeId,
    };
  }
  const checked = checkPrimarySliver(kernels, metadata, nShards, pairIndex, body);
  if ('data' in checked) return checked;
  options.onRefused?.({
    node: node.name,
    nodeId: node.nodeId,
    url: node.url,
    shard,
    pairIndex,
    reason: checked.reason,
  } satisfies RefusedSliver);
  return {
    failed: `primary sliver ${pairIndex} from ${node.name} failed its check: ${checked.reason}`,
    nodeId: node.nodeId,
  };
}

/**
 * Bytes `[start, end)` of the blob decoded whole from any `p` primary slivers of `nodes` (strict check), in
 * sliver-sized chunks.
 */
async function* fromDecodedBlob(
  { blobId, nShards, options }: StreamContext,
  nodes: readonly ReadNode[],
  start: number,
  end: number,
  chunk: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { bytes } = await readVerified(blobId, nShards, nodes, options);
  for (let at = start; at < end; at += chunk) yield bytes.subarray(at, Math.min(at + chunk, end));
}
