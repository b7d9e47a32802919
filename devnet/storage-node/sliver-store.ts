/**
 * A node's persistent store of blob metadata and slivers. Two implementations exist and
 * `bench/storage-node.ts` compares them: {@link FileSliverStore} (one file per sliver, written to a
 * temporary file and renamed) and {@link SqliteSliverStore} (`node:sqlite`, WAL mode). The default
 * is the file store: see docs in the benchmark output and the storage-node report for why.
 */
import type { SliverType } from './encoding.js';
import { FileSliverStore } from './file-sliver-store.js';
import { SqliteSliverStore } from './sqlite-sliver-store.js';

/** One stored sliver's key. */
export interface SliverKey {
  pairIndex: number;
  type: SliverType;
}

/** Metadata and slivers by blob id, persisted in a directory. */
export interface SliverStore {
  /** Which implementation this is. */
  readonly kind: SliverStoreKind;
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

/** The store implementations. */
export type SliverStoreKind = 'files' | 'sqlite';

/** Options of {@link createSliverStore}. */
export interface SliverStoreOptions {
  /** Directory of the store (created if missing). */
  dir: string;
  /** Implementation. @default 'files' */
  kind?: SliverStoreKind;
  /**
   * Sync every write to disk. Off still survives a crash of the process (kill -9), not of the
   * machine; lost slivers are recovered from peers anyway. @default false
   */
  fsync?: boolean;
}

/** Creates (not yet opened) a store. */
export function createSliverStore(options: SliverStoreOptions): SliverStore {
  return (options.kind ?? 'files') === 'sqlite'
    ? new SqliteSliverStore(options.dir, { fsync: options.fsync ?? false })
    : new FileSliverStore(options.dir, { fsync: options.fsync ?? false });
}
