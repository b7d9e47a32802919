/**
 * A blob read that checks what each node serves, as the Rust Walrus client does and the TypeScript SDK (1.2.13)
 * does not:
 *
 * 1. Metadata from the first node that serves metadata matching the blob id (root hash over the sliver-pair hashes,
 *    then the blob id), so one node cannot make the read fail or trick it.
 * 2. `p` primary slivers from random shards (skipping nodes that failed), decoded; when the decoded bytes
 *    re-encode to the blob id, every sliver used was right (the decoder is a bijection from any `p` slivers to the
 *    blob).
 * 3. Otherwise each sliver is checked against its hash in the metadata (one kernel call per sliver); the bad ones
 *    are dropped and reported with their node, that node is not asked again, and replacements are fetched and
 *    checked until `p` verified slivers decode to the blob id.
 *
 * Decoding, re-encoding and sliver checks run on the project's RedStuff kernels (devnet/redstuff, bit-exact with
 * `@mysten/walrus-wasm` by test/redstuff, 5-10x faster).
 *
 * Node failures (down, timeouts, HTTP errors) only remove a node from this read; not found (404) from more than
 * `f` shards' worth of nodes means the blob is not certified.
 */
import { loadRedStuffKernels } from '../../devnet/cli-api.js';
import { type BlobMetadataV1, parseBlobMetadata, parseSliver } from '../protocol/bcs-types.js';
import { encodingParams, pairForShard } from '../protocol/encoding.js';
import { bytesEqual } from '../protocol/merkle.js';
import { expectedSliverHash, metadataProblem, sliverShapeProblem } from '../protocol/metadata-checks.js';
import type { ReadNode } from './read-committee.js';

/** A sliver a node served that does not match the blob's metadata. */
export interface RefusedSliver {
  node: string;
  nodeId: string;
  url: string;
  shard: number;
  pairIndex: number;
  reason: string;
}

/** Why a read of one committee did not produce the blob. */
export class ReadFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'not-enough-nodes' | 'inconsistent',
  ) {
    super(message);
  }
}

/** Options of {@link readVerified}. */
export interface VerifiedReadOptions {
  /** Called for each sliver dropped because it did not match the metadata (the node is named). */
  onRefused?: (refused: RefusedSliver) => void;
  /** Timeout of one request to a node, ms. @default 30_000 */
  timeoutMs?: number;
}

/** The RedStuff kernels a read runs on. */
export type Kernels = Awaited<ReturnType<typeof loadRedStuffKernels>>;

interface Fetched {
  node: ReadNode;
  shard: number;
  pairIndex: number;
  bytes: Uint8Array;
}

/** Reads and checks blob `blobId` (URL-safe base64) from `nodes`; see the module comment. */
export async function readVerified(
  blobId: string,
  nShards: number,
  nodes: readonly ReadNode[],
  options: VerifiedReadOptions = {},
): Promise<{ bytes: Uint8Array; refused: RefusedSliver[] }> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const id = Uint8Array.from(Buffer.from(blobId, 'base64url'));
  const failedNodes = new Set<string>();
  const kernels = await loadRedStuffKernels();
  const metadata = await fetchMetadata(blobId, id, nShards, nodes, failedNodes, timeoutMs);
  const { primarySymbols: p } = encodingParams(nShards);
  const candidates = shuffle(
    nodes.flatMap((node) =>
      node.shards.map((shard) => ({ node, shard, pairIndex: pairForShard(shard, id, nShards) })),
    ),
  );
  const refused: RefusedSliver[] = [];
  const refuse = (sliver: Fetched, reason: string) => {
    const entry = {
      node: sliver.node.name,
      nodeId: sliver.node.nodeId,
      url: sliver.node.url,
      shard: sliver.shard,
      pairIndex: sliver.pairIndex,
      reason,
    };
    refused.push(entry);
    failedNodes.add(sliver.node.nodeId);
    options.onRefused?.(entry);
  };

  let held: Fetched[] = [];
  let verified = new Set<Fetched>();
  let checkEach = false;
  for (;;) {
    held = held.filter((s) => !failedNodes.has(s.node.nodeId));
    while (held.length < p) {
      const next = takeCandidates(candidates, failedNodes, p - held.length);
      if (next.length === 0) {
        throw new ReadFailure(
          `Only ${held.length} of the ${p} primary slivers needed for blob ${blobId} could be read${
            refused.length > 0 ? ` (${refused.length} did not match the metadata)` : ''
          }.`,
          'not-enough-nodes',
        );
      }
      held.push(...(await fetchSlivers(blobId, next, failedNodes, timeoutMs)));
      held = held.filter((s) => !failedNodes.has(s.node.nodeId));
    }
    if (checkEach) {
      const unchecked = held.filter((s) => !verified.has(s));
      for (const bad of badSlivers(kernels, unchecked, metadata, nShards)) refuse(bad.sliver, bad.reason);
      verified = new Set(held.filter((s) => !failedNodes.has(s.node.nodeId)));
      if (verified.size < held.length) continue;
    }
    const bytes = decode(kernels, nShards, metadata, held);
    if (bytes && bytesEqual(kernels.encodeBlob(nShards, bytes).blobId, id)) return { bytes, refused };
    if (checkEach) {
      throw new ReadFailure(
        `Blob ${blobId} is inconsistently encoded: ${p} slivers that match its metadata do not decode to it.`,
        'inconsistent',
      );
    }
    checkEach = true;
  }
}

/**
 * The first node's metadata that matches the blob id (root hash over the sliver-pair hashes, then the blob id),
 * trying nodes in random order; nodes that fail or serve other metadata are added to `failedNodes`.
 */
export async function fetchMetadata(
  blobId: string,
  id: Uint8Array,
  nShards: number,
  nodes: readonly ReadNode[],
  failedNodes: Set<string>,
  timeoutMs: number,
): Promise<BlobMetadataV1> {
  const { f } = faultTolerance(nShards);
  let notFoundShards = 0;
  for (const node of shuffle([...nodes])) {
    const response = await get(`${node.url}/v1/blobs/${blobId}/metadata`, timeoutMs);
    if (response === 'not-found') {
      notFoundShards += node.shards.length;
      if (notFoundShards > f) break;
      continue;
    }
    if (!response) {
      failedNodes.add(node.nodeId);
      continue;
    }
    try {
      if (!bytesEqual(response.subarray(0, 32), id)) throw new Error('metadata of another blob');
      const metadata = parseBlobMetadata(response.subarray(32));
      if (!metadataProblem(id, metadata, nShards)) return metadata;
    } catch {
      // Unparseable metadata: this node is not used.
    }
    failedNodes.add(node.nodeId);
  }
  if (notFoundShards > f) {
    throw new ReadFailure(
      `Blob ${blobId} is not stored on this network (nodes holding ${notFoundShards} shards do not know it).`,
      'not-found',
    );
  }
  throw new ReadFailure(`No storage node served valid metadata for blob ${blobId}.`, 'not-enough-nodes');
}

/** `f`: the most shards that may be faulty (walrus-protocol.md §1). */
function faultTolerance(nShards: number): { f: number } {
  return { f: Math.floor((nShards - 1) / 3) };
}

/** Takes up to `count` candidates of nodes that have not failed, from the front. */
function takeCandidates<T extends { node: ReadNode }>(list: T[], failed: Set<string>, count: number): T[] {
  const taken: T[] = [];
  while (taken.length < count && list.length > 0) {
    const next = list.shift()!;
    if (!failed.has(next.node.nodeId)) taken.push(next);
  }
  return taken;
}

/** Fetches primary slivers at once; a node that fails one request is not asked again in this read. */
async function fetchSlivers(
  blobId: string,
  wanted: ReadonlyArray<{ node: ReadNode; shard: number; pairIndex: number }>,
  failedNodes: Set<string>,
  timeoutMs: number,
): Promise<Fetched[]> {
  const results = await Promise.all(
    wanted.map(async (w) => {
      const bytes = await get(`${w.node.url}/v1/blobs/${blobId}/slivers/${w.pairIndex}/primary`, timeoutMs);
      if (bytes instanceof Uint8Array) return { ...w, bytes };
      failedNodes.add(w.node.nodeId);
      return undefined;
    }),
  );
  return results.filter((r): r is Fetched => r !== undefined);
}

/** The slivers whose shape or hash does not match the metadata, with why. */
function badSlivers(
  kernels: Kernels,
  slivers: readonly Fetched[],
  metadata: BlobMetadataV1,
  nShards: number,
): Array<{ sliver: Fetched; reason: string }> {
  const bad: Array<{ sliver: Fetched; reason: string }> = [];
  for (const sliver of slivers) {
    const checked = checkPrimarySliver(kernels, metadata, nShards, sliver.pairIndex, sliver.bytes);
    if ('reason' in checked) bad.push({ sliver, reason: checked.reason });
  }
  return bad;
}

/**
 * Checks one primary sliver (its BCS body) against the metadata: index, symbol size and length, then its Merkle
 * root over the `n` expanded symbols (one kernel call, walrus-protocol.md §12) against the metadata's primary hash
 * of its pair. Returns its symbols, or why it does not match.
 */
export function checkPrimarySliver(
  { expandSliver }: Kernels,
  metadata: BlobMetadataV1,
  nShards: number,
  pairIndex: number,
  bytes: Uint8Array,
): { data: Uint8Array } | { reason: string } {
  try {
    const parsed = parseSliver(bytes);
    const problem = sliverShapeProblem(metadata, nShards, 'primary', pairIndex, parsed);
    if (problem) return { reason: problem };
    const { root } = expandSliver(nShards, 'primary', parsed.data, parsed.symbolSize);
    if (!bytesEqual(root, expectedSliverHash(metadata, 'primary', pairIndex)))
      return { reason: "its Merkle root is not the sliver hash in the blob's metadata" };
    return { data: parsed.data };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

/**
 * Decodes `p` primary slivers (BCS bodies) with the project's RedStuff kernel (bit-exact with walrus-wasm's
 * `decodePrimarySlivers`, by test/redstuff); `undefined` when they do not fit together.
 */
function decode(
  { decodeBlob }: Kernels,
  nShards: number,
  metadata: BlobMetadataV1,
  slivers: readonly Fetched[],
): Uint8Array | undefined {
  try {
    return decodeBlob(
      nShards,
      Number(metadata.unencodedLength),
      slivers.map((s) => ({ index: s.pairIndex, data: parseSliver(s.bytes).data })),
    );
  } catch {
    return undefined;
  }
}

/** GET returning the body, `'not-found'` for 404, or `undefined` when the node failed (or `signal` aborted). */
export async function get(
  url: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Uint8Array | 'not-found' | undefined> {
  try {
    const response = await fetch(url, {
      headers: { Accept: 'application/octet-stream' },
      signal: signal
        ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return 'not-found';
    }
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    return undefined;
  }
}

/** Fisher–Yates shuffle in place (Math.random: which node is asked first is not a secret). */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
