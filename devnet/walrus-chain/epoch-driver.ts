import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import type { WalrusClient } from '@mysten/walrus';
import {
  epochSyncDone,
  initiateEpochChange,
  votingEnd,
  type WalrusDeployment,
} from './walrus-transactions.js';

/** A committee member the driver signals `epoch_sync_done` for. */
export interface SyncingNode {
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
  log?: (line: string) => void;
}

/**
 * Drives Walrus epochs the way the network's participants do, with ordinary transactions:
 * `voting_end` from half an epoch on, `initiate_epoch_change_v2` at the epoch's end, then each node's
 * `epoch_sync_done` once it holds its shards. `advance()` does it now by moving the ledger clock through the
 * SDK's forking service; `start()` does it on the wall clock.
 */
export class EpochDriver {
  readonly #options: EpochDriverOptions;
  #timer: NodeJS.Timeout | undefined;
  #busy: Promise<unknown> = Promise.resolve();
  #epochStartMs = 0;
  #voted = false;
  #chainDurationMs: number | undefined;

  constructor(options: EpochDriverOptions) {
    this.#options = options;
  }

  /** The current Walrus epoch, read fresh from the chain. */
  async epoch(): Promise<number> {
    this.#options.walrus.reset();
    return (await this.#options.walrus.stakingState()).epoch;
  }

  /** Milliseconds since the Unix epoch when the next epoch is due (wall-clock mode). */
  get nextEpochAtMs(): number {
    return this.#epochStartMs + this.#options.epochDurationMs;
  }

  /** Advances one epoch now, jumping the ledger clock past the epoch's end. Returns the new epoch. */
  advance(): Promise<number> {
    const run = this.#busy.then(async () => {
      const { client } = this.#options;
      const jump = Math.max(this.#options.epochDurationMs, await this.#chainEpochDurationMs());
      await client.forkingService.advanceClock({ durationMs: BigInt(jump) });
      return this.#changeEpoch();
    });
    this.#busy = run.catch(() => undefined);
    return run;
  }

  /** Changes epochs on the wall clock: checks every `tickMs` whether voting or the change is due. */
  start(tickMs = 250): void {
    this.#epochStartMs = Date.now();
    this.#timer = setInterval(() => {
      const now = Date.now();
      const elapsed = now - this.#epochStartMs;
      if (elapsed < this.#options.epochDurationMs) return;
      this.#busy = this.#busy
        .then(() => this.#catchUpChainClock(elapsed))
        .then(() => this.#changeEpoch())
        .catch((error: unknown) => this.#options.log?.(`epoch change failed: ${(error as Error).message}`));
    }, tickMs);
    this.#timer.unref();
  }

  /** Stops the wall-clock driver and waits for a change in flight. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#busy;
  }

  /**
   * The epoch length on chain, fixed when the state was created. A devnet resumed with a shorter epoch length
   * keeps the chain's rules: {@link #catchUpChainClock} moves the ledger clock to the chain's epoch end.
   */
  async #chainEpochDurationMs(): Promise<number> {
    this.#chainDurationMs ??= Number((await this.#options.walrus.stakingState()).epoch_duration);
    return this.#chainDurationMs;
  }

  /** After `elapsed` ms of a shorter epoch: jumps the ledger clock by what the chain's longer epoch still needs. */
  async #catchUpChainClock(elapsed: number): Promise<void> {
    const missing = (await this.#chainEpochDurationMs()) - elapsed;
    if (missing > 0) await this.#options.client.forkingService.advanceClock({ durationMs: BigInt(missing) });
  }

  async #changeEpoch(): Promise<number> {
    const { client, signer, deployment, log } = this.#options;
    if (!this.#voted) await votingEnd(client, signer, deployment);
    this.#voted = false;
    await initiateEpochChange(client, signer, deployment);
    this.#epochStartMs = Date.now();
    const epoch = await this.epoch();
    log?.(`walrus epoch ${epoch} started`);
    await Promise.all(
      this.#options.nodes().map(async (node) => {
        await node.synced();
        await epochSyncDone(client, node.operator, deployment, node.capId, epoch);
      }),
    );
    log?.(`walrus epoch ${epoch}: every node synced`);
    return epoch;
  }
}
