/**
 * `runChaos()`: a Walrus devnet under a seeded storm of faults. Storage nodes run as child processes of a devnet
 * host process (the ledger's, so it too can be killed with SIGKILL); a workload writes, extends, deletes and reads
 * blobs through the unmodified WalrusClient while the scheduler kills, stops, wipes, corrupts, slows nodes, makes
 * them lose slivers and moves stake so shards shift — never more than f shards' worth at once. A final check then
 * reads every certified unexpired blob, compares every node's view of each blob's status with the chain's, looks
 * for slivers held outside a node's shards after GC, and checks that SUI and WAL are conserved.
 *
 * The seed fixes every decision (sizes, kinds, targets, moments, delays); the real processes' timing does not
 * replay, so a replay hits the same faults in the same order, not at the same microsecond.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { blobIdFromInt, WalrusClient } from '@mysten/walrus';
import { CHAOS_DEFAULTS } from '../defaults.js';
import type { DevnetDescriptor } from '../descriptor.js';
import { accountKeypair } from '../devnet-accounts.js';
import { type Acknowledged, checkAcknowledged } from './acknowledgements.js';
import { type BlobStatusSummary, chainStatus, nodeStatus, sameStatus } from './blob-status-summary.js';
import { DevnetHostProcess } from './devnet-host-process.js';
import type { HostAudit } from './host-protocol.js';
import { Prng, randomSeed } from './prng.js';
import {
  type ChaosOperation,
  type ChaosReport,
  countProblems,
  emptyReport,
  expectedCause,
  type Interval,
} from './report.js';
import {
  FAULT_KINDS,
  FaultBudget,
  type FaultKind,
  type FaultPlan,
  faultTolerance,
  nextPauseMs,
  planFault,
} from './schedule.js';
import {
  type BlobRecord,
  blobContent,
  readerLoop,
  readWithRetries,
  transferLoop,
  type Workload,
  writerLoop,
} from './workload.js';

/** Options of {@link runChaos}; every field has a default. */
export interface ChaosOptions {
  /** The seed of every decision. @default a random one (in the report) */
  seed?: number;
  /** How long the workload runs, in ms. @default CHAOS_DEFAULTS.durationMs (3 min) */
  durationMs?: number;
  /** Storage nodes (each a process). @default CHAOS_DEFAULTS.nodes (7) */
  nodes?: number;
  /** Shards. @default 100 */
  shards?: number;
  /** Walrus epoch length in ms. @default CHAOS_DEFAULTS.epochDurationMs (5 s) */
  epochDurationMs?: number;
  /** The faults to inject. @default all of FAULT_KINDS */
  faults?: FaultKind[];
  /** Also kill the ledger's process with SIGKILL during the workload and restart it. @default false */
  ledgerKill?: boolean;
  /** Concurrent writers. @default 3 */
  writers?: number;
  /** Concurrent readers. @default 2 */
  readers?: number;
  /** Largest blob. @default 8 MiB */
  maxBlobBytes?: number;
  /** The command that replays a run (for the report). @default `walrus dev chaos --seed <seed> …` */
  replay?: (seed: number) => string;
  /** Progress and devnet log lines. */
  log?: (line: string) => void;
  /** Devnet log lines too (noisy). @default false */
  verbose?: boolean;
  /** Ends the workload early (Ctrl-C); the final check and the clean-up still run. */
  signal?: AbortSignal;
}

const WAL = 1_000_000_000n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `fetch` whose network failures name their cause in the message: the gRPC-Web transport keeps only the
 * message (`fetch failed`), and a finding needs the cause (refused, reset, timeout).
 */
const fetchWithCause: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (error instanceof Error && error.cause !== undefined)
      throw new TypeError(`${error.message}: ${describeError(error.cause)}`, { cause: error.cause });
    throw error;
  }
};

/** An error with its causes (`fetch failed` says nothing without them). */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      parts.push(`${e.name}: ${e.message}${typeof code === 'string' ? ` (${code})` : ''}`);
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(' ← ');
}

/** Waits `ms`, or less if `signal` aborts first. */
function untilAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs a chaos session and returns its report (`problems === 0` is a pass). */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosReport> {
  const seed = options.seed ?? randomSeed();
  const nodes = options.nodes ?? CHAOS_DEFAULTS.nodes;
  const shards = options.shards ?? CHAOS_DEFAULTS.shards;
  const epochDurationMs = options.epochDurationMs ?? CHAOS_DEFAULTS.epochDurationMs;
  const durationMs = options.durationMs ?? CHAOS_DEFAULTS.durationMs;
  const kinds = options.faults ?? [...FAULT_KINDS];
  const ledgerKill = options.ledgerKill ?? false;
  const writers = options.writers ?? CHAOS_DEFAULTS.writers;
  const readers = options.readers ?? CHAOS_DEFAULTS.readers;
  const log = options.log ?? (() => {});
  const replay =
    options.replay?.(seed) ??
    `walrus dev chaos --seed ${seed} --duration ${Math.round(durationMs / 1000)}s --nodes ${nodes} --faults ${kinds.join(',')}${ledgerKill ? ' --ledger-kill' : ''}`;
  const report = emptyReport({
    seed,
    replay,
    nodes,
    shards,
    f: faultTolerance(shards),
    epochDurationMs,
    faultKinds: kinds,
    ledgerKill,
  });
  const startedAt = Date.now();
  const stateDir = mkdtempSync(join(tmpdir(), 'walrus-chaos-'));
  // Accounts: the writers, a transfer sender and receiver, the staker.
  const accounts = writers + 3;
  const host = new DevnetHostProcess(
    {
      stateDir,
      nodes,
      shards,
      accounts,
      epochDurationMs,
      accountWalFrost: (BigInt(CHAOS_DEFAULTS.accountWal) * WAL).toString(),
    },
    options.verbose ? log : () => {},
  );
  try {
    log(`chaos: seed ${seed}; booting ${nodes} nodes (child processes), ${shards} shards`);
    const descriptor = await host.start();
    report.durations.bootMs = Date.now() - startedAt;
    const run = new ChaosRun(host, descriptor, report, seed, log, {
      kinds,
      ledgerKill,
      writers,
      readers,
      durationMs,
      maxBlobBytes: options.maxBlobBytes ?? CHAOS_DEFAULTS.maxBlobBytes,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await run.workload();
    const checkStart = Date.now();
    await run.finalCheck();
    report.durations.checkMs = Date.now() - checkStart;
  } finally {
    await host.stop().catch(() => undefined);
    rmSync(stateDir, { recursive: true, force: true });
  }
  report.durations.totalMs = Date.now() - startedAt;
  report.problems = countProblems(report);
  return report;
}

interface RunSettings {
  kinds: FaultKind[];
  ledgerKill: boolean;
  writers: number;
  readers: number;
  durationMs: number;
  maxBlobBytes: number;
  signal?: AbortSignal;
}

/** One run's moving parts. */
class ChaosRun {
  private readonly sui: SuiGrpcClient;
  private walrusClient: WalrusClient;
  private readonly budget: FaultBudget;
  private readonly shards = new Map<number, number>();
  private readonly ledgerOutages: Interval[] = [];
  private readonly overF: Interval[] = [];
  private readonly acknowledged: Array<{ digest: string; atMs: number }> = [];
  private readonly stakes: string[] = [];
  private readonly blobs: BlobRecord[] = [];
  private readonly episodes = new Set<Promise<void>>();
  private uploadWaiters: Array<() => void> = [];
  private epochValue = 0;
  private t0 = Date.now();
  private stopped = false;
  /** Restarts of the devnet host begun and not finished (a crash can come during a restart). */
  private restartsPending = 0;
  /** The restart in progress: the next one waits for it, so two hosts never start on one state directory. */
  private restarting: Promise<void> = Promise.resolve();
  /** Bumped when the host restarts: episodes of an older host give up. */
  private generation = 0;

  constructor(
    private readonly host: DevnetHostProcess,
    private readonly descriptor: DevnetDescriptor,
    private readonly report: ChaosReport,
    private readonly seed: number,
    private readonly log: (line: string) => void,
    private readonly settings: RunSettings,
  ) {
    this.sui = new SuiGrpcClient({ network: 'localnet', baseUrl: descriptor.rpcUrl, fetch: fetchWithCause });
    this.walrusClient = this.newWalrusClient();
    this.budget = new FaultBudget(report.shards, report.nodes);
    host.onUnexpectedExit = (tail) => void this.recoverFromCrash(tail);
  }

  /** The devnet host died unasked: a finding (with its last log lines); it is restarted like after a ledger kill. */
  private async recoverFromCrash(tail: string[]): Promise<void> {
    const error = `the devnet host (ledger, epoch driver) exited unasked: ${tail.slice(-15).join(' | ')}`;
    this.log(`chaos: FINDING: ${error}`);
    this.report.failures.findings.push({
      operation: 'devnet-host',
      atMs: this.now(),
      error: error.slice(0, 4000),
    });
    await this.restartHost('none').catch((e: Error) =>
      this.log(`chaos: restarting the devnet host failed: ${e.message}`),
    );
  }

  private newWalrusClient(): WalrusClient {
    return new WalrusClient({
      suiClient: this.sui,
      packageConfig: {
        systemObjectId: this.descriptor.objects!.system,
        stakingPoolId: this.descriptor.objects!.staking,
      },
      storageNodeUrlScheme: 'http',
      storageNodeClientOptions: { fetch: this.nodeFetch },
    });
  }

  /** Storage-node answers that failed, newest last (bounded): a failed write's finding names them. */
  private readonly nodeFailures: Array<{ atMs: number; url: string; what: string }> = [];

  /** `fetch` for the SDK's storage-node requests that remembers every failure (the SDK drops them). */
  private readonly nodeFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const remember = (what: string) => {
      this.nodeFailures.push({ atMs: this.now(), url, what });
      if (this.nodeFailures.length > 5000) this.nodeFailures.splice(0, 1000);
    };
    try {
      const response = await fetchWithCause(input, init);
      if (!response.ok) {
        const text = await response
          .clone()
          .text()
          .catch(() => '');
        remember(`${response.status} ${/"message":"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 80)}`);
      }
      return response;
    } catch (error) {
      remember(describeError(error).slice(0, 120));
      throw error;
    }
  };

  /** The storage nodes' failed answers about `blobId` since `start`, counted by node and answer. */
  private nodeFailuresOf(blobId: string, start: number): string {
    const names = new Map(this.descriptor.nodes!.map((n) => [new URL(n.url).host, n.name]));
    const counts = new Map<string, number>();
    for (const f of this.nodeFailures) {
      if (f.atMs < start || !f.url.includes(blobId)) continue;
      const url = new URL(f.url);
      const key = `${names.get(url.host) ?? url.host} ${url.pathname.split('/')[4] ?? ''}: ${f.what}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([key, n]) => `${n}× ${key}`)
      .join('; ');
  }

  private now(): number {
    return Date.now() - this.t0;
  }

  private shardsOf = (node: number): number => this.shards.get(node) ?? 0;

  /** Re-reads the committee: each node counts for the most shards it holds now or in the next epoch. */
  private async refreshCommittee(): Promise<void> {
    const client = this.newWalrusClient();
    const state = await client.stakingState();
    this.epochValue = state.epoch;
    const index = new Map(this.descriptor.nodes!.map((n) => [n.nodeId, n.index]));
    const counts = new Map<number, number>();
    for (const committee of [state.committee, state.next_committee]) {
      for (const entry of committee?.[0]?.contents ?? []) {
        const node = index.get(entry.key);
        if (node !== undefined) counts.set(node, Math.max(counts.get(node) ?? 0, entry.value.length));
      }
    }
    for (const [node, count] of counts) this.shards.set(node, count);
    this.trackOverF();
  }

  /** Opens or closes an over-f interval as the faulty set or the shards change. */
  private trackOverF(): void {
    const open = this.overF.at(-1);
    const over = this.budget.over(this.shardsOf);
    if (over && (!open || open.to !== undefined)) this.overF.push({ from: this.now(), to: undefined });
    if (!over && open && open.to === undefined) open.to = this.now();
  }

  private done(operation: ChaosOperation, start: number, error?: unknown, blobId?: string): void {
    const counts = this.report.operations[operation];
    if (error === undefined) {
      counts.ok++;
      return;
    }
    counts.failed++;
    const end = this.now();
    const cause = this.ledgerDown
      ? 'ledger-down'
      : expectedCause(start, end, { ledger: this.ledgerOutages, overF: this.overF });
    if (cause) {
      this.report.failures.expected[cause]++;
      return;
    }
    const nodes = blobId ? this.nodeFailuresOf(blobId, start) : '';
    const message = `${describeError(error)}${nodes ? ` | node answers: ${nodes}` : ''}`;
    this.log(`chaos: FINDING at ${(end / 1000).toFixed(1)} s: ${operation} ${blobId ?? ''} ${message}`);
    this.report.failures.findings.push({
      operation,
      atMs: end,
      error: message.slice(0, 2000),
      ...(blobId ? { blobId } : {}),
    });
  }

  /** The workload and the scheduler, for the configured duration. */
  async workload(): Promise<void> {
    const rng = new Prng(this.seed);
    const signers = this.descriptor.accounts!.map((a) => accountKeypair(a));
    await this.refreshCommittee();
    this.report.epochs.first = this.epochValue;
    this.t0 = Date.now();
    const w: Workload = {
      seed: this.seed,
      walrus: () => this.walrusClient,
      sui: () => this.sui,
      signers,
      blobs: this.blobs,
      maxBytes: this.settings.maxBlobBytes,
      stopped: () => this.stopped,
      epoch: () => this.epochValue,
      events: {
        now: () => this.now(),
        done: (operation, start, error, blobId) => this.done(operation, start, error, blobId),
        acknowledged: (digest) => this.acknowledged.push({ digest, atMs: this.now() }),
        retried: () => {
          this.report.sdkRetries++;
        },
        reregistered: () => {
          this.report.reregistrations++;
        },
        uploading: () => {
          const waiters = this.uploadWaiters;
          this.uploadWaiters = [];
          for (const wake of waiters) wake();
        },
        counted: (what, record) => this.counted(what, record),
      },
    };
    const { writers, readers } = this.settings;
    const loops = [
      ...Array.from({ length: writers }, (_, i) => writerLoop(w, i, rng.fork(`writer ${i}`))),
      ...Array.from({ length: readers }, (_, i) => readerLoop(w, rng.fork(`reader ${i}`))),
      transferLoop(w, writers, signers[writers + 1]!.toSuiAddress(), rng.fork('transfers')),
      this.schedulerLoop(rng.fork('scheduler')),
      this.ledgerKillLoop(rng.fork('ledger')),
    ];
    const progress = setInterval(() => this.log(this.progressLine()), 10_000);
    await untilAborted(this.settings.durationMs, this.settings.signal);
    this.stopped = true;
    this.log('chaos: workload done; waiting for the operations and fault episodes in flight');
    await Promise.all(loops);
    await Promise.all([...this.episodes]);
    clearInterval(progress);
    this.report.durations.workloadMs = this.now();
  }

  /** One line of progress: operations so far, the faulty nodes, epochs. */
  private progressLine(): string {
    const ops = Object.entries(this.report.operations)
      .map(([k, v]) => `${k} ${v.ok}/${v.failed}`)
      .join(' ');
    const faulty = this.budget
      .entries()
      .map(([node, why]) => `${node}:${why}`)
      .join(' ');
    return `chaos: ${(this.now() / 1000).toFixed(0)} s, epoch ${this.epochValue}: ${ops} (ok/failed); faulty [${faulty}]${this.ledgerDown ? ' ledger down' : ''}${this.stopped ? ' stopping' : ''}`;
  }

  private counted(what: 'written' | 'read' | 'mismatch' | 'extended' | 'deleted', record: BlobRecord): void {
    const { blobs, reads } = this.report;
    if (what === 'written') {
      blobs.written++;
      blobs.bytes += record.size;
      if (record.deletable) blobs.deletable++;
      else blobs.permanent++;
    } else if (what === 'read') reads.checked++;
    else if (what === 'mismatch') {
      reads.checked++;
      reads.byteMismatches++;
      this.log(`chaos: FINDING: read of ${record.blobId} returned other bytes`);
    } else if (what === 'extended') blobs.extended++;
    else blobs.deleted++;
  }

  private async schedulerLoop(rng: Prng): Promise<void> {
    if (this.settings.kinds.length === 0) return;
    while (!this.stopped) {
      await sleep(nextPauseMs(rng));
      if (this.stopped || this.ledgerDown) continue;
      try {
        await this.refreshCommittee();
      } catch {
        continue; // the ledger is restarting
      }
      const plan = planFault(rng, this.settings.kinds, this.report.nodes, this.budget, this.shardsOf);
      if (!plan) continue;
      const episode = this.episode(plan, rng.fork(`episode ${this.report.faults[plan.kind]}`)).finally(() =>
        this.episodes.delete(episode),
      );
      this.episodes.add(episode);
    }
  }

  /** Waits for the moment a plan asks for (bounded: the fault lands anyway after a while). */
  private async moment(plan: FaultPlan): Promise<FaultPlan['moment']> {
    if (plan.moment === 'mid-upload') {
      const landed = await Promise.race([
        new Promise<boolean>((resolve) => this.uploadWaiters.push(() => resolve(true))),
        sleep(15_000).then(() => false),
      ]);
      return landed ? 'mid-upload' : 'any';
    }
    if (plan.moment === 'mid-epoch-change') {
      const deadline = Date.now() + 3 * this.report.epochDurationMs;
      while (Date.now() < deadline && !this.stopped) {
        const state = await this.newWalrusClient()
          .stakingState()
          .catch(() => undefined);
        if (state?.epoch_state.$kind === 'EpochChangeSync') return 'mid-epoch-change';
        await sleep(100);
      }
      return 'any';
    }
    return 'any';
  }

  /** One fault: inject, hold, undo, wait until the node has recovered, free the budget. */
  private async episode(plan: FaultPlan, rng: Prng): Promise<void> {
    const generation = this.generation;
    const node = plan.node;
    if (plan.kind === 'stake') {
      const stakeAccount = this.settings.writers + 2;
      const frost = (BigInt(plan.stakeWal ?? 50) * WAL).toString();
      // Counted once done: a stake refused (the ledger restarting, the staker's WAL spent) moved no shards.
      await this.host
        .command<string>({ op: 'stake', node, account: stakeAccount, frost })
        .then((id) => {
          this.stakes.push(id);
          this.report.faults.stake++;
        })
        .catch((error: Error) => this.log(`chaos: stake with node ${node} failed: ${error.message}`));
      return;
    }
    this.report.faults[plan.kind]++;
    this.budget.mark(node, plan.kind);
    this.trackOverF();
    const cmd = (action: Parameters<DevnetHostProcess['command']>[0] & { op: 'node' }) =>
      this.host.command(action);
    try {
      const moment = plan.kind === 'kill' ? await this.moment(plan) : 'any';
      if (generation !== this.generation) return;
      this.log(`chaos: ${plan.kind} node ${node}${moment === 'any' ? '' : ` (${moment})`}`);
      if (plan.kind === 'kill') this.report.killMoments[moment]++;
      const value = plan.kind === 'slow' ? plan.slowMs : plan.kind === 'lose' ? plan.fraction : undefined;
      await cmd({ op: 'node', node, action: plan.kind, ...(value === undefined ? {} : { value }) });
      await sleep(plan.durationMs + rng.int(0, 1000));
      if (generation !== this.generation) return;
      if (plan.kind === 'kill' || plan.kind === 'stop') await cmd({ op: 'node', node, action: 'start' });
      if (plan.kind === 'corrupt' || plan.kind === 'slow' || plan.kind === 'lose')
        await cmd({ op: 'node', node, action: 'heal' });
      await cmd({ op: 'node', node, action: 'sync' });
    } catch (error) {
      if (generation === this.generation)
        this.log(`chaos: ${plan.kind} episode on node ${node}: ${(error as Error).message}`);
    } finally {
      if (generation === this.generation) {
        this.budget.clear(node);
        this.trackOverF();
      }
    }
  }

  /** With `ledgerKill`: kills the ledger's process at seeded moments, restarts it and checks every acknowledgement. */
  private async ledgerKillLoop(rng: Prng): Promise<void> {
    if (!this.settings.ledgerKill) return;
    const { durationMs } = this.settings;
    // One kill per started 3 minutes, at seeded moments, the first a fifth to a half of the way in.
    const kills = Math.max(1, Math.ceil(durationMs / 180_000));
    const times = Array.from({ length: kills }, (_, i) => {
      const slot = durationMs / kills;
      return Math.round(i * slot + slot * (0.2 + 0.3 * rng.next()));
    });
    for (const [i, at] of times.entries()) {
      while (this.now() < at && !this.stopped) await sleep(100);
      if (this.stopped) return;
      // Every other one dies from an uncaught exception instead of SIGKILL (the process's exit path runs).
      await this.restartHost(i % 2 === 0 ? 'kill' : 'crash');
    }
  }

  private get ledgerDown(): boolean {
    return this.restartsPending > 0;
  }

  /**
   * Kills or crashes (or, after a crash of its own, just restarts) the devnet host, waits for every node, checks
   * acknowledgements. The ledger counts as down from the call on; the work waits for a restart already in progress.
   */
  private async restartHost(end: 'kill' | 'crash' | 'none'): Promise<void> {
    this.restartsPending++;
    this.generation++;
    const outage: Interval = { from: this.now(), to: undefined };
    this.ledgerOutages.push(outage);
    const back = this.restarting.then(() => this.bringBack(end, outage));
    this.restarting = back.then(
      () => undefined,
      () => undefined,
    );
    // A restart that fails leaves the ledger down: later failures are expected, the final check reports it.
    const { digests, stakes } = await back;
    this.restartsPending--;
    this.trackOverF();
    this.log(
      `chaos: ledger back after ${(((outage.to ?? 0) - outage.from) / 1000).toFixed(1)} s; checking acknowledgements`,
    );
    await this.checkAcknowledged(digests, stakes);
  }

  /** Ends the host as asked (`none`: it already died), starts it, and waits until every node has caught up. */
  private async bringBack(
    end: 'kill' | 'crash' | 'none',
    outage: Interval,
  ): Promise<{ digests: string[]; stakes: string[] }> {
    const digests = this.acknowledged.filter((a) => a.atMs <= outage.from).map((a) => a.digest);
    const stakes = [...this.stakes];
    if (end !== 'none') {
      const how = end === 'kill' ? 'kill -9 of' : 'uncaught exception in';
      this.log(`chaos: ${how} the ledger's process (${digests.length} transactions acknowledged so far)`);
      this.report.faults.ledgerKill++;
      await (end === 'kill' ? this.host.kill() : this.host.crash());
    }
    await this.host.start();
    this.budget.clearAll();
    this.walrusClient = this.newWalrusClient();
    // Every node restarted with the host: wait until each has caught up before calling the network healthy.
    await Promise.all(
      this.descriptor.nodes!.map((n) =>
        this.host.command({ op: 'node', node: n.index, action: 'sync' }).catch(() => undefined),
      ),
    );
    outage.to = this.now();
    return { digests, stakes };
  }

  /**
   * Every acknowledged transaction (and staked object) is there after the crash, read through the RPC (see
   * `acknowledgements.ts`). Reads cut short by another death of the host are left to the next restart's check (it
   * covers everything acknowledged before it) and the final check; the final check waits for the host instead.
   */
  private async checkAcknowledged(digests: string[], stakes: string[], final = false): Promise<void> {
    const missing = this.report.ledger.missingAfterRestart;
    let items: Acknowledged[] = [
      ...digests.map((digest) => ({
        what: `transaction ${digest}`,
        read: () => this.sui.core.getTransaction({ digest }),
      })),
      ...stakes.map((objectId) => ({
        what: `StakedWal ${objectId}`,
        read: () => this.sui.core.getObject({ objectId }),
      })),
    ];
    for (let round = 0; items.length > 0; round++) {
      const generation = this.generation;
      const result = await checkAcknowledged(items, {
        interrupted: () => this.ledgerDown || this.generation !== generation,
        describe: describeError,
      });
      for (const entry of result.missing) {
        const what = entry.slice(0, entry.indexOf(': ') + 1);
        if (!missing.some((m) => m.startsWith(what))) missing.push(entry);
      }
      items = result.unchecked;
      if (items.length === 0) return;
      this.log(
        `chaos: the devnet host went down during the acknowledgement check; ${items.length} left to read`,
      );
      if (!final) return;
      if (round >= 3 || !(await this.ledgerBack())) {
        for (const item of items) missing.push(`${item.what}: unchecked: the devnet host did not stay up`);
        return;
      }
    }
  }

  /** Waits (bounded) until no restart of the host is pending; false if it did not come back. */
  private async ledgerBack(): Promise<boolean> {
    const deadline = Date.now() + 180_000;
    while (this.ledgerDown && Date.now() < deadline) await sleep(200);
    return !this.ledgerDown;
  }

  /** The final consistency check, on a network with every fault undone and epochs frozen. */
  async finalCheck(): Promise<void> {
    this.log('chaos: final check: healing every node, freezing epochs');
    for (const n of this.descriptor.nodes!) {
      await this.host.command({ op: 'node', node: n.index, action: 'start' });
      await this.host.command({ op: 'node', node: n.index, action: 'heal' });
    }
    // One whole epoch change with every node up, so each has seen an EpochChangeDone (and dropped the slivers of
    // shards that moved away) before epochs stop.
    await this.waitForEpochChangeDone();
    await this.host.command({ op: 'freeze' });
    for (const n of this.descriptor.nodes!)
      await this.host.command({ op: 'node', node: n.index, action: 'sync' });
    this.walrusClient = this.newWalrusClient();
    await this.refreshCommittee();
    const epoch = this.epochValue;
    this.report.epochs.last = epoch;
    await this.checkAcknowledged(
      this.acknowledged.map((a) => a.digest),
      this.stakes,
      true,
    );
    this.report.ledger.acknowledgedTransactions = this.acknowledged.length + this.stakes.length;
    const chain = await this.chainObjects();
    await this.checkBlobs(chain, epoch);
    await this.checkStatuses(chain, epoch);
    const audit = await this.host.command<HostAudit>({ op: 'audit' });
    this.report.consistency.foreignSlivers = audit.foreignSlivers;
    this.report.consistency.totals = audit.totals;
  }

  /** Waits until the chain has moved past the current epoch and that change is done. */
  private async waitForEpochChangeDone(): Promise<void> {
    const from = (await this.newWalrusClient().stakingState()).epoch;
    const deadline = Date.now() + 20 * this.report.epochDurationMs + 60_000;
    while (Date.now() < deadline) {
      const state = await this.newWalrusClient().stakingState();
      if (state.epoch > from && state.epoch_state.$kind === 'EpochChangeDone') return;
      await sleep(100);
    }
    throw new Error(`The devnet did not complete an epoch change after epoch ${from}`);
  }

  /** Every Blob object the writers own on chain, by blob id. */
  private async chainObjects(): Promise<
    Map<string, Array<{ deletable: boolean; certifiedEpoch: number | null; endEpoch: number }>>
  > {
    const client = this.newWalrusClient();
    const type = await client.getBlobType();
    const byBlob = new Map<
      string,
      Array<{ deletable: boolean; certifiedEpoch: number | null; endEpoch: number }>
    >();
    for (let writer = 0; writer < this.settings.writers; writer++) {
      const owner = this.descriptor.accounts![writer]!.address;
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<SuiGrpcClient['core']['listOwnedObjects']>> =
          await this.sui.core.listOwnedObjects({ owner, type, cursor });
        for (const object of page.objects) {
          const blob = await client.getBlobObject(object.objectId);
          const blobId = blobIdFromInt(blob.blob_id);
          const list = byBlob.get(blobId) ?? [];
          list.push({
            deletable: blob.deletable,
            certifiedEpoch: blob.certified_epoch,
            endEpoch: blob.storage.end_epoch,
          });
          byBlob.set(blobId, list);
        }
        cursor = page.hasNextPage ? page.cursor : null;
      } while (cursor);
    }
    return byBlob;
  }

  /** Every certified, unexpired blob reads back byte-identical. */
  private async checkBlobs(
    chain: Map<string, Array<{ deletable: boolean; certifiedEpoch: number | null; endEpoch: number }>>,
    epoch: number,
  ): Promise<void> {
    const c = this.report.consistency;
    const checked = new Set<string>();
    for (const record of this.blobs) {
      const blobId = record.blobId;
      if (!blobId || checked.has(blobId)) continue;
      const live = (chain.get(blobId) ?? []).some((o) => o.certifiedEpoch !== null && o.endEpoch > epoch);
      if (!live) continue;
      checked.add(blobId);
      c.blobsChecked++;
      try {
        const bytes = await readWithRetries(() => this.walrusClient, blobId);
        const expected = blobContent(this.seed, record.index, record.size);
        if (!Buffer.from(bytes).equals(Buffer.from(expected)))
          c.byteMismatches.push(
            `${blobId}: ${bytes.length} bytes read, ${expected.length} written, content differs`,
          );
      } catch (error) {
        this.walrusClient.reset();
        c.unreadable.push(
          `${blobId} (${record.size} B): ${(error as Error).name}: ${(error as Error).message}`,
        );
      }
    }
  }

  /** Every node's status of every blob equals the chain's. */
  private async checkStatuses(
    chain: Map<string, Array<{ deletable: boolean; certifiedEpoch: number | null; endEpoch: number }>>,
    epoch: number,
  ): Promise<void> {
    const c = this.report.consistency;
    const blobIds = new Set([...chain.keys(), ...this.blobs.flatMap((b) => (b.blobId ? [b.blobId] : []))]);
    for (const blobId of blobIds) {
      const expected = chainStatus(chain.get(blobId) ?? [], epoch);
      for (const n of this.descriptor.nodes!) {
        let actual: BlobStatusSummary | string;
        try {
          const response = await fetch(`${n.url}/v1/blobs/${blobId}/status`);
          const body = (await response.json()) as { success?: { data: unknown } };
          actual = body.success ? nodeStatus(body.success.data) : `HTTP ${response.status}`;
        } catch (error) {
          actual = (error as Error).message;
        }
        if (typeof actual === 'string' || !sameStatus(actual, expected))
          c.statusMismatches.push(
            `${n.name} on ${blobId}: ${JSON.stringify(actual)}, chain ${JSON.stringify(expected)} (epoch ${epoch})`,
          );
      }
    }
  }
}
