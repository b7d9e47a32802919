/**
 * {@link SliverStore} as plain files: `<dir>/blobs/<blob id hex>/metadata`, `.../p<pair>` and
 * `.../s<pair>`. Each write goes to a temporary file that is renamed over the target, so a crash
 * leaves either the old or the new file, never a torn one; leftovers are removed on open. The
 * store is the only writer of its directory, so it keeps an index of each blob's files in memory
 * (filled by one `readdir` per blob) and answers `has…`/`list…` without system calls. Deleting a blob renames
 * its directory out of the store (`<dir>/blobs/.deleted-…`, one system call, so garbage collection after a
 * devnet revert is quick) and removes the files in the background; leftovers are removed on open.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { blobIdToString, parseBlobId } from './encoding.js';
import type { SliverKey, SliverStore } from './sliver-store.js';

const SLIVER_FILE = /^([ps])(\d+)$/;
/** Unfsynced writes up to this size are done synchronously (see `write`). */
const SYNC_WRITE_MAX_BYTES = 16 * 1024;

let temporaryCount = 0;
/** Unique within this process, and the process id keeps two processes apart: no random bytes per file needed. */
function temporarySuffix(): string {
  temporaryCount += 1;
  return `${process.pid}-${temporaryCount}`;
}

/** Blob directories renamed for removal start with this (never a blob id's hex). */
const DELETED_PREFIX = '.deleted-';

const fileOf = (key: SliverKey) => `${key.type === 'primary' ? 'p' : 's'}${key.pairIndex}`;

/** Plain-files store; see the module comment. */
export class FileSliverStore implements SliverStore {
  private readonly root: string;
  /** File names present per blob directory (loaded lazily). */
  private readonly index = new Map<string, Promise<Set<string>>>();
  /** Removals of deleted blob directories still running. */
  private readonly removals = new Set<Promise<void>>();

  /**
   * `dir`: the store's directory (created on open). `fsync`: sync every write to disk; off still survives a crash
   * of the process (kill -9), not of the machine, and lost slivers are recovered from peers anyway.
   */
  constructor(
    dir: string,
    private readonly options: { fsync?: boolean } = {},
  ) {
    this.root = join(dir, 'blobs');
  }

  async open(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    for (const blob of await readdir(this.root)) {
      const dir = join(this.root, blob);
      if (blob.startsWith(DELETED_PREFIX)) {
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      for (const file of await readdir(dir).catch(() => [])) {
        if (file.includes('.tmp-')) await rm(join(dir, file), { force: true });
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.removals]);
    this.index.clear();
  }

  private files(dir: string): Promise<Set<string>> {
    let files = this.index.get(dir);
    if (!files) {
      files = readdir(dir).then(
        (names) => new Set(names.filter((f) => !f.includes('.tmp-'))),
        () => new Set<string>(),
      );
      this.index.set(dir, files);
    }
    return files;
  }

  private blobDir(blobId: string): string {
    const bytes = parseBlobId(blobId);
    if (!bytes) throw new Error(`Not a blob id: ${blobId}`);
    return join(this.root, Buffer.from(bytes).toString('hex'));
  }

  private sliverPath(blobId: string, key: SliverKey): string {
    return join(this.blobDir(blobId), fileOf(key));
  }

  private async write(dir: string, file: string, bytes: Uint8Array): Promise<void> {
    const files = await this.files(dir);
    const target = join(dir, file);
    const temporary = `${target}.tmp-${temporarySuffix()}`;
    if (bytes.byteLength <= SYNC_WRITE_MAX_BYTES && !this.options.fsync) {
      // A small blob's slivers are a few hundred bytes: four async calls each (open, write, close, rename) cost
      // far more CPU on the event loop than the system calls, which take microseconds on a page-cache write.
      if (files.size === 0) mkdirSync(dir, { recursive: true });
      writeFileSync(temporary, bytes);
      renameSync(temporary, target);
      files.add(file);
      return;
    }
    if (files.size === 0) await mkdir(dir, { recursive: true });
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      if (this.options.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    files.add(file);
  }

  private async read(path: string): Promise<Uint8Array | undefined> {
    try {
      const buffer = await readFile(path);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private async exists(dir: string, file: string): Promise<boolean> {
    return (await this.files(dir)).has(file);
  }

  putMetadata(blobId: string, bytes: Uint8Array): Promise<void> {
    return this.write(this.blobDir(blobId), 'metadata', bytes);
  }

  getMetadata(blobId: string): Promise<Uint8Array | undefined> {
    return this.read(join(this.blobDir(blobId), 'metadata'));
  }

  hasMetadata(blobId: string): Promise<boolean> {
    return this.exists(this.blobDir(blobId), 'metadata');
  }

  putSliver(blobId: string, key: SliverKey, bytes: Uint8Array): Promise<void> {
    return this.write(this.blobDir(blobId), fileOf(key), bytes);
  }

  getSliver(blobId: string, key: SliverKey): Promise<Uint8Array | undefined> {
    return this.read(this.sliverPath(blobId, key));
  }

  hasSliver(blobId: string, key: SliverKey): Promise<boolean> {
    return this.exists(this.blobDir(blobId), fileOf(key));
  }

  async listSlivers(blobId: string): Promise<SliverKey[]> {
    const files = await this.files(this.blobDir(blobId));
    return [...files].flatMap((file) => {
      const match = SLIVER_FILE.exec(file);
      return match
        ? [
            {
              type: match[1] === 'p' ? ('primary' as const) : ('secondary' as const),
              pairIndex: Number(match[2]),
            },
          ]
        : [];
    });
  }

  async listBlobs(): Promise<string[]> {
    const dirs = await readdir(this.root).catch(() => [] as string[]);
    return dirs.filter((d) => /^[0-9a-f]{64}$/.test(d)).map((d) => blobIdToString(Buffer.from(d, 'hex')));
  }

  async deleteBlob(blobId: string): Promise<void> {
    const dir = this.blobDir(blobId);
    this.index.delete(dir);
    const doomed = join(this.root, `${DELETED_PREFIX}${randomBytes(6).toString('hex')}`);
    const moved = await rename(dir, doomed).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    // A lookup made while the directory was being moved may have cached the listing from before: drop it too.
    this.index.delete(dir);
    if (!moved) return;
    const removal = rm(doomed, { recursive: true, force: true })
      .catch(() => {
        // Left for the next open() to remove.
      })
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }

  async deleteSlivers(blobId: string, keys: SliverKey[]): Promise<void> {
    const files = await this.files(this.blobDir(blobId));
    for (const key of keys) {
      files.delete(fileOf(key));
      await rm(this.sliverPath(blobId, key), { force: true });
    }
  }

  async clear(): Promise<void> {
    await Promise.all([...this.removals]);
    this.index.clear();
    await rm(this.root, { recursive: true, force: true });
    await mkdir(this.root, { recursive: true });
    this.index.clear(); // as in deleteBlob: listings cached while removing are stale
  }

  async diskUsage(): Promise<number> {
    let total = 0;
    for (const blob of await readdir(this.root).catch(() => [] as string[])) {
      const dir = join(this.root, blob);
      for (const file of await readdir(dir).catch(() => [] as string[])) {
        total += await stat(join(dir, file)).then(
          (s) => s.blocks * 512,
          () => 0,
        );
      }
    }
    return total;
  }
}
