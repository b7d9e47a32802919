/**
 * Checks uploaded slivers against the metadata's sliver hashes in small batches. A check costs one
 * wasm probe (about one encode of the blob) for up to `p` primary or `s` secondary slivers, and the
 * SDK uploads all of a node's slivers at once, so slivers of the same blob and type arriving close
 * together share one probe: a batch is checked when it holds every sliver of that type the node
 * still lacks for the blob, or when no sliver joined it for a short while.
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
  startedAt: number;
}

/** Options of {@link SliverVerifier}. */
export interface SliverVerifierOptions {
  nShards: number;
  /**
   * A batch short of the slivers the node lacks is checked once none is on its way and no upload
   * of that blob and type started or finished for this long. @default 100
   */
  windowMs?: number;
  /** ...or once its first sliver waited this long. @default 5000 */
  maxWaitMs?: number;
}

/** Batches sliver hash checks; see the module comment. */
export class SliverVerifier {
  private readonly batches = new Map<string, Batch>();
  /** Uploads whose body is still being received, by `blob:type`. */
  private readonly incoming = new Map<string, number>();
  /** When an upload of `blob:type` last started or arrived. */
  private readonly activity = new Map<string, number>();
  private readonly windowMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: SliverVerifierOptions) {
    this.windowMs = options.windowMs ?? 100;
    this.maxWaitMs = options.maxWaitMs ?? 5000;
  }

  /**
   * Announces a sliver upload whose body is still arriving, so a batch of the same blob and type
   * waits for it; call the returned function once the body is in (or failed).
   */
  announce(key: string, type: SliverType): () => void {
    const at = `${key}:${type}`;
    this.incoming.set(at, (this.incoming.get(at) ?? 0) + 1);
    this.activity.set(at, performance.now());
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.activity.set(at, performance.now());
      const left = (this.incoming.get(at) ?? 1) - 1;
      if (left > 0) this.incoming.set(at, left);
      else {
        this.incoming.delete(at);
        if (!this.batches.has(at)) this.activity.delete(at);
      }
    };
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
    const batchKey = `${key}:${type}`;
    return new Promise<boolean>((resolve, reject) => {
      let batch = this.batches.get(batchKey);
      if (!batch) {
        batch = {
          type,
          metadata,
          items: [],
          target: Math.max(1, Math.min(cap, expected)),
          timer: setTimeout(() => this.flushSoon(batchKey), this.windowMs),
          startedAt: performance.now(),
        };
        this.batches.set(batchKey, batch);
      }
      this.activity.set(batchKey, performance.now());
      batch.items.push({ pairIndex, sliver, resolve, reject });
      if (batch.items.length >= batch.target) this.flush(batchKey);
    });
  }

  /** Flushes after pending I/O: a body that arrived while a check blocked the loop joins first. */
  private flushSoon(batchKey: string): void {
    setImmediate(() => this.flush(batchKey));
  }

  private flush(batchKey: string): void {
    const batch = this.batches.get(batchKey);
    if (!batch) return;
    const now = performance.now();
    const waited = now - batch.startedAt;
    const idle = now - (this.activity.get(batchKey) ?? batch.startedAt);
    const incoming = this.incoming.get(batchKey) ?? 0;
    if (
      batch.items.length < batch.target &&
      waited < this.maxWaitMs &&
      (incoming > 0 || idle < this.windowMs)
    ) {
      // More slivers of this blob and type are on their way, or may be: wait for them.
      const delay = incoming > 0 ? this.windowMs : this.windowMs - idle;
      batch.timer = setTimeout(
        () => this.flushSoon(batchKey),
        Math.max(1, Math.min(delay, this.maxWaitMs - waited)),
      );
      return;
    }
    if (incoming === 0) this.activity.delete(batchKey);
    this.batches.delete(batchKey);
    clearTimeout(batch.timer);
    sliverHashes(
      this.options.nShards,
      batch.type,
      batch.items.map((item) => item.sliver),
    ).then(
      (hashes) => {
        batch.items.forEach((item, i) => {
          item.resolve(
            bytesEqual(hashes[i]!, expectedSliverHash(batch.metadata, batch.type, item.pairIndex)),
          );
        });
      },
      (error: unknown) => {
        for (const item of batch.items) item.reject(error);
      },
    );
  }

  /** Rejects every waiting check (when the node stops). */
  close(): void {
    this.incoming.clear();
    this.activity.clear();
    for (const key of [...this.batches.keys()]) {
      const batch = this.batches.get(key)!;
      this.batches.delete(key);
      clearTimeout(batch.timer);
      for (const item of batch.items) item.reject(new Error('the storage node is stopping'));
    }
  }
}
