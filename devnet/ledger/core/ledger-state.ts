import type { CheckpointRecord, ObjectRecord, TransactionRecord } from './types.js';

/** Scalar ledger state: small enough to copy whole on every change. */
export interface LedgerMeta {
  chainId: string;
  epoch: bigint;
  epochStartMs: bigint;
  /** Clock offset added to the wall clock (wall mode) or the absolute time (manual mode). */
  clockMs: bigint;
  referenceGasPrice: bigint;
  /** Total SUI minted at genesis and by the faucet/admin since, for supply checks. */
  totalSuiMinted: bigint;
}

/** A change set, the unit of persistence: applying diffs in order rebuilds the state. */
export interface StateDiff {
  objects: ObjectRecord[];
  deletedObjects: string[];
  transactions: TransactionRecord[];
  removedTransactions: string[];
  checkpoints: CheckpointRecord[];
  /** When set, the checkpoint list is truncated to this length before `checkpoints` are appended. */
  checkpointLength?: number;
  meta?: LedgerMeta;
}

type UndoEntry =
  | { kind: 'object'; id: string; previous: ObjectRecord | undefined }
  | { kind: 'transaction'; digest: string }
  | { kind: 'checkpoint' }
  | { kind: 'meta'; previous: LedgerMeta };

/** Pending changes keyed by id, so the last change to an id wins whatever the order of operations. */
interface PendingDiff {
  objects: Map<string, ObjectRecord | undefined>;
  transactions: Map<string, TransactionRecord | undefined>;
  checkpoints: CheckpointRecord[];
  checkpointLength?: number;
  meta?: LedgerMeta;
}

function emptyDiff(): PendingDiff {
  return { objects: new Map(), transactions: new Map(), checkpoints: [] };
}

function ownerKey(record: ObjectRecord): string | undefined {
  return record.owner.kind === 'address' || record.owner.kind === 'object' ? record.owner.address : undefined;
}

/**
 * All ledger state with an owner index, an undo log for O(changes) snapshots and a pending diff
 * that the ledger hands to persistence after each commit.
 */
export class LedgerState {
  readonly #objects = new Map<string, ObjectRecord>();
  readonly #byOwner = new Map<string, Set<string>>();
  readonly #transactions = new Map<string, TransactionRecord>();
  readonly #checkpoints: CheckpointRecord[] = [];
  #meta: LedgerMeta;
  readonly #undo: UndoEntry[] = [];
  /** Undo-log lengths of live snapshots; while empty, nothing is logged. */
  readonly #snapshots: number[] = [];
  #diff = emptyDiff();

  constructor(meta: LedgerMeta) {
    this.#meta = meta;
  }

  get meta(): Readonly<LedgerMeta> {
    return this.#meta;
  }

  object(id: string): ObjectRecord | undefined {
    return this.#objects.get(id);
  }

  /** Ids of objects owned by an address or by a parent object, in insertion order. */
  ownedBy(owner: string): string[] {
    return [...(this.#byOwner.get(owner) ?? [])];
  }

  allObjects(): IterableIterator<ObjectRecord> {
    return this.#objects.values();
  }

  transaction(digest: string): TransactionRecord | undefined {
    return this.#transactions.get(digest);
  }

  checkpoints(): readonly CheckpointRecord[] {
    return this.#checkpoints;
  }

  latestCheckpoint(): CheckpointRecord | undefined {
    return this.#checkpoints[this.#checkpoints.length - 1];
  }

  putObject(record: ObjectRecord): void {
    const previous = this.#objects.get(record.id);
    this.#log({ kind: 'object', id: record.id, previous });
    this.#setObject(record.id, record);
    this.#diff.objects.set(record.id, record);
  }

  deleteObject(id: string): void {
    const previous = this.#objects.get(id);
    if (!previous) return;
    this.#log({ kind: 'object', id, previous });
    this.#setObject(id, undefined);
    this.#diff.objects.set(id, undefined);
  }

  addTransaction(record: TransactionRecord): void {
    this.#log({ kind: 'transaction', digest: record.digest });
    this.#transactions.set(record.digest, record);
    this.#diff.transactions.set(record.digest, record);
  }

  addCheckpoint(record: CheckpointRecord): void {
    this.#log({ kind: 'checkpoint' });
    this.#checkpoints.push(record);
    this.#diff.checkpoints.push(record);
  }

  setMeta(meta: LedgerMeta): void {
    this.#log({ kind: 'meta', previous: this.#meta });
    this.#meta = meta;
    this.#diff.meta = meta;
  }

  /** Marks a point to return to. Returns its id. Cost: O(1); later changes are logged. */
  snapshot(): number {
    this.#snapshots.push(this.#undo.length);
    return this.#snapshots.length - 1;
  }

  /** Number of live snapshots. */
  get snapshotCount(): number {
    return this.#snapshots.length;
  }

  /**
   * Undoes every change since snapshot `id` (O(changes)) and drops it and later snapshots.
   * The undo is recorded in the pending diff so persistence follows.
   */
  revert(id: number): void {
    const mark = this.#snapshots[id];
    if (mark === undefined) throw new Error(`Unknown snapshot ${id}`);
    this.#snapshots.length = id;
    const checkpointsBefore = this.#checkpoints.length;
    while (this.#undo.length > mark) {
      const entry = this.#undo.pop()!;
      switch (entry.kind) {
        case 'object':
          this.#setObject(entry.id, entry.previous);
          this.#diff.objects.set(entry.id, entry.previous);
          break;
        case 'transaction':
          this.#transactions.delete(entry.digest);
          this.#diff.transactions.set(entry.digest, undefined);
          break;
        case 'checkpoint':
          this.#checkpoints.pop();
          this.#diff.checkpoints.pop();
          break;
        case 'meta':
          this.#meta = entry.previous;
          this.#diff.meta = entry.previous;
          break;
      }
    }
    if (this.#checkpoints.length < checkpointsBefore) {
      this.#diff.checkpointLength = Math.min(
        this.#diff.checkpointLength ?? Infinity,
        this.#checkpoints.length,
      );
      this.#diff.checkpoints = [];
    }
    if (this.#snapshots.length === 0) this.#undo.length = 0;
  }

  /** Returns and clears the changes made since the last call. */
  takeDiff(): StateDiff {
    const pending = this.#diff;
    this.#diff = emptyDiff();
    const diff: StateDiff = {
      objects: [],
      deletedObjects: [],
      transactions: [],
      removedTransactions: [],
      checkpoints: pending.checkpoints,
    };
    for (const [id, record] of pending.objects) {
      if (record) diff.objects.push(record);
      else diff.deletedObjects.push(id);
    }
    for (const [digest, record] of pending.transactions) {
      if (record) diff.transactions.push(record);
      else diff.removedTransactions.push(digest);
    }
    if (pending.checkpointLength !== undefined) diff.checkpointLength = pending.checkpointLength;
    if (pending.meta) diff.meta = pending.meta;
    return diff;
  }

  /** True when there are changes not yet taken. */
  get dirty(): boolean {
    const d = this.#diff;
    return (
      d.objects.size + d.transactions.size + d.checkpoints.length > 0 ||
      d.meta !== undefined ||
      d.checkpointLength !== undefined
    );
  }

  /** Applies a persisted diff without logging (used when loading). Later entries win. */
  applyDiff(diff: StateDiff): void {
    for (const id of diff.deletedObjects) this.#setObject(id, undefined);
    for (const record of diff.objects) this.#setObject(record.id, record);
    for (const digest of diff.removedTransactions) this.#transactions.delete(digest);
    for (const tx of diff.transactions) this.#transactions.set(tx.digest, tx);
    if (diff.checkpointLength !== undefined) this.#checkpoints.length = diff.checkpointLength;
    this.#checkpoints.push(...diff.checkpoints);
    if (diff.meta) this.#meta = diff.meta;
  }

  /** The whole state as one diff (for compaction snapshots). */
  fullDiff(): StateDiff {
    return {
      objects: [...this.#objects.values()],
      deletedObjects: [],
      transactions: [...this.#transactions.values()],
      removedTransactions: [],
      checkpoints: [...this.#checkpoints],
      checkpointLength: 0,
      meta: this.#meta,
    };
  }

  #log(entry: UndoEntry): void {
    if (this.#snapshots.length > 0) this.#undo.push(entry);
  }

  #setObject(id: string, record: ObjectRecord | undefined): void {
    const previous = this.#objects.get(id);
    if (previous) {
      const key = ownerKey(previous);
      if (key) this.#byOwner.get(key)?.delete(id);
    }
    if (record) {
      this.#objects.set(id, record);
      const key = ownerKey(record);
      if (key) {
        let set = this.#byOwner.get(key);
        if (!set) {
          set = new Set();
          this.#byOwner.set(key, set);
        }
        set.add(id);
      }
    } else {
      this.#objects.delete(id);
    }
  }
}
