/**
 * What each REST endpoint of a storage node does, independent of HTTP: checks against the chain
 * view and the metadata, storage, confirmations, blob status and recovery symbols. Errors are
 * {@link ApiError}s carrying Walrus's status and reason.
 */
import { toBase58 } from '@mysten/bcs';
import { ApiError, indexOutOfRange, notRegistered, shardNotAssigned } from './api-error.js';
import { type BlobMetadataV1, parseBlobMetadata, parseSliver, serializeSliver } from './bcs-types.js';
import { type BlobStatusJson, blobStatusOf } from './blob-status.js';
import type { BlsKeyPair } from './bls-keys.js';
import { type BlobChainState, type ChainView, type Committee, isRegistered } from './chain-view.js';
import { type BlobPersistence, ConfirmationSigner, type SignedConfirmation } from './confirmations.js';
import { pairForShard, parseBlobId, parseObjectId, type SliverType, shardForPair } from './encoding.js';
import { corruptBytes, type FaultSwitches } from './faults.js';
import { metadataProblem, sliverShapeProblem } from './metadata.js';
import {
  buildRecoverySymbols,
  ExpansionCache,
  type RecoverySymbol,
  type SymbolId,
  symbolIdsForTarget,
} from './recovery-symbols.js';
import type { SliverKey, SliverStore } from './sliver-store.js';
import { SliverVerifier } from './sliver-verifier.js';

/** `StoredOnNodeStatus` as the SDK compares it (case-sensitive, see the report). */
export type StoredOnNodeStatus = 'Nonexistent' | 'Buffered' | 'Stored';

/** Options of {@link NodeService}. */
export interface NodeServiceOptions {
  /** This node's id in the committee. */
  nodeId: string;
  chainView: ChainView;
  store: SliverStore;
  key: BlsKeyPair;
  /** Current fault switches (read on every request). */
  faults: () => FaultSwitches;
  /** How long an upload for a blob not yet registered waits for the registration. @default 1500 */
  registrationWaitMs?: number;
  /** How long metadata of an unregistered blob stays buffered. @default 30000 */
  pendingMetadataTtlMs?: number;
  /** Most buffered metadata entries. @default 1000 */
  pendingMetadataMaxEntries?: number;
  /** Check uploaded slivers against the metadata's hashes. @default true */
  verifySlivers?: boolean;
}

interface PendingMetadata {
  bytes: Uint8Array;
  parsed: BlobMetadataV1;
  at: number;
}

/** The node's request handling; see the module comment. */
export class NodeService {
  private committeeValue: Committee | undefined;
  private shards = new Set<number>();
  private verifier: SliverVerifier | undefined;
  private readonly pending = new Map<string, PendingMetadata>();
  private readonly metadataCache = new Map<string, BlobMetadataV1>();
  private readonly blobWaiters = new Map<string, Set<() => void>>();
  /** Expansions of stored slivers for recovery symbols. */
  readonly expansions = new ExpansionCache();
  private readonly startedAt = Date.now();
  /** Counters shown by `/v1/health` and `stats()`. */
  readonly counters = { metadataStored: 0, sliversStored: 0, sliversRejected: 0, confirmations: 0 };
  /** True while a recovery sweep runs (shown as the node status). */
  recovering = false;
  private readonly signer: ConfirmationSigner;

  constructor(private readonly options: NodeServiceOptions) {
    this.signer = new ConfirmationSigner(options.key);
  }

  /** The committee last read from the chain. */
  get committee(): Committee {
    if (!this.committeeValue) throw new Error('The node has not read the committee yet');
    return this.committeeValue;
  }

  /** Shards this node holds in the current committee. */
  get ownShards(): ReadonlySet<number> {
    return this.shards;
  }

  /** Re-reads the committee (at start and on epoch changes). */
  async refreshCommittee(): Promise<Committee> {
    const committee = await this.options.chainView.getCommittee();
    const me = committee.members.find((m) => m.nodeId === this.options.nodeId);
    this.shards = new Set(me?.shards ?? []);
    if (this.committeeValue?.nShards !== committee.nShards) {
      this.verifier?.close();
      this.verifier = new SliverVerifier({ nShards: committee.nShards });
      this.metadataCache.clear();
    }
    this.committeeValue = committee;
    return committee;
  }

  /** Called for every blob change the chain reports: promotes buffered metadata, wakes waiters. */
  async onBlobChange(blobId: string): Promise<void> {
    const pending = this.pending.get(blobId);
    if (pending) {
      const state = await this.options.chainView.getBlob(blobId);
      if (isRegistered(state, this.committee.epoch) && this.pending.get(blobId) === pending) {
        await this.options.store.putMetadata(blobId, pending.bytes);
        this.metadataCache.set(blobId, pending.parsed);
        this.pending.delete(blobId);
        this.counters.metadataStored++;
        this.prepareConfirmations(blobId, state);
      }
    }
    const waiters = this.blobWaiters.get(blobId);
    if (waiters) for (const wake of [...waiters]) wake();
  }

  /** Drops expired buffered metadata. */
  evictPending(now = Date.now()): void {
    const ttl = this.options.pendingMetadataTtlMs ?? 30_000;
    for (const [blobId, entry] of this.pending) if (now - entry.at >= ttl) this.pending.delete(blobId);
  }

  /** Forgets cached state of a blob (after GC). */
  forgetBlob(blobId: string): void {
    this.metadataCache.delete(blobId);
    this.pending.delete(blobId);
    this.expansions.forget(blobId);
  }

  /** Forgets every cached blob (after a wipe). */
  forgetAll(): void {
    this.metadataCache.clear();
    this.pending.clear();
    this.expansions.clear();
  }

  /** Rejects pending sliver checks (on stop). */
  close(): void {
    this.verifier?.close();
    this.verifier = undefined;
    this.committeeValue = undefined;
    for (const waiters of this.blobWaiters.values()) for (const wake of [...waiters]) wake();
  }

  private async blobState(blobId: string): Promise<BlobChainState | undefined> {
    return this.options.chainView.getBlob(blobId);
  }

  /** Waits until the blob is registered or `timeoutMs` passed; returns the last state seen. */
  private async waitForRegistration(blobId: string, timeoutMs: number): Promise<BlobChainState | undefined> {
    let state = await this.blobState(blobId);
    if (isRegistered(state, this.committee.epoch) || timeoutMs <= 0) return state;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.committeeValue) {
      await new Promise<void>((resolve) => {
        const waiters = this.blobWaiters.get(blobId) ?? new Set();
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          if (waiters.size === 0) this.blobWaiters.delete(blobId);
          resolve();
        };
        const timer = setTimeout(done, Math.min(250, Math.max(1, deadline - Date.now())));
        waiters.add(done);
        this.blobWaiters.set(blobId, waiters);
      });
      if (!this.committeeValue) break;
      state = await this.blobState(blobId);
      if (isRegistered(state, this.committee.epoch)) return state;
    }
    return state;
  }

  private refuseWritesIfAsked(): void {
    if (this.options.faults().refuseWrites) {
      throw new ApiError(
        'UNAVAILABLE',
        'UNAVAILABLE',
        'the service is currently unavailable (writes refused)',
      );
    }
  }

  /** The stored metadata, parsed (cached). */
  async metadata(blobId: string): Promise<BlobMetadataV1 | undefined> {
    const cached = this.metadataCache.get(blobId);
    if (cached) return cached;
    const bytes = await this.options.store.getMetadata(blobId);
    if (!bytes) return undefined;
    const parsed = parseBlobMetadata(bytes);
    this.metadataCache.set(blobId, parsed);
    if (this.metadataCache.size > 256) this.metadataCache.delete(this.metadataCache.keys().next().value!);
    return parsed;
  }

  /** `GET /v1/blobs/{id}/metadata/status`. */
  async metadataStatus(blobId: string): Promise<StoredOnNodeStatus> {
    if (await this.options.store.hasMetadata(blobId)) return 'Stored';
    this.evictPending();
    return this.pending.has(blobId) ? 'Buffered' : 'Nonexistent';
  }

  /** `PUT /v1/blobs/{id}/metadata`: verifies, then stores (201) or finds it stored (200). */
  async putMetadata(
    blobId: string,
    blobIdBytes: Uint8Array,
    body: Uint8Array,
  ): Promise<{ code: number; message: string }> {
    this.refuseWritesIfAsked();
    const parsed: BlobMetadataV1 = parseBody(body, parseBlobMetadata, 'INVALID_METADATA', 'BlobMetadata');
    if (parsed.encodingType !== 'RS2') {
      throw new ApiError(
        'INVALID_ARGUMENT',
        'UNSUPPORTED_ENCODING_TYPE',
        `unsupported encoding type ${parsed.encodingType}, supported types are: [RS2]`,
      );
    }
    const problem = metadataProblem(blobIdBytes, parsed, this.committee.nShards);
    if (problem)
      throw new ApiError(
        'INVALID_ARGUMENT',
        'INVALID_METADATA',
        `the provided metadata failed to verify: ${problem}`,
      );
    let state = await this.blobState(blobId);
    if (state?.invalidatedEvent) {
      throw new ApiError('FAILED_PRECONDITION', 'INVALID_BLOB', 'the blob for this metadata is invalid');
    }
    if (await this.options.store.hasMetadata(blobId))
      return { code: 200, message: 'metadata already stored' };
    if (!isRegistered(state, this.committee.epoch)) {
      this.evictPending();
      if (
        !this.pending.has(blobId) &&
        this.pending.size >= (this.options.pendingMetadataMaxEntries ?? 1000)
      ) {
        throw new ApiError(
          'FAILED_PRECONDITION',
          'CACHE_SATURATED',
          'pending upload cache is saturated; retry once the node catches up',
        );
      }
      this.pending.set(blobId, { bytes: body, parsed, at: Date.now() });
      state = await this.waitForRegistration(blobId, this.options.registrationWaitMs ?? 1500);
      if (!isRegistered(state, this.committee.epoch)) throw notRegistered();
      if (await this.options.store.hasMetadata(blobId)) {
        this.pending.delete(blobId);
        return { code: 201, message: 'metadata successfully stored' };
      }
    }
    await this.options.store.putMetadata(blobId, body);
    this.pending.delete(blobId);
    this.metadataCache.set(blobId, parsed);
    this.counters.metadataStored++;
    this.prepareConfirmations(blobId, state);
    return { code: 201, message: 'metadata successfully stored' };
  }

  /** `GET /v1/blobs/{id}/metadata`: BCS `BlobMetadataWithId`. */
  async getMetadata(blobId: string, blobIdBytes: Uint8Array): Promise<Uint8Array> {
    const bytes = await this.options.store.getMetadata(blobId);
    if (!bytes)
      throw new ApiError('NOT_FOUND', 'METADATA_NOT_FOUND', 'the requested metadata is unavailable');
    const withId = new Uint8Array(32 + bytes.length);
    withId.set(blobIdBytes, 0);
    withId.set(bytes, 32);
    return withId;
  }

  private checkPair(pairIndex: number): void {
    const n = this.committee.nShards;
    if (!Number.isInteger(pairIndex) || pairIndex < 0 || pairIndex >= n) throw indexOutOfRange(pairIndex, n);
  }

  /** The pairs this node holds for a blob in the current committee. */
  ownPairs(blobIdBytes: Uint8Array): number[] {
    const n = this.committee.nShards;
    return [...this.shards].map((shard) => pairForShard(shard, blobIdBytes, n)).sort((a, b) => a - b);
  }

  /** The slivers of its own pairs this node lacks for a blob. */
  async missingSlivers(blobId: string, blobIdBytes: Uint8Array): Promise<SliverKey[]> {
    const stored = new Set(
      (await this.options.store.listSlivers(blobId)).map((k) => `${k.type}:${k.pairIndex}`),
    );
    const missing: SliverKey[] = [];
    for (const pairIndex of this.ownPairs(blobIdBytes)) {
      for (const type of ['primary', 'secondary'] as const) {
        if (!stored.has(`${type}:${pairIndex}`)) missing.push({ pairIndex, type });
      }
    }
    return missing;
  }

  /** `PUT /v1/blobs/{id}/slivers/{pair}/{type}`. */
  async putSliver(
    blobId: string,
    blobIdBytes: Uint8Array,
    pairIndex: number,
    type: SliverType,
    body: Uint8Array,
  ): Promise<void> {
    this.refuseWritesIfAsked();
    this.checkPair(pairIndex);
    const { nShards, epoch } = this.committee;
    const shard = shardForPair(pairIndex, blobIdBytes, nShards);
    if (!this.shards.has(shard)) throw shardNotAssigned(shard, epoch);
    const sliver = parseBody(body, parseSliver, 'INVALID_SLIVER', 'SliverData');
    let state = await this.blobState(blobId);
    if (!isRegistered(state, epoch)) {
      if (!this.pending.has(blobId) && !(await this.options.store.hasMetadata(blobId))) {
        throw notRegistered();
      }
      state = await this.waitForRegistration(blobId, this.options.registrationWaitMs ?? 1500);
      if (!isRegistered(state, this.committee.epoch)) throw notRegistered();
    }
    const metadata = await this.metadata(blobId);
    if (!metadata) {
      throw new ApiError(
        'FAILED_PRECONDITION',
        'METADATA_NOT_FOUND',
        'blob metadata is required but missing',
      );
    }
    const key = { pairIndex, type };
    if (await this.options.store.hasSliver(blobId, key)) return;
    const shape = sliverShapeProblem(metadata, nShards, type, pairIndex, sliver);
    if (shape) {
      this.counters.sliversRejected++;
      throw new ApiError('INVALID_ARGUMENT', 'INVALID_SLIVER', `the provided sliver is invalid: ${shape}`);
    }
    if (this.options.verifySlivers !== false) {
      const verifier = this.verifier;
      if (!verifier) throw new ApiError('UNAVAILABLE', 'UNAVAILABLE', 'the storage node is stopping');
      const ok = await verifier.verify(metadata, type, pairIndex, sliver);
      if (!ok) {
        this.counters.sliversRejected++;
        throw new ApiError(
          'INVALID_ARGUMENT',
          'INVALID_SLIVER',
          'the provided sliver is invalid: its hash does not match the metadata',
        );
      }
    }
    await this.storeVerifiedSliver(blobId, key, body);
  }

  /** Stores a sliver already checked against the metadata (uploads and recovery). */
  async storeVerifiedSliver(blobId: string, key: SliverKey, bytes: Uint8Array): Promise<void> {
    await this.options.store.putSliver(blobId, key, bytes);
    this.expansions.forget(blobId);
    this.counters.sliversStored++;
  }

  /** `GET /v1/blobs/{id}/slivers/{pair}/{type}`: BCS `SliverData`. */
  async getSliver(
    blobId: string,
    blobIdBytes: Uint8Array,
    pairIndex: number,
    type: SliverType,
  ): Promise<Uint8Array> {
    this.checkPair(pairIndex);
    const bytes = await this.options.store.getSliver(blobId, { pairIndex, type });
    if (!bytes) {
      const shard = shardForPair(pairIndex, blobIdBytes, this.committee.nShards);
      if (!this.shards.has(shard)) throw shardNotAssigned(shard, this.committee.epoch);
      throw new ApiError('NOT_FOUND', 'SLIVER_NOT_FOUND', 'the requested sliver is unavailable');
    }
    if (!this.options.faults().corruptSlivers) return bytes;
    const sliver = parseSliver(bytes);
    return serializeSliver({ ...sliver, data: corruptBytes(sliver.data) });
  }

  /** `GET /v1/blobs/{id}/slivers/{pair}/{type}/status`. */
  async sliverStatus(blobId: string, pairIndex: number, type: SliverType): Promise<StoredOnNodeStatus> {
    this.checkPair(pairIndex);
    return (await this.options.store.hasSliver(blobId, { pairIndex, type })) ? 'Stored' : 'Nonexistent';
  }

  /**
   * Starts signing the confirmations the SDK will ask for once the slivers are in: one per live `Blob` object of
   * the blob in this epoch (see {@link ConfirmationSigner}; nothing is handed out before {@link confirmation}'s
   * checks pass).
   */
  private prepareConfirmations(blobId: string, state: BlobChainState | undefined): void {
    const blobIdBytes = parseBlobId(blobId);
    const { epoch } = this.committee;
    if (!blobIdBytes || !state || !isRegistered(state, epoch)) return;
    let permanent = false;
    for (const object of state.objects) {
      if (object.endEpoch <= epoch) continue;
      const objectId = object.deletable ? parseObjectId(object.objectId) : undefined;
      if (objectId) this.signer.prepare(epoch, blobIdBytes, { kind: 'deletable', objectId });
      else if (!object.deletable && !permanent) {
        permanent = true;
        this.signer.prepare(epoch, blobIdBytes, { kind: 'permanent' });
      }
    }
  }

  /** `GET /v1/blobs/{id}/confirmation/...`: signs once every own sliver is stored. */
  async confirmation(
    blobId: string,
    blobIdBytes: Uint8Array,
    persistence: BlobPersistence,
  ): Promise<SignedConfirmation> {
    const { epoch } = this.committee;
    const state = await this.blobState(blobId);
    const active = isRegistered(state, epoch) ? state!.objects.filter((o) => o.endEpoch > epoch) : [];
    const fits =
      persistence.kind === 'permanent'
        ? active.some((o) => !o.deletable)
        : active.some(
            (o) => o.deletable && o.objectId === `0x${Buffer.from(persistence.objectId).toString('hex')}`,
          );
    if (!fits) throw notRegistered();
    if (
      !(await this.options.store.hasMetadata(blobId)) ||
      (await this.missingSlivers(blobId, blobIdBytes)).length > 0
    ) {
      throw new ApiError('FAILED_PRECONDITION', 'MISSING_SLIVERS', 'the required slivers are not all stored');
    }
    this.counters.confirmations++;
    return this.signer.sign(epoch, blobIdBytes, persistence);
  }

  /** `GET /v1/blobs/{id}/status`. */
  async blobStatus(blobId: string): Promise<BlobStatusJson> {
    return blobStatusOf(await this.blobState(blobId), this.committee.epoch);
  }

  /** `GET /v1/blobs/{id}/recoverySymbols[/{symbolId}]`. */
  async recoverySymbols(
    blobId: string,
    request: { ids: SymbolId[]; proofAxis?: SliverType } | { targetType: SliverType; targetIndex: number },
  ): Promise<RecoverySymbol[]> {
    const n = this.committee.nShards;
    if (!(await this.options.store.hasMetadata(blobId))) {
      throw new ApiError('NOT_FOUND', 'METADATA_NOT_FOUND', 'the requested metadata is unavailable');
    }
    const { ids, proofAxis } =
      'ids' in request
        ? request
        : await symbolIdsForTarget(this.options.store, n, blobId, request.targetType, request.targetIndex);
    const symbols = await buildRecoverySymbols(
      this.expansions,
      this.options.store,
      n,
      blobId,
      ids,
      proofAxis,
    );
    if (!this.options.faults().corruptSlivers) return symbols;
    return symbols.map((s) => ({ ...s, data: corruptBytes(s.data) }));
  }

  /** `GET /v1/health`: `ServiceHealthInfo`. */
  health(detailed: boolean): object {
    const uptimeMs = Date.now() - this.startedAt;
    const owned = [...this.shards].sort((a, b) => a - b);
    const ready = this.recovering ? 0 : owned.length;
    return {
      uptime: { secs: Math.floor(uptimeMs / 1000), nanos: (uptimeMs % 1000) * 1_000_000 },
      epoch: this.committee.epoch,
      publicKey: toBase58(this.options.key.publicKey),
      nodeStatus: this.recovering ? 'RecoveryInProgress' : 'Active',
      eventProgress: { persisted: 0, pending: 0, highestFinishedEventIndex: null },
      shardSummary: {
        owned: owned.length,
        ownedShardStatus: { unknown: 0, ready, inTransfer: 0, inRecovery: owned.length - ready },
        readOnly: 0,
      },
      ...(detailed
        ? {
            shardDetail: {
              owned: owned.map((shard) => ({ shard, status: this.recovering ? 'inRecovery' : 'ready' })),
              other: [],
            },
          }
        : {}),
    };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `parse(body)`; a body it refuses is an INVALID_ARGUMENT error `reason` saying it is not BCS `what`. */
function parseBody<T>(body: Uint8Array, parse: (body: Uint8Array) => T, reason: string, what: string): T {
  try {
    return parse(body);
  } catch (error) {
    throw new ApiError('INVALID_ARGUMENT', reason, `the body is not BCS ${what}: ${message(error)}`);
  }
}
