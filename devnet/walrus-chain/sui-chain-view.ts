import type { GrpcTypes, SuiGrpcClient } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { blobIdFromInt, WalrusClient } from '@mysten/walrus';
import { contractLayouts, type WalrusAddresses } from '../contract-runtime/contract-layouts.js';
import type { ChallengeRoundValue } from '../contract-runtime/generated/move-types.js';
import type {
  BlobChainState,
  ChainChange,
  ChainEventId,
  ChainView,
  ChallengeRoundInfo,
  Committee,
  CommitteeMember,
} from '../storage-node/chain-view.js';
import { BlobUndoLog } from './blob-undo-log.js';
import { challengeFieldId } from './challenge-round.js';

/**
 * What the view reads of a checkpoint: its place in the chain and its transactions' events. Asking for no more
 * spares the server rendering every transaction and its effects (most of a resumed devnet's boot scan).
 */
const CHECKPOINT_MASK = {
  paths: ['sequence_number', 'digest', 'summary', 'transactions.digest', 'transactions.events'],
};

/**
 * How many of the newest checkpoints a revert can undo in place (their digests and blob changes are kept). A revert
 * to an older checkpoint rebuilds the view from genesis, as a resumed devnet's boot does; keeping a window instead of
 * the whole history bounds the view's memory (an idle ledger makes a checkpoint every second).
 */
export const UNDO_WINDOW = 4096;

/** Options of {@link SuiChainView.open}. */
export interface SuiChainViewOptions {
  /** Checkpoints a revert can undo in place. @default {@link UNDO_WINDOW} */
  undoWindow?: number;
  /** A client of the Sui network (the devnet's RPC, or any full node). */
  client: SuiGrpcClient;
  addresses: WalrusAddresses;
  systemObjectId: string;
  stakingObjectId: string;
}

interface BlobEventFields {
  epoch: number;
  blob_id: bigint;
  object_id: { bytes: string };
  end_epoch: number;
  deletable: boolean;
  size?: bigint;
  is_extension?: boolean;
}

/**
 * The chain as a storage node sees it, read only through the public Sui API: Walrus state through the
 * unmodified `WalrusClient` and object reads, blob lifecycle from Walrus events in checkpoints (history by
 * `GetCheckpoint`, then live by `SubscribeCheckpoints`). Never touches ledger internals.
 */
export class SuiChainView implements ChainView {
  readonly #client: SuiGrpcClient;
  readonly #walrus: WalrusClient;
  readonly #options: SuiChainViewOptions;
  readonly #blobs = new Map<string, BlobChainState>();
  readonly #listeners = new Set<(change: ChainChange) => void>();
  readonly #abort = new AbortController();
  #committee: Committee | undefined;
  #cursor = -1n;
  /** Digest of each applied checkpoint, to notice a reverted chain and find where it forked. */
  readonly #digests = new Map<bigint, string>();
  /** What each checkpoint changed, to undo the ones a revert dropped. */
  readonly #undo = new BlobUndoLog();
  /** Callers of {@link whenApplied}, woken after each applied checkpoint. */
  readonly #waiters = new Set<() => void>();
  /** Set once the history is read: from then on the stream only brings new checkpoints. */
  #live = false;
  /** While set (a rebuild from genesis), applied changes are not told to the listeners one by one. */
  #quiet = false;
  readonly #undoWindow: bigint;
  #eventPrefix: string;

  private constructor(options: SuiChainViewOptions) {
    this.#options = options;
    this.#client = options.client;
    this.#undoWindow = BigInt(Math.max(1, options.undoWindow ?? UNDO_WINDOW));
    this.#walrus = new WalrusClient({
      suiClient: options.client,
      packageConfig: { systemObjectId: options.systemObjectId, stakingPoolId: options.stakingObjectId },
      storageNodeUrlScheme: 'http',
    });
    this.#eventPrefix = `${normalizeSuiAddress(options.addresses.walrus)}::events::`;
  }

  /** Reads the committee and the blob history, then follows new checkpoints. */
  static async open(options: SuiChainViewOptions): Promise<SuiChainView> {
    const view = new SuiChainView(options);
    await view.#start();
    return view;
  }

  /** Stops following the chain. */
  close(): void {
    this.#abort.abort();
    this.#listeners.clear();
  }

  async getCommittee(): Promise<Committee> {
    this.#committee ??= await this.#readCommittee();
    return this.#committee;
  }

  async getBlob(blobId: string): Promise<BlobChainState | undefined> {
    return this.#blobs.get(blobId);
  }

  async listBlobs(): Promise<BlobChainState[]> {
    return [...this.#blobs.values()];
  }

  subscribe(listener: (change: ChainChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The last storage-challenge round: the System's `ChallengeKey` field (a devnet extension). */
  async getChallengeRound(): Promise<ChallengeRoundInfo | undefined> {
    const walrus = normalizeSuiAddress(this.#options.addresses.walrus);
    const keyType = `${walrus}::challenge::ChallengeKey`;
    const fieldId = challengeFieldId({
      addresses: this.#options.addresses,
      systemObjectId: this.#options.systemObjectId,
    });
    const { objects } = await this.#client.core.getObjects({
      objectIds: [fieldId],
      include: { content: true },
    });
    const object = objects[0];
    if (!object || object instanceof Error || !object.content) return undefined;
    const type = `0x2::dynamic_field::Field<${keyType}, ${walrus}::challenge::ChallengeState>`;
    const field = contractLayouts(this.#options.addresses).decode(type, object.content) as {
      value: { last: { vec: ChallengeRoundValue[] } };
    };
    const last = field.value.last.vec[0];
    if (!last) return undefined;
    return {
      round: last.round,
      epoch: last.epoch,
      seed: Uint8Array.from(last.seed),
      deadlineMs: last.deadline_ms,
      sampleSize: last.sample_size,
      nodes: last.nodes.map((n) => normalizeSuiAddress(n.bytes)),
      passed: last.passed.map((n) => normalizeSuiAddress(n.bytes)),
      resolved: last.resolved,
    };
  }

  /** The last checkpoint applied. */
  get cursor(): bigint {
    return this.#cursor;
  }

  /** How many checkpoints' digests the view holds (at most the undo window). */
  get retainedCheckpoints(): number {
    return this.#digests.size;
  }

  /**
   * Resolves once the checkpoint `sequence` with `digest` is applied and the listeners were told (so after a
   * revert, once the view follows the reverted chain). `signal` gives up waiting.
   */
  whenApplied(sequence: bigint, digest: string, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.#digests.get(sequence) !== digest) return;
        this.#waiters.delete(check);
        resolve();
      };
      signal?.addEventListener('abort', () => {
        this.#waiters.delete(check);
        reject(signal.reason);
      });
      this.#waiters.add(check);
      check();
    });
  }

  async #start(): Promise<void> {
    // Subscribe first and buffer, so nothing between the history scan and the stream is missed.
    const buffered: GrpcTypes.Checkpoint[] = [];
    const stream = this.#client.subscriptionService.subscribeCheckpoints(
      { readMask: CHECKPOINT_MASK },
      { abort: this.#abort.signal },
    );
    const following = (async () => {
      for await (const message of stream.responses) {
        if (!message.checkpoint) continue;
        if (this.#live) await this.#follow(message.checkpoint);
        else buffered.push(message.checkpoint);
      }
    })().catch(() => {
      // Ends on close() (abort) or when the network goes away.
    });
    void following;
    await this.#scanTo(undefined);
    for (const checkpoint of buffered) await this.#follow(checkpoint);
    this.#live = true;
    this.#committee = await this.#readCommittee();
  }

  /** Applies every checkpoint after the cursor up to `height` (default: the chain's current height). */
  async #scanTo(height: bigint | undefined): Promise<void> {
    const last =
      height ?? (await this.#client.ledgerService.getServiceInfo({})).response.checkpointHeight ?? 0n;
    for (let sequence = this.#cursor + 1n; sequence <= last; sequence++) {
      const checkpoint = await this.#checkpointAt(sequence);
      if (checkpoint) await this.#apply(checkpoint);
    }
  }

  async #checkpointAt(sequence: bigint): Promise<GrpcTypes.Checkpoint | undefined> {
    // A height the (reverted) chain does not have yet is an error: no checkpoint.
    const call = this.#client.ledgerService.getCheckpoint({
      checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: sequence },
      readMask: CHECKPOINT_MASK,
    });
    return call.response.then(
      (response) => response.checkpoint,
      () => undefined,
    );
  }

  /**
   * Takes a checkpoint from the stream (or the buffer of the start): skips one already applied, rewinds first if
   * it shows the chain was reverted under the view, fills a gap, then applies it.
   */
  async #follow(checkpoint: GrpcTypes.Checkpoint): Promise<void> {
    const sequence = checkpoint.sequenceNumber ?? 0n;
    const seen = this.#digests.get(sequence);
    // Before the view is live the buffer repeats checkpoints of the history scan; once live, the stream brings
    // only new ones, so an old height means the chain was cut back there (a revert), whatever the digest.
    if (!this.#live && seen === checkpoint.digest) return;
    const previous = checkpoint.summary?.previousDigest;
    const forked =
      sequence <= this.#cursor ||
      (sequence === this.#cursor + 1n &&
        previous !== undefined &&
        this.#digests.has(sequence - 1n) &&
        this.#digests.get(sequence - 1n) !== previous);
    if (forked) {
      const forkPoint = await this.#forkPoint(sequence, previous);
      if (forkPoint === undefined) await this.#rebuild();
      else await this.#rewind(forkPoint);
    }
    if (sequence > this.#cursor + 1n) await this.#scanTo(sequence - 1n);
    await this.#apply(checkpoint);
  }

  /**
   * The newest checkpoint before `sequence` that the reverted chain shares with the view (-1: none, not even
   * genesis); `undefined` when the fork is older than the undo window, so the view must be rebuilt.
   */
  async #forkPoint(sequence: bigint, previousDigest: string | undefined): Promise<bigint | undefined> {
    let at = sequence - 1n;
    if (previousDigest !== undefined && this.#digests.get(at) === previousDigest) return at;
    const oldestKept = this.#cursor - this.#undoWindow + 1n;
    for (at = at > this.#cursor ? this.#cursor : at; at >= 0n && at >= oldestKept; at--) {
      const checkpoint = await this.#checkpointAt(at);
      if (checkpoint && this.#digests.get(at) === checkpoint.digest) return at;
    }
    return oldestKept > 0n ? undefined : -1n;
  }

  /**
   * Reads the reverted chain again from genesis (its fork from the view is older than the undo window), then tells
   * the listeners once: every blob id the view held before or holds now, and the epoch.
   */
  async #rebuild(): Promise<void> {
    const blobIds = new Set(this.#blobs.keys());
    this.#blobs.clear();
    this.#digests.clear();
    this.#undo.clear();
    this.#cursor = -1n;
    this.#walrus.reset();
    this.#quiet = true;
    try {
      await this.#scanTo(undefined);
    } finally {
      this.#quiet = false;
    }
    for (const blobId of this.#blobs.keys()) blobIds.add(blobId);
    this.#committee = await this.#readCommittee();
    const changes: ChainChange[] = [...blobIds].map((blobId) => ({ kind: 'blob', blobId }));
    changes.push({ kind: 'epoch', epoch: this.#committee.epoch });
    for (const change of changes) for (const listener of this.#listeners) listener(change);
  }

  /**
   * Undoes what the checkpoints after `forkPoint` changed (the chain no longer has them), then tells the listeners:
   * each blob id whose state changed, and the epoch if an epoch change was undone. Everything at or before the fork
   * point is kept as it is.
   */
  async #rewind(forkPoint: bigint): Promise<void> {
    const { blobIds, epochChanged } = this.#undo.undo(this.#blobs, this.#cursor, forkPoint);
    for (let sequence = this.#cursor; sequence > forkPoint; sequence--) this.#digests.delete(sequence);
    this.#cursor = forkPoint;
    this.#walrus.reset();
    const changes: ChainChange[] = [...blobIds].map((blobId) => ({ kind: 'blob', blobId }));
    if (epochChanged) {
      this.#committee = await this.#readCommittee();
      changes.push({ kind: 'epoch', epoch: this.#committee.epoch });
    }
    for (const change of changes) for (const listener of this.#listeners) listener(change);
  }

  async #apply(checkpoint: GrpcTypes.Checkpoint): Promise<void> {
    const sequence = checkpoint.sequenceNumber ?? 0n;
    this.#cursor = sequence;
    this.#digests.set(sequence, checkpoint.digest ?? '');
    this.#digests.delete(sequence - this.#undoWindow);
    this.#undo.forget(sequence - this.#undoWindow);
    const changes: ChainChange[] = [];
    for (const tx of checkpoint.transactions) {
      const events = tx.events?.events ?? [];
      events.forEach((event, index) => {
        const type = event.eventType ?? '';
        if (!type.startsWith(this.#eventPrefix) || !event.contents?.value) return;
        const id: ChainEventId = { txDigest: tx.digest ?? '', eventSeq: String(index) };
        const change = this.#applyEvent(
          sequence,
          type.slice(this.#eventPrefix.length),
          type,
          event.contents.value,
          id,
        );
        if (change) changes.push(change);
      });
    }
    for (const change of changes) {
      if (this.#quiet) continue;
      if (change.kind === 'epoch') {
        this.#walrus.reset();
        this.#committee = await this.#readCommittee();
      }
      for (const listener of this.#listeners) listener(change);
    }
    for (const wake of [...this.#waiters]) wake();
  }

  #applyEvent(
    sequence: bigint,
    name: string,
    type: string,
    bytes: Uint8Array,
    id: ChainEventId,
  ): ChainChange | undefined {
    const layouts = contractLayouts(this.#options.addresses);
    const blobState = (blobIdInt: bigint) => this.#blobState(sequence, blobIdInt);
    switch (name) {
      case 'EpochChangeStart':
      case 'EpochChangeDone': {
        this.#undo.markEpoch(sequence);
        const { epoch } = layouts.decode(type, bytes) as { epoch: number };
        return { kind: 'epoch', epoch, phase: name === 'EpochChangeDone' ? 'done' : 'start' };
      }
      case 'BlobRegistered': {
        const e = layouts.decode(type, bytes) as BlobEventFields;
        const state = blobState(e.blob_id);
        state.objects.push({
          objectId: normalizeSuiAddress(e.object_id.bytes),
          deletable: e.deletable,
          size: e.size ?? 0n,
          registeredEpoch: e.epoch,
          endEpoch: e.end_epoch,
          certifiedEpoch: null,
          registeredEvent: id,
          certifiedEvent: null,
        });
        return { kind: 'blob', blobId: state.blobId };
      }
      case 'BlobCertified': {
        const e = layouts.decode(type, bytes) as BlobEventFields;
        const state = blobState(e.blob_id);
        const object = state.objects.find((o) => o.objectId === normalizeSuiAddress(e.object_id.bytes));
        if (object) {
          object.endEpoch = e.end_epoch;
          if (object.certifiedEpoch === null) {
            object.certifiedEpoch = e.epoch;
            object.certifiedEvent = id;
          }
        }
        return { kind: 'blob', blobId: state.blobId };
      }
      case 'BlobDeleted': {
        const e = layouts.decode(type, bytes) as BlobEventFields;
        const state = blobState(e.blob_id);
        state.objects = state.objects.filter((o) => o.objectId !== normalizeSuiAddress(e.object_id.bytes));
        return { kind: 'blob', blobId: state.blobId };
      }
      case 'InvalidBlobID': {
        const e = layouts.decode(type, bytes) as { blob_id: bigint };
        const state = blobState(e.blob_id);
        state.invalidatedEvent = id;
        return { kind: 'blob', blobId: state.blobId };
      }
      default:
        return undefined;
    }
  }

  /** The mutable state of a blob id that checkpoint `sequence` changes (its prior state goes to the undo log). */
  #blobState(sequence: bigint, blobIdInt: bigint): BlobChainState {
    const blobId = blobIdFromInt(blobIdInt);
    let state = this.#blobs.get(blobId);
    this.#undo.touch(sequence, blobId, state);
    if (!state) {
      state = { blobId, objects: [], invalidatedEvent: null };
      this.#blobs.set(blobId, state);
    }
    return state;
  }

  /** The committee in on-chain order, with keys, shards and REST addresses of its members. */
  async #readCommittee(): Promise<Committee> {
    const [system, staking] = await Promise.all([this.#walrus.systemState(), this.#walrus.stakingState()]);
    const shardsByNode = new Map<string, number[]>();
    for (const entry of staking.committee[0].contents)
      shardsByNode.set(normalizeSuiAddress(entry.key), entry.value);
    const nodeIds = system.committee.members.map((m) => normalizeSuiAddress(m.node_id));
    const addresses = await this.#networkAddresses(nodeIds);
    const members: CommitteeMember[] = system.committee.members.map((member, i) => ({
      nodeId: nodeIds[i]!,
      publicKey: Uint8Array.from(member.public_key.bytes),
      shards: shardsByNode.get(nodeIds[i]!) ?? [],
      networkAddress: addresses.get(nodeIds[i]!) ?? '',
    }));
    return { epoch: system.committee.epoch, nShards: system.committee.n_shards, members };
  }

  /** `node_info.network_address` of each node's staking pool object (object id = node id). */
  async #networkAddresses(nodeIds: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (nodeIds.length === 0) return result;
    const layouts = contractLayouts(this.#options.addresses);
    const poolType = `${normalizeSuiAddress(this.#options.addresses.walrus)}::staking_pool::StakingPool`;
    const { objects } = await this.#client.core.getObjects({
      objectIds: nodeIds,
      include: { content: true },
    });
    objects.forEach((object, i) => {
      if (object instanceof Error || !object.content) return;
      const pool = layouts.decode(poolType, object.content) as {
        node_info: { network_address: { bytes: Uint8Array } };
      };
      result.set(nodeIds[i]!, new TextDecoder().decode(pool.node_info.network_address.bytes));
    });
    return result;
  }
}
