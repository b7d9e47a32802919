/**
 * A state directory on disk: an atomically replaced snapshot plus append-only journals of checksummed
 * records (layout in `format.ts`), guarded by a lock file.
 *
 * Journals are numbered by generation. The snapshot records the first generation it does not contain;
 * recovery loads the snapshot and replays that journal and every later one, ignoring (and deleting) older
 * journals. `compact()` therefore works in two steps, each atomic:
 *
 *   1. synchronously, create journal G+1 (tmp + fsync + rename + fsync dir) and send all further appends
 *      there; journal G stays as it is;
 *   2. write `snapshot.tmp` for generation G+1, fsync, rename over `snapshot`, fsync dir (the commit
 *      point), then delete journals below G+1.
 *
 * A crash before the rename leaves the old snapshot, which replays journals G and G+1 (all records);
 * a crash after it leaves the new snapshot, which replays G+1 only (records after the snapshot). Either way
 * no record is lost and none is applied twice.
 *
 * `append` writes one frame at the journal's end with positional writes, then fdatasyncs, before it
 * returns. A crash mid-write leaves at most one incomplete or damaged frame at the end of the newest
 * journal; recovery discards it and truncates the file there. Damage anywhere else is reported, never
 * skipped: only the last write can be torn.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StateStoreError } from './errors.js';
import {
  checkJournalHeader,
  decodeSnapshot,
  encodeFrame,
  encodeJournalHeader,
  encodeSnapshotHeader,
  isJournalTmpFileName,
  JOURNAL_HEADER_BYTES,
  journalFileName,
  parseJournalFileName,
  SNAPSHOT_FILE,
  SNAPSHOT_TMP_FILE,
  scanFrames,
  writeFully,
} from './format.js';
import { DirectoryLock, errnoCode } from './lock.js';
import type { LoadedState, StateStore } from './state-store.js';

export interface FileStateStoreOptions {
  /**
   * Sync every append and every file and directory change to the disk (default true). With false, the
   * directory still survives the process being killed at any point (the data is in the OS page cache),
   * but not an OS crash or power loss; appends get much cheaper. Meant for tests and throwaway devnets.
   */
  fsync?: boolean;
}

type Phase = 'closed' | 'open' | 'failed';

export class FileStateStore implements StateStore {
  readonly dir: string;
  readonly #fsync: boolean;
  #phase: Phase = 'closed';
  #failure: unknown;
  #lock: DirectoryLock | undefined;
  /** The journal appends go to. */
  #fd = -1;
  #generation = 0;
  /** End of the valid data in the active journal: where the next frame goes. */
  #offset = 0;
  /** Oldest journal generation that may still exist on disk. */
  #oldestGeneration = 0;
  #journalRecords = 0;
  /** Snapshot writes, chained so they commit in call order. Never rejects. */
  #compactions: Promise<void> = Promise.resolve();
  /** The last `close()`, which `load()` and further `close()` calls wait for. */
  #closing: Promise<void> = Promise.resolve();

  constructor(dir: string, options: FileStateStoreOptions = {}) {
    this.dir = path.resolve(dir);
    this.#fsync = options.fsync ?? true;
  }

  get journalRecords(): number {
    return this.#journalRecords;
  }

  async load(): Promise<LoadedState> {
    if (this.#phase !== 'closed' || this.#lock) {
      throw new StateStoreError('NOT_OPEN', `load() called on a store that is already open (${this.dir})`);
    }
    await this.#closing;
    const created = fs.mkdirSync(this.dir, { recursive: true });
    if (created !== undefined && this.#fsync) syncDirectory(path.dirname(created));
    this.#lock = DirectoryLock.acquire(this.dir);
    try {
      const state = this.#recover();
      this.#phase = 'open';
      this.#failure = undefined;
      return state;
    } catch (error) {
      this.#closeFd();
      this.#lock.release();
      this.#lock = undefined;
      throw error;
    }
  }

  append(record: Uint8Array): void {
    this.#assertWritable();
    const frame = encodeFrame(record); // throws RangeError for oversized records, harmlessly
    try {
      writeFully(this.#fd, frame, this.#offset);
      if (this.#fsync) fs.fdatasyncSync(this.#fd);
    } catch (error) {
      // After a failed write or fsync the file's content is unknown (and a retried fsync may "succeed"
      // without the data being on disk), so stop here; reopening recovers whatever did reach the disk.
      this.#fail(error);
      throw new StateStoreError('FAILED', `could not append to the journal in ${this.dir}`, { cause: error });
    }
    this.#offset += frame.length;
    this.#journalRecords++;
  }

  compact(snapshot: Uint8Array): Promise<void> {
    try {
      this.#assertWritable();
      const payload = snapshot.slice(); // the caller may reuse its buffer once we return
      const generation = this.#generation + 1;
      this.#rotate(generation);
      const run = this.#compactions.then(() => this.#commitSnapshot(payload, generation));
      this.#compactions = run.catch(() => undefined);
      return run;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  close(): Promise<void> {
    const lock = this.#lock;
    if (!lock) return this.#closing;
    this.#lock = undefined;
    this.#phase = 'closed';
    this.#closing = this.#compactions.then(() => {
      this.#closeFd();
      lock.release();
    });
    return this.#closing;
  }

  // -------------------------------------------------------------------------------------------------------

  #recover(): LoadedState {
    const names = fs.readdirSync(this.dir);
    for (const name of names) {
      if (name === SNAPSHOT_TMP_FILE || isJournalTmpFileName(name)) {
        fs.rmSync(path.join(this.dir, name), { force: true }); // an unfinished snapshot or journal creation
      }
    }

    let snapshot: Uint8Array | undefined;
    let first = 0;
    if (names.includes(SNAPSHOT_FILE)) {
      const decoded = decodeSnapshot(
        fs.readFileSync(path.join(this.dir, SNAPSHOT_FILE)),
        this.#file(SNAPSHOT_FILE),
      );
      snapshot = decoded.payload;
      first = decoded.generation;
    }

    const generations = names
      .map(parseJournalFileName)
      .filter((g): g is number => g !== undefined)
      .sort((a, b) => a - b);
    const covered = generations.filter((g) => g < first);
    const live = generations.filter((g) => g >= first);
    live.forEach((g, i) => {
      if (g !== first + i) {
        throw new StateStoreError(
          'CORRUPT',
          `${this.#file(journalFileName(first + i))} is missing (the ${snapshot ? 'snapshot' : 'directory'} ` +
            `needs journals from generation ${first} on, and ${this.#file(journalFileName(g))} exists)`,
        );
      }
    });
    if (live.length === 0) {
      if (snapshot) {
        throw new StateStoreError(
          'CORRUPT',
          `${this.#file(journalFileName(first))} is missing: the snapshot needs it to continue from`,
        );
      }
      this.#createJournal(first);
      live.push(first);
    }

    const records: Uint8Array[] = [];
    let discarded: LoadedState['discarded'];
    const last = live[live.length - 1]!;
    for (const generation of live) {
      const isLast = generation === last;
      const name = journalFileName(generation);
      const fd = fs.openSync(path.join(this.dir, name), isLast ? 'r+' : 'r');
      try {
        const size = fs.fstatSync(fd).size;
        checkJournalHeader(fd, size, generation, this.#file(name));
        const scan = scanFrames(fd, JOURNAL_HEADER_BYTES, size);
        for (const record of scan.records) records.push(record);
        if (scan.problem !== undefined) {
          if (!isLast || scan.intactAfter) {
            throw new StateStoreError(
              'CORRUPT',
              `${this.#file(name)} is damaged (${scan.problem}) and records follow the damage ` +
                `${isLast ? 'in the same file' : 'in later journals'}; refusing to drop acknowledged records. ` +
                'Restore the directory from a backup, or start from a fresh one.',
            );
          }
          fs.ftruncateSync(fd, scan.end);
          if (this.#fsync) fs.fsyncSync(fd);
          discarded = {
            file: this.#file(name),
            offset: scan.end,
            bytes: size - scan.end,
            reason: scan.problem,
          };
        }
        if (isLast) {
          this.#fd = fd;
          this.#offset = scan.end;
        }
      } catch (error) {
        fs.closeSync(fd);
        throw error;
      }
      if (!isLast) fs.closeSync(fd);
    }
    this.#generation = last;
    this.#oldestGeneration = first;
    this.#journalRecords = records.length;

    // Journals a committed snapshot already contains (the crash came before their deletion).
    for (const generation of covered)
      fs.rmSync(path.join(this.dir, journalFileName(generation)), { force: true });
    if (covered.length > 0 && this.#fsync) syncDirectory(this.dir);

    const state: LoadedState = { records };
    if (snapshot) state.snapshot = snapshot;
    if (discarded) state.discarded = discarded;
    return state;
  }

  /** Creates an empty journal for `generation` atomically and durably. */
  #createJournal(generation: number): void {
    const final = path.join(this.dir, journalFileName(generation));
    const tmp = `${final}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      writeFully(fd, encodeJournalHeader(generation), 0);
      if (this.#fsync) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, final);
    if (this.#fsync) syncDirectory(this.dir);
  }

  /** Step 1 of compaction: later appends go to a new, empty journal. */
  #rotate(generation: number): void {
    this.#createJournal(generation);
    const file = path.join(this.dir, journalFileName(generation));
    let fd: number;
    try {
      fd = fs.openSync(file, 'r+');
    } catch (error) {
      // Appends stay in the current journal, so the new one must not outlive this failure: recovery only
      // tolerates a torn tail in the newest journal.
      fs.rmSync(file, { force: true });
      throw error;
    }
    const old = this.#fd;
    this.#fd = fd;
    this.#generation = generation;
    this.#offset = JOURNAL_HEADER_BYTES;
    this.#journalRecords = 0;
    try {
      fs.closeSync(old);
    } catch {
      // Everything in it was synced when appended.
    }
  }

  /** Step 2 of compaction: commit the snapshot, then drop the journals it contains. */
  async #commitSnapshot(payload: Uint8Array, generation: number): Promise<void> {
    const tmp = path.join(this.dir, SNAPSHOT_TMP_FILE);
    const handle = await fs.promises.open(tmp, 'w');
    try {
      await writeAllAsync(handle, encodeSnapshotHeader(generation, payload));
      await writeAllAsync(handle, payload);
      if (this.#fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, path.join(this.dir, SNAPSHOT_FILE));
    if (this.#fsync) syncDirectory(this.dir);
    // Committed. Journals below `generation` are now dead weight; a crash before they are gone is harmless.
    for (let g = this.#oldestGeneration; g < generation; g++) {
      await fs.promises.rm(path.join(this.dir, journalFileName(g)), { force: true });
    }
    this.#oldestGeneration = Math.max(this.#oldestGeneration, generation);
  }

  #assertWritable(): void {
    if (this.#phase === 'failed') {
      throw new StateStoreError(
        'FAILED',
        `the state store in ${this.dir} stopped after an I/O error; reopen it to recover`,
        { cause: this.#failure },
      );
    }
    if (this.#phase !== 'open') {
      throw new StateStoreError('NOT_OPEN', `the state store in ${this.dir} is not open (call load() first)`);
    }
  }

  #fail(error: unknown): void {
    this.#phase = 'failed';
    this.#failure = error;
    this.#closeFd();
  }

  #closeFd(): void {
    if (this.#fd < 0) return;
    try {
      fs.closeSync(this.#fd);
    } catch {
      // Nothing left to do with it.
    }
    this.#fd = -1;
  }

  #file(name: string): string {
    return path.join(this.dir, name);
  }
}

async function writeAllAsync(handle: fs.promises.FileHandle, data: Uint8Array): Promise<void> {
  let done = 0;
  while (done < data.byteLength) {
    const { bytesWritten } = await handle.write(data, done, data.byteLength - done);
    done += bytesWritten;
  }
}

/** Makes renames, creations and deletions in `dir` durable. Not possible (nor needed) on Windows. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } catch (error) {
    if (errnoCode(error) !== 'EINVAL') throw error; // some file systems cannot sync directories
  } finally {
    fs.closeSync(fd);
  }
}
