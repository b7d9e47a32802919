/**
 * A {@link ChainView} held in memory, driven by tests: register, certify, extend and delete blobs,
 * invalidate blob ids, advance epochs, move shards. Event ids are made up but well formed.
 */
import { randomBytes } from 'node:crypto';
import { toBase58 } from '@mysten/bcs';
import type {
  BlobChainState,
  BlobObjectState,
  ChainChange,
  ChainEventId,
  ChainView,
  Committee,
  CommitteeMember,
} from './chain-view.js';
import { encodingParams, normalizeObjectId } from './encoding.js';

/** Options of {@link InMemoryChainView}. */
export interface InMemoryChainViewOptions {
  /** Number of shards. @default 8 */
  nShards?: number;
  /** The starting epoch. @default 1 */
  epoch?: number;
}

/** Options of {@link InMemoryChainView.registerBlob}. */
export interface RegisterBlobOptions {
  blobId: string;
  /** Unencoded size in bytes. */
  size: number | bigint;
  /** @default false */
  deletable?: boolean;
  /** Exclusive end epoch. @default current epoch + 5 */
  endEpoch?: number;
  /** The `Blob` object's id. @default a random id */
  objectId?: string;
}

/** An in-memory chain for tests. */
export class InMemoryChainView implements ChainView {
  private epochValue: number;
  readonly nShards: number;
  private members: CommitteeMember[] = [];
  private readonly blobs = new Map<string, BlobChainState>();
  private readonly listeners = new Set<(change: ChainChange) => void>();
  private eventCounter = 0;

  constructor(options: InMemoryChainViewOptions = {}) {
    this.nShards = options.nShards ?? 8;
    encodingParams(this.nShards);
    this.epochValue = options.epoch ?? 1;
  }

  /** The current epoch. */
  get epoch(): number {
    return this.epochValue;
  }

  async getCommittee(): Promise<Committee> {
    return {
      epoch: this.epochValue,
      nShards: this.nShards,
      members: this.members.map((m) => ({ ...m, shards: [...m.shards] })),
    };
  }

  async getBlob(blobId: string): Promise<BlobChainState | undefined> {
    const state = this.blobs.get(blobId);
    return state ? structuredClone(state) : undefined;
  }

  async listBlobs(): Promise<BlobChainState[]> {
    return [...this.blobs.values()].map((state) => structuredClone(state));
  }

  subscribe(listener: (change: ChainChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sets the committee. Shards are dealt round-robin when a member has none listed and no member
   * lists any.
   */
  setMembers(members: Omit<CommitteeMember, 'shards'>[] | CommitteeMember[]): void {
    const withShards = members.map((m) => ({ ...m, shards: 'shards' in m ? [...m.shards] : [] }));
    if (withShards.every((m) => m.shards.length === 0)) {
      for (let shard = 0; shard < this.nShards; shard++)
        withShards[shard % withShards.length]!.shards.push(shard);
    }
    this.members = withShards;
    this.emit({ kind: 'epoch', epoch: this.epochValue });
  }

  /** Changes a member's `host:port`. */
  setNetworkAddress(nodeId: string, networkAddress: string): void {
    const member = this.members.find((m) => m.nodeId === nodeId);
    if (!member) throw new Error(`No committee member ${nodeId}`);
    member.networkAddress = networkAddress;
  }

  /** Registers a `Blob` object (as `register_blob` would); returns its object id. */
  registerBlob(options: RegisterBlobOptions): string {
    const objectId = normalizeObjectId(options.objectId ?? `0x${randomBytes(32).toString('hex')}`);
    if (!objectId) throw new Error(`Not an object id: ${options.objectId}`);
    const state = this.blobs.get(options.blobId) ?? {
      blobId: options.blobId,
      objects: [],
      invalidatedEvent: null,
    };
    state.objects.push({
      objectId,
      deletable: options.deletable ?? false,
      size: BigInt(options.size),
      registeredEpoch: this.epochValue,
      endEpoch: options.endEpoch ?? this.epochValue + 5,
      certifiedEpoch: null,
      registeredEvent: this.nextEvent(),
      certifiedEvent: null,
    });
    this.blobs.set(options.blobId, state);
    this.emit({ kind: 'blob', blobId: options.blobId });
    return objectId;
  }

  /** Certifies a `Blob` object in the current epoch. */
  certifyBlob(objectId: string): void {
    const { state, object } = this.findObject(objectId);
    if (object.certifiedEpoch !== null) throw new Error(`Blob object ${objectId} is already certified`);
    object.certifiedEpoch = this.epochValue;
    object.certifiedEvent = this.nextEvent();
    this.emit({ kind: 'blob', blobId: state.blobId });
  }

  /** Moves a `Blob` object's end epoch. */
  extendBlob(objectId: string, endEpoch: number): void {
    const { state, object } = this.findObject(objectId);
    object.endEpoch = endEpoch;
    if (object.certifiedEpoch !== null) object.certifiedEvent = this.nextEvent();
    this.emit({ kind: 'blob', blobId: state.blobId });
  }

  /** Deletes a (deletable) `Blob` object. */
  deleteBlob(objectId: string): void {
    const { state, object } = this.findObject(objectId);
    if (!object.deletable) throw new Error(`Blob object ${objectId} is not deletable`);
    state.objects = state.objects.filter((o) => o !== object);
    this.emit({ kind: 'blob', blobId: state.blobId });
  }

  /** Marks a blob id invalid (as a certified inconsistency proof would). */
  invalidateBlob(blobId: string): void {
    const state = this.blobs.get(blobId) ?? { blobId, objects: [], invalidatedEvent: null };
    state.invalidatedEvent = this.nextEvent();
    this.blobs.set(blobId, state);
    this.emit({ kind: 'blob', blobId });
  }

  /** Starts the next epoch (or `count` epochs later). */
  advanceEpoch(count = 1): number {
    this.epochValue += count;
    this.emit({ kind: 'epoch', epoch: this.epochValue });
    return this.epochValue;
  }

  /** Announces that the current epoch's change is done (`EpochChangeDone`: the new committee has synced). */
  finishEpochChange(): void {
    this.emit({ kind: 'epoch', epoch: this.epochValue, phase: 'done' });
  }

  /** Gives `shards` to `toNodeId` and starts a new epoch, as a committee change would. */
  moveShards(shards: number[], toNodeId: string): number {
    const target = this.members.find((m) => m.nodeId === toNodeId);
    if (!target) throw new Error(`No committee member ${toNodeId}`);
    for (const member of this.members) member.shards = member.shards.filter((s) => !shards.includes(s));
    target.shards.push(...shards);
    target.shards.sort((a, b) => a - b);
    return this.advanceEpoch();
  }

  private findObject(objectId: string): { state: BlobChainState; object: BlobObjectState } {
    const id = normalizeObjectId(objectId);
    for (const state of this.blobs.values()) {
      const object = state.objects.find((o) => o.objectId === id);
      if (object) return { state, object };
    }
    throw new Error(`No live Blob object ${objectId}`);
  }

  private nextEvent(): ChainEventId {
    this.eventCounter++;
    return { txDigest: toBase58(randomBytes(32)), eventSeq: String(this.eventCounter % 4) };
  }

  private emit(change: ChainChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
