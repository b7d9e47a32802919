/**
 * Drives Walrus epochs the way the network's participants do (walrus-service's epoch change driver), with
 * ordinary transactions scheduled from the on-chain staking state and the chain's clock:
 *
 * - `EpochChangeDone(t)` (the last change finished at `t`): `voting_end` is allowed from `t + duration / 2`;
 * - `NextParamsSelected(t)`: `initiate_epoch_change_v2` is allowed from `t + duration` (the contract aborts
 *   earlier with `EWrongEpochState`), and the driver sends it then, not later;
 * - `EpochChangeSync`: each committee node whose cap has not signalled for this epoch calls `epoch_sync_done`
 *   once it holds its shards (its recovery is idle); a quorum of shards makes the state `EpochChangeDone` again.
 * In epoch 0 both steps are due at `first_epoch_start`. The schedule runs on the devnet's configured epoch length;
 * a state created with a longer one has the chain clock moved forward to what the contract allows at each step.
 *
 * The times are chain times: the ledger's clock (`ForkingService.GetStatus`), which follows the wall clock and
 * which every transaction reads through the Clock object `0x6` as it runs (the ledger's consensus-commit
 * prologue). So epochs change on time with no user traffic, and a user's transaction never moves an epoch: a
 * write only meets an epoch change that was due anyway, as on a public network. What the SDK then sees is
 * Walrus's own behaviour: nodes sign confirmations for the current epoch, `certify_blob` needs the message
 * epoch to be the current one, and a client whose cached committee is older gets
 * `NotEnoughBlobConfirmationsError`, a `RetryableWalrusClientError` (reset the client and retry).
 *
 * One courtesy on top, a devnet's choice within the contract's rules (the change is allowed from the epoch's end,
 * not only at it): the scheduled `initiate_epoch_change` waits while a blob registered in the ending epoch, in the
 * last 30 s, is not yet certified, up to 30 s past the epoch's end. A write that registered
 * before the change gets its confirmations and its certificate in the epoch its client read, so short devnet
 * epochs do not fail writes that a day-long public epoch would almost never meet; what is left (a client that
 * read the committee before the change and registers after it) gets the SDK's retryable error.
 *
 * `start()` runs the schedule on its own timer; `advance()` moves the chain clock to the epoch's end through
 * the SDK's forking service and runs the change now, without waiting for writes.
 */
import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import type { WalrusClient } from '@mysten/walrus';
import type { ChainView } from '../storage-node/chain-view.js';
import {
  epochSyncDone,
  initiateEpochChange,
  votingEnd,
  type WalrusDeployment,
} from './walrus-transactions.js';

/** A committee member the driver signals `epoch_sync_done` for. */
export interface SyncingNode {
  nodeId: string;
  capId: string;
  operator: Keypair;
  /** Resolves once the node holds every sliver of the shards it gained (its recovery is idle). */
  synced(): Promise<void>;
}

/** Options of {@link EpochDriver}. */
export interface EpochDriverOptions {
  client: SuiGrpcClient;
  walrus: WalrusClient;
  deployment: WalrusDeployment;
  /** Any funded account; pays for voting_end and initiate_epoch_change. */
  signer: Keypair;
  epochDurationMs: number;
  nodes: () => SyncingNode[];
  /**
   * Where the driver sees blobs registered and certified (the nodes' chain view, itself a Sui client). With it,
   * the scheduled `initiate_epoch_change` waits for writes in flight (see {@link EpochDriver}).
   */
  chain?: Pick<ChainView, 'subscribe' | 'getBlob'>;
  log?: (line: string) => void;
}

type StakingState = Awaited<ReturnType<WalrusClient['stakingState']>>;

/**
 * The next step of the epoch change: when the schedule runs it (`atMs`) and from when the contract allows it
 * (`allowedMs`), both in chain time. They differ only for a state resumed with another epoch length.
 */
type Due =
  | { step: 'voting_end' | 'initiate_epoch_change'; atMs: bigint; allowedMs: bigint }
  | { step: 'epoch_sync_done'; atMs: bigint; allowedMs: bigint };

/** Longest the timer sleeps before re-reading the chain (the clock may be advanced by others). */
const MAX_SLEEP_MS = 1000;
/** Wait after a failed step before trying again. */
const RETRY_MS = 250;
/** How often a change that waits for writes in flight looks again. */
const WRITE_WAIT_POLL_MS = 100;
/** Longest an epoch change waits for writes in flight (and how recent a registration must be to count). */
const MAX_WRITE_WAIT_MS = 30_000;

/**
 * The step the staking state waits for: scheduled on an epoch of `periodMs` (the devnet's configured length),
 * allowed by the chain's own `epoch_duration`.
 */
export function dueStep(state: StakingState, periodMs: bigint = BigInt(state.epoch_duration)): Due {
  const duration = BigInt(state.epoch_duration);
  const firstStart = BigInt(state.first_epoch_start);
  const kind = state.epoch_state.$kind;
  if (kind === 'EpochChangeSync') return { step: 'epoch_sync_done', atMs: 0n, allowedMs: 0n };
  if (state.epoch === 0) {
    const step = kind === 'EpochChangeDone' ? 'voting_end' : 'initiate_epoch_change';
    return { step, atMs: firstStart, allowedMs: firstStart };
  }
  if (kind === 'EpochChangeDone') {
    const done = BigInt(state.epoch_state.EpochChangeDone);
    return { step: 'voting_end', atMs: done + periodMs / 2n, allowedMs: done + duration / 2n };
  }
  const selected = BigInt(state.epoch_state.NextParamsSelected);
  return { step: 'initiate_epoch_change', atMs: selected + periodMs, allowedMs: selected + duration };
}

/** When `state`'s epoch ends on an epoch of `periodMs`, in chain time; undefined during shard sync. */
function epochEndMs(state: StakingState, periodMs: bigint): bigint | undefined {
  if (state.epoch === 0) return BigInt(state.first_epoch_start);
  if (state.epoch_state.$kind === 'EpochChangeDone')
    return BigInt(state.epoch_state.EpochChangeDone) + periodMs;
  if (state.epoch_state.$kind === 'NextParamsSelected')
    return BigInt(state.epoch_state.NextParamsSelected) + periodMs;
  return undefined;
}

export class EpochDriver {
  readonly #options: EpochDriverOptions;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #busy: Promise<unknown> = Promise.resolve();
  /** Wall-clock ms when the current epoch is due to end, as last read (0 before the first read). */
  #nextEpochAtMs = 0;
  /** Uncertified Blob objects seen registered: object id → registration epoch and when it was seen (wall ms). */
  readonly #writes = new Map<string, { epoch: number; seenAt: number }>();
  #unsubscribe: (() => void) | undefined;
  /** True while the scheduled change waits for writes in flight. */
  #waitingForWrites = false;

  constructor(options: EpochDriverOptions) {
    this.#options = options;
  }

  /**
   * Notes a blob's registered-but-uncertified objects and forgets certified ones (a deleted one ages out with
   * the time limit).
   */
  async #trackWrite(blobId: string): Promise<void> {
    const state = await this.#options.chain?.getBlob(blobId).catch(() => undefined);
    for (const object of state?.objects ?? []) {
      if (object.certifiedEpoch !== null) this.#writes.delete(object.objectId);
      else if (!this.#writes.has(object.objectId))
        this.#writes.set(object.objectId, { epoch: object.registeredEpoch, seenAt: Date.now() });
    }
  }

  /** Whether the change due at `dueMs` (chain time) should wait: a recent write of `epoch` is in flight. */
  #waitForWrites(epoch: number, dueMs: bigint, nowMs: bigint): boolean {
    const limit = MAX_WRITE_WAIT_MS;
    if (nowMs >= dueMs + BigInt(limit)) return false;
    const recent = Date.now() - limit;
    for (const [id, write] of this.#writes) {
      if (write.epoch < epoch || write.seenAt < recent) this.#writes.delete(id);
      else if (write.epoch === epoch) return true;
    }
    return false;
  }

  /** The devnet's epoch length: the schedule's period (the chain's own `epoch_duration` bounds it from below). */
  get #period(): bigint {
    return BigInt(this.#options.epochDurationMs);
  }

  /** The current Walrus epoch, read fresh from the chain. */
  async epoch(): Promise<number> {
    return (await this.#state()).epoch;
  }

  /** Milliseconds since the Unix epoch when the next epoch is due, as of the driver's last look at the chain. */
  get nextEpochAtMs(): number {
    return this.#nextEpochAtMs;
  }

  /** Advances one epoch now: moves the chain clock to the epoch's end and runs the change. Returns the new epoch. */
  advance(): Promise<number> {
    return this.#exclusive(async () => {
      const start = (await this.#state()).epoch;
      let state = await this.#runDueSteps(); // what is due anyway (a change in flight, epoch 0's first change)
      if (state.epoch > start) return state.epoch;
      const end = epochEndMs(state, this.#period);
      const now = await this.#chainNow();
      if (end !== undefined && end > now) {
        await this.#options.client.forkingService.advanceClock({ durationMs: end - now });
      }
      state = await this.#runDueSteps();
      if (state.epoch <= start) throw new Error(`The epoch change from epoch ${start} did not happen`);
      return state.epoch;
    });
  }

  /** Runs the epoch schedule on the chain clock until {@link stop}. */
  start(): void {
    this.#running = true;
    this.#unsubscribe ??= this.#options.chain?.subscribe((change) => {
      if (change.kind === 'blob') void this.#trackWrite(change.blobId);
    });
    this.#schedule(0);
  }

  /** Stops the schedule and waits for a step in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#busy;
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#exclusive(() => this.#tick());
    }, delayMs);
    this.#timer.unref();
  }

  /** One look at the chain: runs what is due, then sleeps until the next step is due (at most a second). */
  async #tick(): Promise<void> {
    let delay = RETRY_MS;
    try {
      const state = await this.#runDueSteps({ waitForWrites: true });
      const due = dueStep(state);
      // Shard sync waits on nodes, not on time: look again in a while; so does a change waiting for writes.
      const until =
        due.step === 'epoch_sync_done'
          ? MAX_SLEEP_MS
          : this.#waitingForWrites
            ? WRITE_WAIT_POLL_MS
            : Number(due.atMs - (await this.#chainNow()));
      delay = Math.min(MAX_SLEEP_MS, Math.max(1, until));
    } catch (error) {
      this.#options.log?.(`epoch change step failed (retrying): ${(error as Error).message}`);
    }
    this.#schedule(delay);
  }

  /**
   * Runs every step that is due now, re-reading the chain after each; returns the state it stops at. With
   * `waitForWrites`, the epoch change also waits for writes in flight.
   */
  async #runDueSteps({ waitForWrites = false } = {}): Promise<StakingState> {
    const { client, signer, deployment, log } = this.#options;
    this.#waitingForWrites = false;
    for (;;) {
      const state = await this.#state();
      const due = dueStep(state, this.#period);
      if (due.step === 'epoch_sync_done') {
        if (!(await this.#syncNodes(state))) return state; // the rest of the quorum is not started
        continue;
      }
      let now = await this.#chainNow();
      if (due.atMs > now) return state;
      if (
        waitForWrites &&
        due.step === 'initiate_epoch_change' &&
        this.#waitForWrites(state.epoch, due.atMs, now)
      ) {
        this.#waitingForWrites = true;
        return state;
      }
      if (due.allowedMs > now) {
        // A state created with a longer epoch than the devnet now runs: move the chain clock to what it allows.
        await client.forkingService.advanceClock({ durationMs: due.allowedMs - now });
        now = due.allowedMs;
      }
      if (due.step === 'voting_end') {
        await votingEnd(client, signer, deployment);
        log?.(`walrus epoch ${state.epoch}: next committee selected`);
      } else {
        await initiateEpochChange(client, signer, deployment);
        log?.(`walrus epoch ${state.epoch + 1} started`);
      }
    }
  }

  /**
   * Every started committee node that has not signalled for this epoch calls `epoch_sync_done` once synced.
   * Returns false when no node had anything to signal.
   */
  async #syncNodes(state: StakingState): Promise<boolean> {
    const { client, deployment, log } = this.#options;
    const committee = new Set(state.committee[0].contents.map((entry) => normalizeId(entry.key)));
    const pending = [];
    for (const node of this.#options.nodes()) {
      if (!committee.has(normalizeId(node.nodeId))) continue;
      if ((await this.#lastSyncDone(node.capId)) >= state.epoch) continue;
      pending.push(
        node.synced().then(() => epochSyncDone(client, node.operator, deployment, node.capId, state.epoch)),
      );
    }
    if (pending.length === 0) return false;
    await Promise.all(pending);
    log?.(`walrus epoch ${state.epoch}: every node synced`);
    return true;
  }

  /** The epoch a node's cap last signalled `epoch_sync_done` for, read from the cap object. */
  async #lastSyncDone(capId: string): Promise<number> {
    const { object } = await this.#options.client.core.getObject({
      objectId: capId,
      include: { json: true },
    });
    return Number((object.json as { last_epoch_sync_done?: number } | null)?.last_epoch_sync_done ?? -1);
  }

  async #state(): Promise<StakingState> {
    this.#options.walrus.reset();
    const state = await this.#options.walrus.stakingState();
    const end = epochEndMs(state, this.#period);
    if (end !== undefined) this.#nextEpochAtMs = Number(end - (await this.#chainNow())) + Date.now();
    return state;
  }

  /** The chain's clock (what the Clock object reads in the next transaction). */
  async #chainNow(): Promise<bigint> {
    const { response } = await this.#options.client.forkingService.getStatus({});
    return response.timestampMs ?? BigInt(Date.now());
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#busy.then(fn);
    this.#busy = run.catch(() => undefined);
    return run;
  }
}

function normalizeId(id: string): string {
  return id.toLowerCase().replace(/^0x0*/, '0x');
}
