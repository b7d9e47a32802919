import type { SliverKey, SliverStore } from './sliver-store.js';

interface RetiredBlob {
  metadata: Uint8Array | undefined;
  slivers: Array<{ key: SliverKey; bytes: Uint8Array }>;
}

/**
 * Blobs a node garbage-collected (deleted or expired on chain) while the chain may still be reverted to a point
 * where they are live: a devnet snapshot taken before the deletion. Their metadata and slivers leave the store, so
 * the node stops serving them as a node of the chain must, and are kept here, in memory, so that a revert that
 * brings the blob back finds it stored again (nothing certified before a snapshot is lost by reverting to it).
 */
export class RetiredBlobs {
  readonly #blobs = new Map<string, RetiredBlob>();

  get size(): number {
    return this.#blobs.size;
  }

  has(blobId: string): boolean {
    return this.#blobs.has(blobId);
  }

  ids(): string[] {
    return [...this.#blobs.keys()];
  }

  /** Copies everything `store` holds of `blobId` (call before deleting it there). */
  async retire(store: SliverStore, blobId: string): Promise<void> {
    const slivers: RetiredBlob['slivers'] = [];
    for (const key of await store.listSlivers(blobId)) {
      const bytes = await store.getSliver(blobId, key);
      if (bytes) slivers.push({ key, bytes });
    }
    this.#blobs.set(blobId, { metadata: await store.getMetadata(blobId), slivers });
  }

  /** Writes a retired blob back into `store` and forgets the copy; false if it was not retired. */
  async restore(store: SliverStore, blobId: string): Promise<boolean> {
    const blob = this.#blobs.get(blobId);
    if (!blob) return false;
    if (blob.metadata) await store.putMetadata(blobId, blob.metadata);
    for (const { key, bytes } of blob.slivers) await store.putSliver(blobId, key, bytes);
    this.#blobs.delete(blobId);
    return true;
  }

  clear(): void {
    this.#blobs.clear();
  }
}
