/**
 * Checks each uploaded sliver against the metadata's sliver hash as it arrives: the RedStuff kernel
 * expands that sliver alone (`k -> n` symbols) and compares the Merkle root, so a check costs the
 * sliver's own size and no sliver waits for another (walrus-protocol.md §12). Large slivers run on
 * the shared worker pool, small ones on the calling thread (see `expansion-pool.ts`).
 */
import type { BlobMetadataV1, ParsedSliver } from './bcs-types.js';
import type { SliverType } from './encoding.js';
import { sharedExpansionPool } from './expansion-pool.js';
import { bytesEqual } from './merkle.js';
import { expectedSliverHash } from './metadata.js';

/** Options of {@link SliverVerifier}. */
export interface SliverVerifierOptions {
  nShards: number;
}

/** Checks sliver hashes; see the module comment. */
export class SliverVerifier {
  private readonly waiting = new Set<(error: Error) => void>();
  private closed = false;

  constructor(private readonly options: SliverVerifierOptions) {}

  /** Resolves `true` if the sliver's hash matches the one the metadata holds for its pair. */
  verify(
    metadata: BlobMetadataV1,
    type: SliverType,
    pairIndex: number,
    sliver: ParsedSliver,
  ): Promise<boolean> {
    if (this.closed) return Promise.reject(new Error('the storage node is stopping'));
    const expected = expectedSliverHash(metadata, type, pairIndex);
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.add(reject);
      sharedExpansionPool()
        .expand(this.options.nShards, type, [sliver.data], sliver.symbolSize)
        .then(
          ([expanded]) => resolve(expanded !== undefined && bytesEqual(expanded.hash, expected)),
          (error: unknown) => reject(error),
        )
        .finally(() => this.waiting.delete(reject));
    });
  }

  /** Rejects every waiting check (when the node stops). */
  close(): void {
    this.closed = true;
    for (const reject of this.waiting) reject(new Error('the storage node is stopping'));
    this.waiting.clear();
  }
}
