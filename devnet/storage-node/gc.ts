/**
 * Garbage collection: a node drops the metadata and slivers of blobs that no longer need storing,
 * that is blobs whose every `Blob` object was deleted or has expired (`endEpoch <= epoch`), and
 * blob ids proven invalid. Blobs the chain never saw are dropped too once their buffered upload
 * window has passed (they can only be left over from an aborted upload).
 */
import { activeObjects, type ChainView } from './chain-view.js';
import type { SliverStore } from './sliver-store.js';

/** Why a blob was dropped. */
export type GcReason = 'deleted' | 'expired' | 'invalid' | 'unknown';

/** What one collection dropped. */
export interface GcReport {
  /** Blob ids dropped, with the reason. */
  dropped: { blobId: string; reason: GcReason }[];
  /** Blob ids kept. */
  kept: number;
}

/** Why `blobId` should be dropped in `epoch`, or `undefined` to keep it. */
export async function gcReason(
  chain: ChainView,
  blobId: string,
  epoch: number,
): Promise<GcReason | undefined> {
  const state = await chain.getBlob(blobId);
  if (!state) return 'unknown';
  if (state.invalidatedEvent) return 'invalid';
  if (activeObjects(state, epoch).length > 0) return undefined;
  return state.objects.length === 0 ? 'deleted' : 'expired';
}

/**
 * Drops every stored blob that should go (or only `blobIds`); `onDrop` runs after each removal.
 * `keep` protects blobs with an upload in flight (e.g. buffered metadata).
 */
export async function collectGarbage(
  chain: ChainView,
  store: SliverStore,
  epoch: number,
  options: {
    blobIds?: string[];
    keep?: (blobId: string) => boolean;
    /** Runs before a blob leaves the store (e.g. to retire a copy while the chain may be reverted). */
    beforeDrop?: (blobId: string, reason: GcReason) => Promise<void>;
    onDrop?: (blobId: string) => void;
  } = {},
): Promise<GcReport> {
  const report: GcReport = { dropped: [], kept: 0 };
  const stored = new Set(await store.listBlobs());
  for (const blobId of options.blobIds ?? stored) {
    if (!stored.has(blobId)) continue;
    const reason = await gcReason(chain, blobId, epoch);
    if (reason === undefined || options.keep?.(blobId)) {
      report.kept++;
      continue;
    }
    await options.beforeDrop?.(blobId, reason);
    await store.deleteBlob(blobId);
    options.onDrop?.(blobId);
    report.dropped.push({ blobId, reason });
  }
  return report;
}
