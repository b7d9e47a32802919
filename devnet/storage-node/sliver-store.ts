/**
 * A node's persistent store of blob metadata and slivers: the interface. Its one implementation is
 * `FileSliverStore` (file-sliver-store.ts: one file per sliver, written to a temporary file and renamed); a
 * `node:sqlite` store lost to it on large slivers, disk use and event-loop stalls (docs/benchmarks.md) and was
 * removed.
 */
import type { SliverType } from './encoding.js';

/** One stored sliver's key. */
export interface SliverKey {
  pairIndex: number;
  type: SliverType;
}

/** Metadata and slivers by blob id, persisted in a directory. */
export interface SliverStore {
  /** Opens (creating if needed) the store. */
  open(): Promise<void>;
  /** Flushes and closes the store. */
  close(): Promise<void>;
  /** Stores a blob's metadata (`BlobMetadata` BCS), replacing any previous copy. */
  putMetadata(blobId: string, bytes: Uint8Array): Promise<void>;
  getMetadata(blobId: string): Promise<Uint8Array | undefined>;
  hasMetadata(blobId: string): Promise<boolean>;
  /** Stores a sliver (`SliverData` BCS), replacing any previous copy. */
  putSliver(blobId: string, key: SliverKey, bytes: Uint8Array): Promise<void>;
  getSliver(blobId: string, key: SliverKey): Promise<Uint8Array | undefined>;
  hasSliver(blobId: string, key: SliverKey): Promise<boolean>;
  /** The slivers stored for a blob. */
  listSlivers(blobId: string): Promise<SliverKey[]>;
  /** Every blob id with metadata or slivers. */
  listBlobs(): Promise<string[]>;
  /** Removes a blob's metadata and slivers. */
  deleteBlob(blobId: string): Promise<void>;
  /** Removes some slivers of a blob. */
  deleteSlivers(blobId: string, keys: SliverKey[]): Promise<void>;
  /** Removes everything (the "wipe" fault). */
  clear(): Promise<void>;
  /** Bytes the store occupies on disk. */
  diskUsage(): Promise<number>;
}
