/**
 * Persistence for the ledger, generic over opaque records: the ledger encodes its own state into bytes.
 *
 * The model is snapshot + journal. On start the ledger calls `load()` and rebuilds its state from the last
 * snapshot (if any) followed by the records appended since, in order. Every state change is `append`ed as
 * one record before it is acknowledged; every so often the ledger hands its whole encoded state to
 * `compact()`, which replaces the snapshot and drops the records it covers.
 *
 * Implementations: {@link MemoryStateStore} (ephemeral) and {@link FileStateStore} (a state directory
 * that survives `kill -9` at any point; see `file-state-store.ts`).
 */
import { StateStoreError } from './errors.js';

/** What `load()` recovered. */
export interface LoadedState {
  /** The payload of the last completed `compact()`, if there was one. */
  snapshot?: Uint8Array;
  /** Records appended after that snapshot was taken, oldest first. */
  records: Uint8Array[];
  /**
   * Set when the end of the journal held an incomplete or damaged record (the write of a record that was
   * never acknowledged, cut short by a crash). It was discarded and the file truncated.
   */
  discarded?: { file: string; offset: number; bytes: number; reason: string };
}

export interface StateStore {
  /**
   * Opens the store and returns its content. Must be called (once) before `append`/`compact`; may be
   * called again after `close()`, which reads the content afresh, as a restart would.
   */
  load(): Promise<LoadedState>;
  /**
   * Appends one record. When it returns (for `FileStateStore`: synchronously) the record is durable, so
   * the change it describes may be acknowledged. If it throws, the record may or may not survive a
   * restart, and the store refuses further writes (code `FAILED`) until `close()` and `load()` again.
   * The store keeps no reference to `record`.
   */
  append(record: Uint8Array): void | Promise<void>;
  /**
   * Replaces the snapshot with `snapshot`, which must encode the state after every record appended
   * before this call (and no later one). Records appended after the call, even before the returned promise
   * settles, are kept in the journal and come back from `load()` after the snapshot. Calls may overlap;
   * they take effect in call order. If the promise rejects, nothing is lost: the previous snapshot and
   * all records are still there, and a later `compact` may succeed.
   */
  compact(snapshot: Uint8Array): Promise<void>;
  /** Waits for pending compactions, then releases the store. Idempotent. */
  close(): Promise<void>;
  /** Records appended since the last `compact()` call (or loaded from the journal): a hint for when to compact. */
  readonly journalRecords: number;
}

export interface MemoryStateStoreOptions {
  /**
   * Keep the snapshot and records in memory so that `load()` after `close()` returns them (handy for
   * testing restarts). Default false: the store keeps nothing, and `load()` always returns an empty state.
   */
  retain?: boolean;
}

/** The ephemeral store: nothing touches the disk. */
export class MemoryStateStore implements StateStore {
  readonly #retain: boolean;
  #open = false;
  #snapshot: Uint8Array | undefined;
  #records: Uint8Array[] = [];
  #count = 0;

  constructor(options: MemoryStateStoreOptions = {}) {
    this.#retain = options.retain ?? false;
  }

  get journalRecords(): number {
    return this.#count;
  }

  async load(): Promise<LoadedState> {
    if (this.#open) throw new StateStoreError('NOT_OPEN', 'load() called on a store that is already open');
    this.#open = true;
    this.#count = this.#records.length;
    const state: LoadedState = { records: this.#records.map((r) => r.slice()) };
    if (this.#snapshot) state.snapshot = this.#snapshot.slice();
    return state;
  }

  append(record: Uint8Array): void {
    this.#assertOpen();
    if (this.#retain) this.#records.push(record.slice());
    this.#count++;
  }

  async compact(snapshot: Uint8Array): Promise<void> {
    this.#assertOpen();
    if (this.#retain) {
      this.#snapshot = snapshot.slice();
      this.#records = [];
    }
    this.#count = 0;
  }

  async close(): Promise<void> {
    this.#open = false;
  }

  #assertOpen(): void {
    if (!this.#open) throw new StateStoreError('NOT_OPEN', 'the state store is not open (call load() first)');
  }
}
