/**
 * One Walrus storage node: a real HTTP server on loopback speaking the storage-node REST API, with
 * its own BLS key and data directory, following the chain through a {@link ChainView}. It garbage
 * collects deleted, invalid and expired blobs, and heals itself: whatever slivers of its shards it
 * lacks (after a wipe, a restart with a partial directory, a shard move or a missed upload) it
 * recovers from its peers' recovery symbols.
 *
 * Lifecycle: the devnet's one {@link Lifecycle} (prool's shape), `idle → starting → started → stopping →
 * stopped`, `start()` again from `stopped`; concurrent starts (and stops) share one.
 */
import { createServer, type Server } from 'node:http';
import type { Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { listen } from '../../src/util/listen.js';
import type { InstanceStatus } from '../instance.js';
import { BlsKeyPair } from './bls-keys.js';
import { type ChainChange, type ChainView, isCertified, isRegistered } from './chain-view.js';
import { ChallengeService } from './challenge-service.js';
import { applyCors } from './cors.js';
import { parseBlobId } from './encoding.js';
import { type FaultSwitches, mergeFaults, NO_FAULTS } from './faults.js';
import { FileSliverStore } from './file-sliver-store.js';
import { collectGarbage, type GcReport } from './gc.js';
import { type ApiLimits, handleRequest } from './http-api.js';
import { NodeInstance } from './node-instance.js';
import { NodeService } from './node-service.js';
import { PeerClient } from './peer-client.js';
import { RateLimiter } from './rate-limiter.js';
import { recoverBlob } from './recovery.js';
import { RecoveryQueue, type RecoveryReport } from './recovery-queue.js';
import { RetiredBlobs } from './retired-blobs.js';
import type { SliverKey, SliverStore } from './sliver-store.js';

/** Where a node is in its lifecycle. */
export type StorageNodeStatus = InstanceStatus;

/** Options of {@link StorageNode}. */
export interface StorageNodeOptions {
  /** The node's id in the committee (`0x` + 64 hex digits). */
  nodeId: string;
  /** The chain as the node sees it. */
  chainView: ChainView;
  /** The node's own directory (store, BLS key). Created if missing. */
  dataDir: string;
  /** A name for logs and errors. @default the first characters of `nodeId` */
  name?: string;
  /** The BLS secret key (32 bytes). @default loaded from, or created in, `<dataDir>/bls.key` */
  blsSecretKey?: Uint8Array;
  /** Interface to listen on; only loopback is allowed. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one, which is then kept across restarts. @default 0 */
  port?: number;
  /**
   * A server the caller already bound on loopback (e.g. to port 0, to register the port it got on chain before the
   * node starts): the first start serves on its socket instead of binding `port`, so the port is never let go.
   */
  listenOn?: NetServer;
  /** Sync every store write to disk. @default false */
  fsync?: boolean;
  /** Body and list size limits. */
  limits?: ApiLimits;
  /** Request rate limit (token bucket); `false` for none. @default { perSecond: 5000, burst: 10000 } */
  rateLimit?: { perSecond: number; burst: number } | false;
  /** How long an upload for a not-yet-registered blob waits for the registration. @default 1500 */
  registrationWaitMs?: number;
  /** Check uploaded slivers against the metadata. @default true */
  verifySlivers?: boolean;
  /** Recover missing slivers automatically (start, wipe, certification, epoch change). @default true */
  selfHeal?: boolean;
  /** Delay before recovering a blob that was certified while slivers were missing. @default 1000 */
  healDelayMs?: number;
  /** Delay before retrying a failed recovery. @default 2000 */
  recoveryRetryMs?: number;
  /** Fault switches to start with. */
  faults?: Partial<FaultSwitches>;
  /** Log sink (one line per call). @default no logging */
  log?: (line: string) => void;
  /**
   * While this returns true (a devnet with snapshots to revert to), blobs garbage-collected as deleted or expired
   * are kept aside in memory and stored again if the chain is reverted to where they are live, until
   * {@link StorageNode.forgetRetired}. @default never
   */
  retainDropped?: () => boolean;
}

/** Counts describing what a node stores. */
export interface StorageNodeStats {
  blobs: number;
  slivers: number;
  diskBytes: number;
  metadataStored: number;
  sliversStored: number;
  sliversRejected: number;
  confirmations: number;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

/**
 * How long a node keeps an idle HTTP connection open. The SDK's fetch (undici) reuses a connection for the
 * advertised `Keep-Alive: timeout` minus 1 s; with 5 s, nodes sharing a busy event loop closed sockets the client had
 * just sent a request on, and every upload of a 1000-shard blob (~180 sliver PUTs per node at once) failed with
 * ECONNRESET. Walrus's own nodes (hyper) keep idle connections open; stopping a node closes them all.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 60_000;

/** A storage node; see the module comment. */
export class StorageNode extends NodeInstance<StorageNodeOptions> {
  private server: Server | undefined;
  private store: SliverStore | undefined;
  private serviceValue: NodeService | undefined;
  private queue: RecoveryQueue | undefined;
  private unsubscribe: (() => void) | undefined;
  private keyValue: BlsKeyPair | undefined;
  private faultState: FaultSwitches;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly peers = new PeerClient();
  /** Chain changes are handled one after the other, in order. */
  private changes: Promise<void> = Promise.resolve();
  /** Heal requests waiting for their delay, with the function that settles each. */
  private readonly pendingHeals = new Map<Promise<void>, () => void>();
  /** Blobs dropped while the chain may still be reverted to where they are live. */
  private readonly retired = new RetiredBlobs();
  private readonly log: (line: string) => void;

  constructor(options: StorageNodeOptions) {
    const host = options.host ?? '127.0.0.1';
    if (!LOOPBACK.includes(host))
      throw new Error(`Storage nodes listen on loopback only (got host "${host}")`);
    super(options, 'storage node');
    this.faultState = mergeFaults(NO_FAULTS, options.faults ?? {});
    const log = options.log;
    this.log = log ? (line) => log(`[${this.name}] ${line}`) : () => {};
  }

  /** The BLS key (loaded at the first start). */
  get key(): BlsKeyPair {
    if (!this.keyValue) throw this.stateError('read its key');
    return this.keyValue;
  }

  /** The request handling behind the API (for tests and the orchestrator). */
  get service(): NodeService {
    if (!this.serviceValue) throw this.stateError('reach its service');
    return this.serviceValue;
  }

  /** The current fault switches. */
  get faults(): FaultSwitches {
    return { ...this.faultState };
  }

  /** Changes fault switches; the others keep their values. */
  setFaults(update: Partial<FaultSwitches>): FaultSwitches {
    const wasHealing = this.heals;
    this.faultState = mergeFaults(this.faultState, update);
    this.log(`faults: ${JSON.stringify(this.faultState)}`);
    if (!wasHealing && this.heals) this.queue?.request('all');
    return this.faults;
  }

  /** Whether the node recovers missing slivers (on unless `selfHeal: false` or the `noRecovery` fault). */
  private get heals(): boolean {
    return this.options.selfHeal !== false && !this.faultState.noRecovery;
  }

  /**
   * The "lose" fault: switches recovery off and deletes `fraction` of the slivers of every stored blob
   * (rounded up, in key order); returns how many slivers were deleted.
   */
  async lose(fraction: number): Promise<number> {
    const store = this.store;
    if (!store || this.status !== 'started') throw this.stateError('lose slivers');
    if (!(fraction > 0 && fraction <= 1))
      throw new RangeError(`fraction must be in (0, 1] (got ${fraction})`);
    this.setFaults({ noRecovery: true });
    await this.changes;
    let deleted = 0;
    for (const blobId of await store.listBlobs()) {
      const keys = await store.listSlivers(blobId);
      const lost = keys.slice(0, Math.ceil(keys.length * fraction));
      await store.deleteSlivers(blobId, lost);
      this.serviceValue?.expansions.forget(blobId);
      deleted += lost.length;
    }
    this.log(`lost ${deleted} slivers (${fraction * 100} %), recovery off`);
    return deleted;
  }

  /** Loads the key, opens the store, reads the committee and starts listening (concurrent calls share one start). */
  start(): Promise<void> {
    return this.lifecycle.start();
  }

  /** The start step of the lifecycle: serving from `started()` on, then the first garbage collection and heal. */
  protected async startSteps(started: () => void): Promise<void> {
    try {
      this.keyValue ??= this.options.blsSecretKey
        ? BlsKeyPair.fromSecretKey(this.options.blsSecretKey)
        : await BlsKeyPair.loadOrCreate(join(this.options.dataDir, 'bls.key'));
      const store = new FileSliverStore(join(this.options.dataDir, 'store'), { fsync: this.options.fsync });
      await store.open();
      this.store = store;
      const service = new NodeService({
        nodeId: this.options.nodeId,
        chainView: this.options.chainView,
        store,
        key: this.keyValue,
        faults: () => this.faultState,
        registrationWaitMs: this.options.registrationWaitMs,
        verifySlivers: this.options.verifySlivers,
      });
      await service.refreshCommittee();
      this.serviceValue = service;
      const queue = new RecoveryQueue(
        {
          listBlobs: () => this.blobsToHold(),
          recover: (blobId) => this.recoverOne(blobId),
          log: this.log,
        },
        this.options.recoveryRetryMs,
      );
      queue.onBusyChange = (busy) => {
        service.recovering = busy;
      };
      this.queue = queue;
      this.unsubscribe = this.options.chainView.subscribe((change) => {
        // One after the other, in order; idle() waits for this chain.
        this.changes = this.changes
          .then(() => this.onChainChange(change))
          .catch((error: unknown) => this.log(`chain change ${JSON.stringify(change)}: ${String(error)}`));
      });
      await this.listen(service);
      const evict = setInterval(() => service.evictPending(), 5000);
      evict.unref();
      this.timers.add(evict);
      started();
      this.log(`listening on ${this.url}, shards ${[...service.ownShards].join(',')}`);
      await this.gc();
      if (this.heals) queue.request('all');
    } catch (error) {
      await this.teardown();
      throw error;
    }
  }

  private async listen(service: NodeService): Promise<void> {
    const limiter =
      this.options.rateLimit === false
        ? undefined
        : new RateLimiter(this.options.rateLimit?.perSecond ?? 5000, this.options.rateLimit?.burst ?? 10_000);
    const api = {
      service,
      limits: this.options.limits ?? {},
      rateLimiter: limiter,
      faults: () => this.faultState,
      log: this.log,
      challenges: new ChallengeService({
        nodeId: this.options.nodeId,
        chainView: this.options.chainView,
        service,
        key: this.keyValue!,
        prepare: async () => {
          if (this.heals) await this.idle();
        },
      }),
    };
    const server = createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, (req, res) => {
      if (applyCors(req, res)) return;
      void handleRequest(api, req, res);
    });
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    const host = this.options.host ?? '127.0.0.1';
    const port = this.boundPort ?? this.options.port ?? 0;
    const reserved = this.boundPort === undefined ? this.options.listenOn : undefined;
    this.boundPort = await listen(
      server,
      reserved ? { handle: reserved } : { port, host },
      `Storage node ${this.name}`,
    );
    this.server = server;
  }

  /** Stops listening and closes the store (the data stays); concurrent calls share one stop. */
  stop(): Promise<void> {
    return this.lifecycle.stop();
  }

  /** The stop step of the lifecycle. */
  protected async stopSteps(): Promise<void> {
    await this.teardown();
    this.log('stopped');
  }

  private async teardown(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const settle of [...this.pendingHeals.values()]) settle();
    this.queue?.stop();
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    this.serviceValue?.close();
    await this.queue?.drain().catch(() => undefined);
    this.queue = undefined;
    this.serviceValue = undefined;
    await this.store?.close();
    this.store = undefined;
  }

  /** Stops and starts again on the same port. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Deletes everything the node stores (the "wipe" fault); a running node then heals itself. */
  async wipe(): Promise<void> {
    if (this.store) {
      await this.store.clear();
      this.serviceValue?.forgetAll();
      this.log('wiped');
      if (this.heals) this.queue?.request('all');
      return;
    }
    const store = new FileSliverStore(join(this.options.dataDir, 'store'));
    await store.open();
    await store.clear();
    await store.close();
  }

  /** Runs recovery of every blob now and waits for it (and anything already queued). */
  async sync(): Promise<RecoveryReport> {
    const queue = this.queue;
    if (!queue || this.status !== 'started') throw this.stateError('sync');
    queue.request('all');
    return queue.drain();
  }

  /**
   * Waits until the chain changes seen so far are handled and background recovery is done (what
   * an operator checks before signalling `epoch_sync_done`); returns what recovery did since the
   * last call.
   */
  /** Resolves once the node has handled every chain change it was told about (GC included, recovery not). */
  async settled(): Promise<void> {
    for (let changes = this.changes; ; changes = this.changes) {
      await changes;
      if (changes === this.changes) return;
    }
  }

  async idle(): Promise<RecoveryReport> {
    const queue = this.queue;
    if (!queue) throw this.stateError('wait for recovery');
    await this.changes;
    while (this.pendingHeals.size > 0) await Promise.all([...this.pendingHeals.keys()]);
    return queue.drain();
  }

  /** Drops blobs that were deleted, invalidated or expired (also runs on every chain change). */
  async gc(blobIds?: string[]): Promise<GcReport> {
    const store = this.store;
    const service = this.serviceValue;
    if (!store || !service) throw this.stateError('collect garbage');
    const report = await collectGarbage(this.options.chainView, store, service.committee.epoch, {
      blobIds,
      // Decided at the drop: a snapshot taken before the deletion is what can bring the blob back.
      beforeDrop: async (blobId, reason) => {
        if ((reason === 'deleted' || reason === 'expired') && this.options.retainDropped?.())
          await this.retired.retire(store, blobId);
      },
      onDrop: (blobId) => service.forgetBlob(blobId),
    });
    for (const { blobId, reason } of report.dropped) this.log(`dropped ${blobId} (${reason})`);
    return report;
  }

  /**
   * Forgets the blobs kept aside for a revert; the devnet calls it once no snapshot is left (none can bring them
   * back then: a later snapshot is taken after their deletion).
   */
  forgetRetired(): void {
    this.retired.clear();
  }

  /** Stores again those of `blobIds` it retired that the chain holds live once more (after a revert). */
  private async restoreRetired(blobIds: string[]): Promise<void> {
    const store = this.store;
    const service = this.serviceValue;
    if (!store || !service) return;
    for (const blobId of blobIds) {
      if (!this.retired.has(blobId)) continue;
      const state = await this.options.chainView.getBlob(blobId);
      if (!isRegistered(state, service.committee.epoch)) continue;
      await this.retired.restore(store, blobId);
      this.log(`restored ${blobId} (live again on the reverted chain)`);
    }
  }

  /**
   * Slivers stored for pairs of shards this node does not hold in the current committee, as `blobId:type:pair`
   * (once an epoch change that moved shards away is done, there are none: see `dropForeignSlivers`).
   */
  async foreignSlivers(): Promise<string[]> {
    const foreign: string[] = [];
    for (const [blobId, keys] of await this.foreignSliverKeys())
      for (const key of keys) foreign.push(`${blobId}:${key.type}:${key.pairIndex}`);
    return foreign;
  }

  private async foreignSliverKeys(): Promise<Map<string, SliverKey[]>> {
    const store = this.store;
    const service = this.serviceValue;
    if (!store || !service) throw this.stateError('list its slivers');
    const foreign = new Map<string, SliverKey[]>();
    for (const blobId of await store.listBlobs()) {
      const bytes = parseBlobId(blobId);
      if (!bytes) continue;
      const own = new Set(service.ownPairs(bytes));
      const keys = (await store.listSlivers(blobId)).filter((key) => !own.has(key.pairIndex));
      if (keys.length > 0) foreign.set(blobId, keys);
    }
    return foreign;
  }

  /**
   * Drops the slivers of shards that moved to other nodes. Only once the epoch change is done: until then
   * clients read blobs certified earlier from the previous committee, this node included.
   */
  private async dropForeignSlivers(): Promise<void> {
    const store = this.store;
    if (!store) return;
    let dropped = 0;
    for (const [blobId, keys] of await this.foreignSliverKeys()) {
      await store.deleteSlivers(blobId, keys);
      this.serviceValue?.expansions.forget(blobId);
      dropped += keys.length;
    }
    if (dropped > 0) this.log(`dropped ${dropped} slivers of shards that moved to other nodes`);
  }

  /** What the node stores. */
  async stats(): Promise<StorageNodeStats> {
    const store = this.store;
    const service = this.serviceValue;
    if (!store || !service) throw this.stateError('count its data');
    const blobs = await store.listBlobs();
    let slivers = 0;
    for (const blobId of blobs) slivers += (await store.listSlivers(blobId)).length;
    return { blobs: blobs.length, slivers, diskBytes: await store.diskUsage(), ...service.counters };
  }

  /** A signed proof of possession of the node's BLS key, for `register_candidate`. */
  proofOfPossession(epoch: number, suiAddress: string): Uint8Array {
    return this.key.proofOfPossession(epoch, suiAddress);
  }

  private async blobsToHold(): Promise<string[]> {
    const service = this.serviceValue;
    if (!service) return [];
    const epoch = service.committee.epoch;
    return (await this.options.chainView.listBlobs())
      .filter((b) => isCertified(b, epoch))
      .map((b) => b.blobId);
  }

  private async recoverOne(blobId: string) {
    const service = this.serviceValue;
    const store = this.store;
    const bytes = parseBlobId(blobId);
    if (!service || !store || !bytes) return undefined;
    const state = await this.options.chainView.getBlob(blobId);
    if (!isCertified(state, service.committee.epoch)) return undefined;
    // Read the committee afresh: peers' addresses may have changed since the epoch started.
    const committee = await this.options.chainView.getCommittee();
    if (committee.epoch !== service.committee.epoch || committee.nShards !== service.committee.nShards) {
      throw new Error(`the committee moved to epoch ${committee.epoch}; recovery restarts with it`);
    }
    return recoverBlob(
      { nodeId: this.options.nodeId, committee, service, store, peers: this.peers },
      blobId,
      bytes,
    );
  }

  private async onChainChange(change: ChainChange): Promise<void> {
    const service = this.serviceValue;
    if (!service || this.status !== 'started') return;
    if (change.kind === 'epoch') {
      await service.refreshCommittee();
      await this.restoreRetired(this.retired.ids());
      if (change.phase === 'done') await this.dropForeignSlivers();
      await this.gc();
      if (this.heals) this.queue?.request('all');
      return;
    }
    await this.restoreRetired([change.blobId]);
    await service.onBlobChange(change.blobId);
    const report = await this.gc([change.blobId]);
    if (report.dropped.length > 0 || !this.heals) return;
    const state = await this.options.chainView.getBlob(change.blobId);
    const bytes = parseBlobId(change.blobId);
    if (!bytes || !isCertified(state, service.committee.epoch)) return;
    if ((await service.missingSlivers(change.blobId, bytes)).length === 0) return;
    let settle = () => {};
    const heal = new Promise<void>((resolve) => {
      settle = resolve;
    }).finally(() => this.pendingHeals.delete(heal));
    this.pendingHeals.set(heal, settle);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.queue?.request([change.blobId]);
      settle();
    }, this.options.healDelayMs ?? 1000);
    timer.unref();
    this.timers.add(timer);
  }
}
