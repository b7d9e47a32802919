/**
 * One primary sliver rebuilt from the other nodes' recovery symbols, as storage nodes recover a lost sliver
 * (walrus-protocol.md §1, §6): primary sliver `r` expanded to `n` symbols is row `r` of the expanded matrix, and its
 * symbol at column `c` is symbol `r` of secondary sliver `c`. Each node answers
 * `GET /v1/blobs/{id}/recoverySymbols?targetSliver=r&targetType=primary` with those symbols of the secondary slivers
 * it holds, each with a Merkle proof against that secondary sliver's hash in the metadata.
 *
 * Every symbol's proof is checked before use; any `s = n - f` good ones are decoded by the primary code
 * (`k = s`, one kernel call), and the rebuilt sliver is checked against its own primary hash like a fetched one. It
 * costs about `n` symbols (one sliver and a half with the proofs), not the blob.
 */
import { type BlobMetadataV1, RecoverySymbolList } from '../protocol/bcs-types.js';
import { encodingParams, symbolSizeFor } from '../protocol/encoding.js';
import { bytesEqual, rootFromProof } from '../protocol/merkle.js';
import { expectedSliverHash } from '../protocol/metadata-checks.js';
import type { ReadNode } from './read-committee.js';
import { get, type Kernels } from './verified-read.js';

/** What {@link recoverPrimarySliver} reads from. */
export interface RecoveryContext {
  blobId: string;
  nShards: number;
  nodes: readonly ReadNode[];
  kernels: Kernels;
  metadata: BlobMetadataV1;
  timeoutMs: number;
}

/** Primary sliver `pairIndex`'s symbols rebuilt from recovery symbols of `nodes`; `undefined` if it cannot be. */
export async function recoverPrimarySliver(
  context: RecoveryContext,
  pairIndex: number,
  signal: AbortSignal,
): Promise<Uint8Array | undefined> {
  const { blobId, nShards, nodes, kernels, metadata, timeoutMs } = context;
  const { secondarySymbols: s } = encodingParams(nShards);
  const symbolSize = symbolSizeFor(metadata.unencodedLength, nShards)!;
  const query = `targetSliver=${pairIndex}&targetType=primary`;
  const answers = await Promise.all(
    nodes.map((node) => get(`${node.url}/v1/blobs/${blobId}/recoverySymbols?${query}`, timeoutMs, signal)),
  );
  const byColumn = new Map<number, Uint8Array>();
  for (const body of answers) {
    if (!(body instanceof Uint8Array)) continue;
    for (const [column, data] of checkedSymbols(context, pairIndex, symbolSize, body))
      byColumn.set(column, data);
  }
  if (byColumn.size < s) return undefined;
  const columns = [...byColumn.keys()].slice(0, s);
  try {
    const data = kernels.decodeSymbols(
      s,
      nShards - s,
      symbolSize,
      columns,
      columns.map((c) => byColumn.get(c)!),
    );
    const { root } = kernels.expandSliver(nShards, 'primary', data, symbolSize);
    return bytesEqual(root, expectedSliverHash(metadata, 'primary', pairIndex)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** The symbols of one node's answer whose proof leads to their secondary sliver's hash, by column. */
function checkedSymbols(
  { nShards, metadata }: RecoveryContext,
  pairIndex: number,
  symbolSize: number,
  body: Uint8Array,
): Array<[number, Uint8Array]> {
  let parsed: ReturnType<typeof RecoverySymbolList.parse>;
  try {
    parsed = RecoverySymbolList.parse(body);
  } catch {
    return [];
  }
  const good: Array<[number, Uint8Array]> = [];
  for (const entry of parsed) {
    const symbol = entry.symbol.Primary;
    if (!symbol || entry.target_index !== pairIndex || symbol.index >= nShards) continue;
    const data = Uint8Array.from(symbol.data);
    if (data.length !== symbolSize) continue;
    const path = entry.proof.path.map((node) =>
      node.Digest ? Uint8Array.from(node.Digest) : new Uint8Array(32),
    );
    // Secondary sliver `c` is in pair `n - 1 - c`.
    const root = expectedSliverHash(metadata, 'secondary', nShards - 1 - symbol.index);
    if (bytesEqual(rootFromProof(data, pairIndex, path), root)) good.push([symbol.index, data]);
  }
  return good;
}
