/**
 * {@link SliverStore} in one `node:sqlite` database (`<dir>/slivers.db`, WAL journal). Writes are
 * transactions of their own, so a crash loses at most the unacknowledged ones.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SliverKey, SliverStore } from './sliver-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS metadata (blob_id TEXT PRIMARY KEY, bytes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS slivers (
  blob_id TEXT NOT NULL, pair INTEGER NOT NULL, type INTEGER NOT NULL, bytes BLOB NOT NULL,
  PRIMARY KEY (blob_id, pair, type)
);`;

type Statements = Record<
  | 'putMeta'
  | 'getMeta'
  | 'hasMeta'
  | 'putSliver'
  | 'getSliver'
  | 'hasSliver'
  | 'listSlivers'
  | 'listBlobs'
  | 'deleteMeta'
  | 'deleteBlobSlivers'
  | 'deleteSliver',
  StatementSync
>;

const typeCode = (key: SliverKey): number => (key.type === 'primary' ? 0 : 1);

/** SQLite store; see the module comment. */
export class SqliteSliverStore implements SliverStore {
  readonly kind = 'sqlite' as const;
  private db: DatabaseSync | undefined;
  private statements: Statements | undefined;

  constructor(
    private readonly dir: string,
    private readonly options: { fsync: boolean },
  ) {}

  private get path(): string {
    return join(this.dir, 'slivers.db');
  }

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const db = new DatabaseSync(this.path);
    db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${this.options.fsync ? 'FULL' : 'NORMAL'};`);
    db.exec(SCHEMA);
    this.db = db;
    this.statements = {
      putMeta: db.prepare('INSERT OR REPLACE INTO metadata (blob_id, bytes) VALUES (?, ?)'),
      getMeta: db.prepare('SELECT bytes FROM metadata WHERE blob_id = ?'),
      hasMeta: db.prepare('SELECT 1 AS found FROM metadata WHERE blob_id = ?'),
      putSliver: db.prepare(
        'INSERT OR REPLACE INTO slivers (blob_id, pair, type, bytes) VALUES (?, ?, ?, ?)',
      ),
      getSliver: db.prepare('SELECT bytes FROM slivers WHERE blob_id = ? AND pair = ? AND type = ?'),
      hasSliver: db.prepare('SELECT 1 AS found FROM slivers WHERE blob_id = ? AND pair = ? AND type = ?'),
      listSlivers: db.prepare('SELECT pair, type FROM slivers WHERE blob_id = ?'),
      listBlobs: db.prepare('SELECT blob_id FROM metadata UNION SELECT blob_id FROM slivers'),
      deleteMeta: db.prepare('DELETE FROM metadata WHERE blob_id = ?'),
      deleteBlobSlivers: db.prepare('DELETE FROM slivers WHERE blob_id = ?'),
      deleteSliver: db.prepare('DELETE FROM slivers WHERE blob_id = ? AND pair = ? AND type = ?'),
    };
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = undefined;
    this.statements = undefined;
  }

  private get s(): Statements {
    if (!this.statements) throw new Error('The SQLite sliver store is not open');
    return this.statements;
  }

  async putMetadata(blobId: string, bytes: Uint8Array): Promise<void> {
    this.s.putMeta.run(blobId, bytes);
  }

  async getMetadata(blobId: string): Promise<Uint8Array | undefined> {
    const row = this.s.getMeta.get(blobId) as { bytes: Uint8Array } | undefined;
    return row?.bytes;
  }

  async hasMetadata(blobId: string): Promise<boolean> {
    return this.s.hasMeta.get(blobId) !== undefined;
  }

  async putSliver(blobId: string, key: SliverKey, bytes: Uint8Array): Promise<void> {
    this.s.putSliver.run(blobId, key.pairIndex, typeCode(key), bytes);
  }

  async getSliver(blobId: string, key: SliverKey): Promise<Uint8Array | undefined> {
    const row = this.s.getSliver.get(blobId, key.pairIndex, typeCode(key)) as
      | { bytes: Uint8Array }
      | undefined;
    return row?.bytes;
  }

  async hasSliver(blobId: string, key: SliverKey): Promise<boolean> {
    return this.s.hasSliver.get(blobId, key.pairIndex, typeCode(key)) !== undefined;
  }

  async listSlivers(blobId: string): Promise<SliverKey[]> {
    const rows = this.s.listSlivers.all(blobId) as { pair: number; type: number }[];
    return rows.map((row) => ({ pairIndex: row.pair, type: row.type === 0 ? 'primary' : 'secondary' }));
  }

  async listBlobs(): Promise<string[]> {
    return (this.s.listBlobs.all() as { blob_id: string }[]).map((row) => row.blob_id);
  }

  async deleteBlob(blobId: string): Promise<void> {
    this.s.deleteMeta.run(blobId);
    this.s.deleteBlobSlivers.run(blobId);
  }

  async deleteSlivers(blobId: string, keys: SliverKey[]): Promise<void> {
    for (const key of keys) this.s.deleteSliver.run(blobId, key.pairIndex, typeCode(key));
  }

  async clear(): Promise<void> {
    const db = this.db;
    if (!db) throw new Error('The SQLite sliver store is not open');
    db.exec('DELETE FROM metadata; DELETE FROM slivers; PRAGMA wal_checkpoint(TRUNCATE); VACUUM;');
  }

  async diskUsage(): Promise<number> {
    let total = 0;
    for (const suffix of ['', '-wal', '-shm']) {
      total += await stat(`${this.path}${suffix}`).then(
        (s) => s.blocks * 512,
        () => 0,
      );
    }
    return total;
  }
}
