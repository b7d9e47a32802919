/**
 * Checks uploaded slivers against the metadata's sliver hashes in small batches. A check costs one
 * wasm probe (about one encode of the blob) for up to `p` primary or `s` secondary slivers, and the
 * SDK uploads all of a node's slivers at once, so slivers of the same blob and type arriving within
 * a short window share one probe.
 */
import type { BlobMetadataV1, ParsedSliver } from './bcs-types.js';
import { encodingParams, type SliverType } from './encoding.js';
import { bytesEqual } from './merkle.js';
import { expectedSliverHash, sliverHashes } from './metadata.js';

interface Pending {
  pairIndex: number;
  sliver: ParsedSliver;
  resolve: (ok: boolean) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  type: SliverType;
  metadata: BlobMetadataV1;
  items: Pending[];
  /** Flush as soon as this many slivers are waiting. */
  target: number;
  timer: NodeJS.Timeout;
}

/** Options of {@link SliverVerifier}. */
export interface SliverVerifierOptions {
  nShards: number;
  /** How long the first sliver of a batch waits for others. @default 15 */
  windowMs?: number;
}

/** Batches sliver hash checks; see the module comment. */
export class SliverVerifier {
  private readonly batches = new Map<string, Batch>();
  private readonly windowMs: number;

  constructor(private readonly options: SliverVerifierOptions) {
    this.windowMs = options.windowMs ?? 15;
  }

  /**
   * Resolves `true` if the sliver's hash matches the metadata. `expected` is how many slivers of
   * this blob and type the caller still awaits (the batch is checked once that many arrived).
   */
  verify(
    key: string,
    metadata: BlobMetadataV1,
    type: SliverType,
    pairIndex: number,
    sliver: ParsedSliver,
    expected = 1,
  ): Promise<boolean> {
    const { primarySymbols, secondarySymbols } = encodingParams(this.options.nShards);
    const cap = type === 'primary' ? primarySymbols : secondarySymbols;
    const batchKey = `${key}:${type}:${sliver.symbolSize}`;
    return new Promise<boolean>((resolve, reject) => {
      let batch = this.batches.get(batchKey);
      if (!batch) {
        batch = {
          type,
          metadata,
          items: [],
          target: Math.max(1, Math.min(cap, expected)),
          timer: setTimeout(() => this.flush(batchKey), this.windowMs),
        };
        this.batches.set(batchKey, batch);
      }
      batch.items.push({ pairIndex, sliver, resolve, reject });
      if (batch.items.length >= batch.target) this.flush(batchKey);
    });
  }

  private flush(batchKey: string): void {
    const batch = this.batches.get(batchKey);
    if (!batch) return;
    this.batches.delete(batchKey);
    clearTimeout(batch.timer);
    try {
      const hashes = sliverHashes(
        this.options.nShards,
        batch.type,
        batch.items.map((item) => item.sliver),
      );
      batch.items.forEach((item, i) => {
        item.resolve(bytesEqual(hashes[i]!, expectedSliverHash(batch.metadata, batch.type, item.pairIndex)));
      });
    } catch (error) {
      for (const item of batch.items) item.reject(error);
    }
  }

  /** Rejects every waiting check (when the node stops). */
  close(): void {
    for (const key of [...this.batches.keys()]) {
      const batch = this.batches.get(key)!;
      this.batches.delete(key);
      clearTimeout(batch.timer);
      for (const item of batch.items) item.reject(new Error('the storage node is stopping'));
    }
  }
}
