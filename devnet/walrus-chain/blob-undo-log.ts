import type { BlobChainState } from '../storage-node/chain-view.js';

/**
 * What each applied checkpoint changed in a chain view's blob map, so that a reverted chain (a devnet snapshot)
 * is followed by undoing exactly the checkpoints after the fork point instead of rescanning from genesis. Per
 * checkpoint it keeps the state every touched blob id had before it (`undefined`: the id was new), and whether it
 * held an epoch change (the committee must be read again).
 */
export class BlobUndoLog {
  readonly #before = new Map<bigint, Map<string, BlobChainState | undefined>>();
  readonly #epochs = new Set<bigint>();

  /** Records `state` as `blobId`'s state before `sequence`, unless that checkpoint already touched it. */
  touch(sequence: bigint, blobId: string, state: BlobChainState | undefined): void {
    let touched = this.#before.get(sequence);
    if (!touched) {
      touched = new Map();
      this.#before.set(sequence, touched);
    }
    if (!touched.has(blobId)) touched.set(blobId, state && structuredClone(state));
  }

  /** Forgets what checkpoint `sequence` changed: it can no longer be undone. */
  forget(sequence: bigint): void {
    this.#before.delete(sequence);
    this.#epochs.delete(sequence);
  }

  /** Forgets everything. */
  clear(): void {
    this.#before.clear();
    this.#epochs.clear();
  }

  /** Marks `sequence` as holding an epoch change. */
  markEpoch(sequence: bigint): void {
    this.#epochs.add(sequence);
  }

  /**
   * Undoes checkpoints `from` down to `after + 1` (newest first) on `blobs`; returns the blob ids whose state
   * changed and whether an epoch change was undone.
   */
  undo(
    blobs: Map<string, BlobChainState>,
    from: bigint,
    after: bigint,
  ): { blobIds: Set<string>; epochChanged: boolean } {
    const blobIds = new Set<string>();
    let epochChanged = false;
    for (let sequence = from; sequence > after; sequence--) {
      for (const [blobId, state] of this.#before.get(sequence) ?? []) {
        if (state) blobs.set(blobId, state);
        else blobs.delete(blobId);
        blobIds.add(blobId);
      }
      this.#before.delete(sequence);
      if (this.#epochs.delete(sequence)) epochChanged = true;
    }
    return { blobIds, epochChanged };
  }
}
