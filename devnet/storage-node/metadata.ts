/**
 * Checks of what clients upload: a blob's metadata against its blob id and a sliver's shape (both in
 * src/protocol/metadata-checks.ts, shared with the CLI's read path), and a sliver's hash against the
 * metadata (on the shared expansion pool).
 */
import type { ParsedSliver } from './bcs-types.js';
import type { SliverType } from './encoding.js';
import { sharedExpansionPool } from './expansion-pool.js';

export {
  computeBlobId,
  computeRootHash,
  expectedSliverHash,
  metadataProblem,
  sliverShapeProblem,
} from '../../src/protocol/metadata-checks.js';

/**
 * Computes the hashes of slivers of one type and symbol size (one RedStuff kernel call per sliver,
 * large ones on the shared worker pool).
 */
export async function sliverHashes(
  nShards: number,
  type: SliverType,
  slivers: readonly ParsedSliver[],
): Promise<Uint8Array[]> {
  const first = slivers[0];
  if (!first) return [];
  const expanded = await sharedExpansionPool().expand(
    nShards,
    type,
    slivers.map((s) => s.data),
    first.symbolSize,
  );
  return expanded.map((e) => e.hash);
}

/** Computes one sliver's hash. */
export async function sliverHash(
  nShards: number,
  type: SliverType,
  sliver: ParsedSliver,
): Promise<Uint8Array> {
  return (await sliverHashes(nShards, type, [sliver]))[0]!;
}
