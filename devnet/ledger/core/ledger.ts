import { bcs } from '@mysten/sui/bcs';
import { toBase58 } from '@mysten/sui/utils';
import { eventsDigest, objectDigest, saltedDigest, transactionDigest } from './digests.js';
import { canonicalChangedObjects, effectsBcs } from './effects-bcs.js';
import { ExecutionError, TransactionRejectedError } from './execution/execution-error.js';
import { objectStorageCost } from './execution/gas.js';
import { type ExecutionResult, PtbExecutor, type ResolvedInput } from './execution/ptb-executor.js';
import { LedgerState, type StateDiff } from './ledger-state.js';
import { LayoutCache } from './move/layouts.js';
import { CLOCK_ID, COIN_TYPE_PREFIX, SUI_COIN_TYPE } from './natives/framework/values.js';
import type { NativeModule } from './natives/native-types.js';
import { NativeRegistry } from './natives/registry.js';
import {
  checkExpiration,
  checkGasPriceAndBudget,
  checkSignatures,
  GENESIS_DIGEST,
  parseTransactionData,
  resolveGas,
  resolveInput,
  type TransactionDataV1,
} from './transaction-input.js';
import type { CheckpointRecord, ObjectRecord, Owner, TransactionRecord } from './types.js';

/** Options for a new ledger. */
export interface LedgerOptions {
  /** Addresses funded at genesis and the SUI (in MIST) each receives. */
  genesisAccounts?: Array<{ address: string; balance: bigint }>;
  /** Reference gas price in MIST. @default 1000n */
  referenceGasPrice?: bigint;
  /** `wall`: the clock follows real time plus any advance; `manual`: it moves only when advanced. @default 'wall' */
  clock?: 'wall' | 'manual';
  /** Start time for the manual clock, ms since the Unix epoch. @default 1_700_000_000_000n */
  genesisTimestampMs?: bigint;
  /**
   * The Move standard library and Sui framework modules (0x1, 0x2) the ledger runs: built from their Move sources
   * above the core, by `ledgerFramework()` (devnet/contract-runtime/natives/framework), since the core parses no Move.
   */
  framework: NativeModule[];
  /** Extra Move modules implemented as natives (the Walrus packages plug in here). */
  modules?: NativeModule[];
  /** Sui epoch length: moving the clock past an epoch's end starts the next epoch. @default 86_400_000n */
  epochDurationMs?: bigint;
}

/** Where a ledger's changes go after each commit (a journal), if anywhere. */
export interface LedgerPersistence {
  /** Called synchronously after each commit with the change set; must be durable when it returns. */
  commit(diff: StateDiff): void;
}

/** What `execute` and `simulate` return: the record plus per-command outputs for simulations. */
export interface ExecutionOutcome {
  record: TransactionRecord;
  commandOutputs: ExecutionResult['commandOutputs'];
}

/**
 * A Sui ledger in memory: it executes when asked, makes a checkpoint per transaction, and hands every change
 * to persistence. Its clock follows the wall clock (or moves only when advanced, in `manual` mode); every
 * transaction reads the Clock object `0x6` at the time of its own commit, as after Sui's consensus commit
 * prologue, and {@link tick} makes the empty commits that move the Clock while nobody transacts.
 */
export class Ledger {
  readonly registry = new NativeRegistry();
  readonly layouts: LayoutCache;
  readonly state: LedgerState;
  #persistence: LedgerPersistence | undefined;
  readonly #clockMode: 'wall' | 'manual';
  readonly epochDurationMs: bigint;
  readonly #checkpointListeners = new Set<(checkpoint: CheckpointRecord) => void>();
  #unannounced: CheckpointRecord[] = [];

  constructor(options: LedgerOptions, restored?: StateDiff[]) {
    for (const module of [...options.framework, ...(options.modules ?? [])]) this.registry.register(module);
    this.layouts = new LayoutCache((name) => this.registry.struct(name));
    this.#clockMode = options.clock ?? 'wall';
    this.epochDurationMs = options.epochDurationMs ?? 86_400_000n;
    const genesisTime =
      options.genesisTimestampMs ?? (this.#clockMode === 'manual' ? 1_700_000_000_000n : BigInt(Date.now()));
    this.state = new LedgerState({
      chainId: '',
      epoch: 0n,
      epochStartMs: genesisTime,
      clockMs: this.#clockMode === 'manual' ? genesisTime : 0n,
      referenceGasPrice: options.referenceGasPrice ?? 1000n,
      totalSuiMinted: 0n,
    });
    if (restored?.length) {
      for (const diff of restored) this.state.applyDiff(diff);
    } else {
      this.#genesis(options, genesisTime);
    }
  }

  /** Starts sending every commit to `persistence`. */
  attach(persistence: LedgerPersistence): void {
    this.#persistence = persistence;
  }

  get chainId(): string {
    return this.state.meta.chainId;
  }

  /** The ledger's current time in ms. */
  now(): bigint {
    const meta = this.state.meta;
    if (this.#clockMode === 'manual') return meta.clockMs;
    const wall = BigInt(Date.now()) + meta.clockMs;
    const last = this.state.latestCheckpoint()?.timestampMs ?? 0n;
    return wall > last ? wall : last;
  }

  // ------------------------------------------------------------------ genesis

  #genesis(options: LedgerOptions, timestamp: bigint): void {
    const clockBase = {
      id: CLOCK_ID,
      version: 1n,
      owner: { kind: 'shared', initialSharedVersion: 1n } as Owner,
      type: '0x0000000000000000000000000000000000000000000000000000000000000002::clock::Clock',
      contents: this.layouts.encode('0x2::clock::Clock', {
        id: { id: { bytes: CLOCK_ID } },
        timestamp_ms: timestamp,
      }),
      hasPublicTransfer: false,
      previousTransaction: GENESIS_DIGEST,
      storageRebate: 0n,
    };
    this.state.putObject({ ...clockBase, digest: objectDigest(clockBase) });
    let minted = 0n;
    (options.genesisAccounts ?? []).forEach((account, i) => {
      this.#writeCoin(account.address, account.balance, GENESIS_DIGEST, BigInt(i));
      minted += account.balance;
    });
    const checkpoint = this.#makeCheckpoint([GENESIS_DIGEST], timestamp, 0n);
    this.state.setMeta({ ...this.state.meta, chainId: checkpoint.digest, totalSuiMinted: minted });
  }

  #writeCoin(address: string, amount: bigint, txDigest: string, index: bigint): ObjectRecord {
    const id = `0x${Buffer.from(saltedDigest('GenesisCoin', new TextEncoder().encode(`${txDigest}:${index}:${address}`))).toString('hex')}`;
    const contents = this.layouts.encode(SUI_COIN_TYPE, {
      id: { id: { bytes: id } },
      balance: { value: amount },
    });
    const base = {
      id,
      version: 1n,
      owner: { kind: 'address', address } as Owner,
      type: SUI_COIN_TYPE,
      contents,
      hasPublicTransfer: true,
      previousTransaction: txDigest,
      storageRebate: objectStorageCost(contents.length, SUI_COIN_TYPE),
    };
    const record = { ...base, digest: objectDigest(base) };
    this.state.putObject(record);
    return record;
  }

  #makeCheckpoint(transactions: string[], timestampMs: bigint, epoch: bigint): CheckpointRecord {
    const previous = this.state.latestCheckpoint();
    const sequenceNumber = previous ? previous.sequenceNumber + 1n : 0n;
    const summary = bcs
      .struct('CheckpointSummaryLite', {
        epoch: bcs.u64(),
        sequence: bcs.u64(),
        previous: bcs.option(bcs.byteVector()),
        transactions: bcs.vector(bcs.string()),
        timestamp: bcs.u64(),
      })
      .serialize({
        epoch,
        sequence: sequenceNumber,
        previous: previous ? new TextEncoder().encode(previous.digest) : null,
        transactions,
        timestamp: timestampMs,
      })
      .toBytes();
    const checkpoint: CheckpointRecord = {
      sequenceNumber,
      digest: toBase58(saltedDigest('CheckpointSummary', summary)),
      epoch,
      timestampMs,
      transactions,
      ...(previous ? { previousDigest: previous.digest } : {}),
    };
    this.state.addCheckpoint(checkpoint);
    this.#unannounced.push(checkpoint);
    this.#tickClockObject(timestampMs, transactions[transactions.length - 1] ?? GENESIS_DIGEST);
    return checkpoint;
  }

  /** Moves the shared Clock object to `timestampMs` (as Sui's consensus commit prologue does). */
  #tickClockObject(timestampMs: bigint, txDigest: string): void {
    const clock = this.#clockAt(timestampMs, txDigest);
    if (clock && clock !== this.state.object(CLOCK_ID)) this.state.putObject(clock);
  }

  /**
   * The Clock object as the consensus commit at `timestampMs` leaves it: what every transaction of that commit
   * reads, and what the commit stores. The stored object itself when it already shows that time.
   */
  #clockAt(timestampMs: bigint, txDigest: string): ObjectRecord | undefined {
    const clock = this.state.object(CLOCK_ID);
    if (!clock) return undefined;
    const current = this.layouts.decode(clock.type, clock.contents) as { timestamp_ms: bigint };
    if (current.timestamp_ms === timestampMs) return clock;
    const base = {
      ...clock,
      version: clock.version + 1n,
      contents: this.layouts.encode(clock.type, { ...current, timestamp_ms: timestampMs }),
      previousTransaction: txDigest,
    };
    return { ...base, digest: objectDigest(base) };
  }

  #commit(): void {
    if (this.#persistence && this.state.dirty) this.#persistence.commit(this.state.takeDiff());
    else this.state.takeDiff();
    // Announce checkpoints only once they are durable.
    const announced = this.#unannounced;
    this.#unannounced = [];
    for (const checkpoint of announced) {
      for (const listener of this.#checkpointListeners) {
        try {
          listener(checkpoint);
        } catch {
          // A subscriber's failure is its own.
        }
      }
    }
  }

  /**
   * Calls `listener` with every new checkpoint after it is committed. Returns the unsubscribe function.
   * @example const stop = ledger.onCheckpoint((c) => console.log(c.sequenceNumber));
   */
  onCheckpoint(listener: (checkpoint: CheckpointRecord) => void): () => void {
    this.#checkpointListeners.add(listener);
    return () => this.#checkpointListeners.delete(listener);
  }

  // ------------------------------------------------------------------ transactions

  /**
   * Verifies and executes signed transaction bytes, commits the result and returns it.
   * Refusals (bad signature, stale objects, gas problems, replay) throw {@link TransactionRejectedError}
   * and change nothing; Move aborts commit a failed transaction that pays gas, as on Sui.
   */
  async execute(txBytes: Uint8Array, signatures: string[]): Promise<ExecutionOutcome> {
    const data = parseTransactionData(txBytes);
    const digest = transactionDigest(txBytes);
    await checkSignatures(txBytes, data, signatures);
    // From here on everything is synchronous, so execution and commit are atomic.
    const outcome = this.#run(txBytes, data, digest, { simulate: false });
    outcome.record.signatures = signatures.map((s) => Uint8Array.from(Buffer.from(s, 'base64')));
    this.#commit();
    return outcome;
  }

  /**
   * Executes transaction bytes WITHOUT signature checks, optionally allowing private functions such as a
   * module's `init`. For the devnet's own genesis and deployment transactions only: never reachable over RPC.
   */
  executeTrusted(txBytes: Uint8Array, options: { allowPrivate?: boolean } = {}): ExecutionOutcome {
    const data = parseTransactionData(txBytes);
    const outcome = this.#run(txBytes, data, transactionDigest(txBytes), { simulate: false, ...options });
    this.#commit();
    return outcome;
  }

  /**
   * Dry-runs transaction bytes without signatures and without committing. With no gas payment,
   * a stand-in gas coin owned by the sender pays, as Sui's simulation does.
   */
  simulate(txBytes: Uint8Array): ExecutionOutcome {
    const data = parseTransactionData(txBytes);
    return this.#run(txBytes, data, transactionDigest(txBytes), { simulate: true });
  }

  #run(
    txBytes: Uint8Array,
    data: TransactionDataV1,
    digest: string,
    { simulate, allowPrivate = false }: { simulate: boolean; allowPrivate?: boolean },
  ): ExecutionOutcome {
    const meta = this.state.meta;
    // The commit's time, read before anything runs: the transaction sees the Clock at this time (Sui's
    // consensus commit prologue), and its checkpoint carries it.
    const timestampMs = this.now();
    if (!simulate) this.#rollEpochs();
    if (!simulate && this.state.transaction(digest)) {
      throw new TransactionRejectedError(
        `Transaction ${digest} was already executed; a transaction executes at most once`,
        'FAILED_PRECONDITION',
      );
    }
    const ptb = data.kind.ProgrammableTransaction;
    if (!ptb) throw new TransactionRejectedError(`Unsupported transaction kind ${Object.keys(data.kind)[0]}`);
    checkExpiration(data, meta.epoch, meta.chainId);
    const gasPrice = BigInt(data.gasData.price);
    const gasBudget = BigInt(data.gasData.budget);
    checkGasPriceAndBudget(gasPrice, gasBudget, meta.referenceGasPrice);

    const seen = new Set<string>();
    const clock = this.#clockAt(timestampMs, digest);
    const objectAt = (id: string) => (id === CLOCK_ID && clock ? clock : this.state.object(id));
    const inputs: ResolvedInput[] = ptb.inputs.map((input, index) =>
      resolveInput(input, index, data.sender, seen, objectAt),
    );
    const { gasCoin, extraDeleted } = resolveGas(data, gasBudget, {
      layouts: this.layouts,
      object: (id) => this.state.object(id),
      seen,
      simulate,
    });

    const result = new PtbExecutor(
      {
        txDigest: digest,
        sender: data.sender,
        inputs,
        commands: ptb.commands,
        gasCoin,
        gasPrice,
        gasBudget,
        epoch: meta.epoch,
        epochStartMs: meta.epochStartMs,
        extraDeleted,
        allowPrivate,
      },
      this.registry,
      this.layouts,
      objectAt,
    ).run();

    const checkpointSeq = (this.state.latestCheckpoint()?.sequenceNumber ?? -1n) + 1n;
    const record = this.#record(txBytes, digest, result, gasCoin.id, timestampMs, checkpointSeq);
    if (!simulate) {
      for (const id of result.removed) this.state.deleteObject(id);
      for (const object of result.written) this.state.putObject(object);
      this.state.addTransaction(record);
      this.#makeCheckpoint([digest], timestampMs, meta.epoch);
    }
    return { record, commandOutputs: result.commandOutputs };
  }

  #record(
    txBytes: Uint8Array,
    digest: string,
    result: ExecutionResult,
    gasObjectId: string,
    timestampMs: bigint,
    checkpoint: bigint,
  ): TransactionRecord {
    const dependencies = [
      ...new Set(
        result.changes
          .map((c) => (c.input ? this.state.object(c.id)?.previousTransaction : undefined))
          .filter((d): d is string => d !== undefined && d !== GENESIS_DIGEST),
      ),
    ];
    const events = result.events;
    const base = {
      digest,
      status: result.status,
      gasUsed: result.gasUsed,
      gasObjectId,
      lamportVersion: result.lamportVersion,
      epoch: this.state.meta.epoch,
      // Sui's canonical order (ascending id), the order of the effects BCS and the proto changed objects.
      changedObjects: canonicalChangedObjects(result.changes),
      unchangedShared: result.unchangedShared,
      dependencies,
      ...(events.length ? { eventsDigest: eventsDigest(events) } : {}),
    };
    const effects = effectsBcs(base);
    const coinChanges = new Map<string, bigint>();
    const add = (owner: Owner | undefined, type: string, bytes: Uint8Array | undefined, sign: bigint) => {
      if (owner?.kind !== 'address' || !bytes || !type.startsWith(COIN_TYPE_PREFIX)) return;
      const amount = (this.layouts.decode(type, bytes) as { balance: { value: bigint } }).balance.value;
      const key = `${owner.address}|${type.slice(COIN_TYPE_PREFIX.length, -1)}`;
      coinChanges.set(key, (coinChanges.get(key) ?? 0n) + sign * amount);
    };
    for (const change of result.changes) {
      // The store still holds the pre-transaction objects while the record is built.
      const before = change.input ? this.state.object(change.id)?.contents : undefined;
      add(change.input?.owner, change.type, before, -1n);
      const after = result.written.find((w) => w.id === change.id);
      add(after?.owner, change.type, after?.contents, 1n);
    }
    return {
      ...base,
      transactionBcs: txBytes,
      signatures: [],
      effectsBcs: effects.bytes,
      effectsDigest: effects.digest,
      events,
      balanceChanges: [...coinChanges]
        .filter(([, amount]) => amount !== 0n)
        .map(([key, amount]) => {
          const [address, coinType] = key.split('|') as [string, string];
          return { address, coinType, amount };
        }),
      checkpoint,
      timestampMs,
    };
  }

  // ------------------------------------------------------------------ time, epochs, admin

  /** Moves the clock forward by `ms`, starting new epochs if it passes their start, and records a checkpoint. */
  advanceClock(ms: bigint): CheckpointRecord {
    if (ms < 0n) throw new RangeError('The clock only moves forward');
    const meta = this.state.meta;
    this.state.setMeta({ ...meta, clockMs: meta.clockMs + ms });
    this.#rollEpochs();
    return this.createCheckpoint();
  }

  /**
   * A consensus commit with no transactions, as Sui's consensus makes on wall time: when the clock has moved at
   * least `minIntervalMs` since the last checkpoint, starts any epoch that is due and records a checkpoint,
   * which moves the Clock object. Returns it, or undefined when nothing was due (or the clock is manual).
   */
  tick(minIntervalMs = 0n): CheckpointRecord | undefined {
    if (this.#clockMode === 'manual') return undefined;
    const last = this.state.latestCheckpoint()?.timestampMs ?? 0n;
    if (this.now() - last < minIntervalMs || this.now() === last) return undefined;
    this.#rollEpochs();
    return this.createCheckpoint();
  }

  /** Records an empty checkpoint at the current time. */
  createCheckpoint(): CheckpointRecord {
    const checkpoint = this.#makeCheckpoint([], this.now(), this.state.meta.epoch);
    this.#commit();
    return checkpoint;
  }

  /** Ends the current epoch now: the epoch number goes up and the next epoch starts. */
  advanceEpoch(): bigint {
    this.#startEpoch(this.now());
    this.#commit();
    return this.state.meta.epoch;
  }

  #startEpoch(startMs: bigint): void {
    const meta = this.state.meta;
    this.state.setMeta({ ...meta, epoch: meta.epoch + 1n, epochStartMs: startMs });
    this.#makeCheckpoint([], startMs, meta.epoch + 1n);
  }

  /** Starts every epoch whose start time the clock has passed. */
  #rollEpochs(): void {
    const now = this.now();
    while (this.state.meta.epochStartMs + this.epochDurationMs <= now) {
      this.#startEpoch(this.state.meta.epochStartMs + this.epochDurationMs);
    }
  }

  /** Takes an in-memory snapshot (O(1)); changes after it are undone by {@link revert}. */
  snapshot(): number {
    return this.state.snapshot();
  }

  /** Returns to snapshot `id` in O(changes since it); the revert is persisted like any change. */
  revert(id: number): void {
    this.state.revert(id);
    this.#commit();
  }
}

export { ExecutionError, TransactionRejectedError };
