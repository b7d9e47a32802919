/**
 * Runs recovery in the background, one blob at a time: blobs are requested individually (a blob got
 * certified while this node lacked slivers) or all at once (start, wipe, epoch change). Failures are
 * retried after a delay for as long as the node runs.
 */
import type { BlobRecoveryResult } from './recovery.js';

/** Totals of recovery work since the last {@link RecoveryQueue.drain}. */
export interface RecoveryReport {
  /** Blobs examined. */
  blobs: number;
  /** Slivers recovered. */
  slivers: number;
  /** Metadata entries fetched from peers. */
  metadata: number;
  /** Valid symbols fetched. */
  symbolsFetched: number;
  /** Invalid symbols received (and ignored). */
  symbolsRejected: number;
  /** Blobs whose recovery failed (they are retried later). */
  failures: { blobId: string; error: string }[];
}

/** What the queue does for one blob, and how it finds all blobs. */
export interface RecoveryWork {
  /** Blob ids this node should hold slivers of (certified, not expired, not deleted). */
  listBlobs(): Promise<string[]>;
  /** Recovers one blob; `undefined` when nothing was needed. */
  recover(blobId: string): Promise<BlobRecoveryResult | undefined>;
  log(line: string): void;
}

function emptyReport(): RecoveryReport {
  return { blobs: 0, slivers: 0, metadata: 0, symbolsFetched: 0, symbolsRejected: 0, failures: [] };
}

/** The background recovery loop. */
export class RecoveryQueue {
  private readonly pending = new Set<string>();
  private all = false;
  private running: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly failed = new Set<string>();
  private stopped = false;
  private report = emptyReport();
  /** Called when a sweep starts or ends (the node shows "RecoveryInProgress"). */
  onBusyChange: (busy: boolean) => void = () => {};

  constructor(
    private readonly work: RecoveryWork,
    private readonly retryMs = 2000,
  ) {}

  /** Asks for recovery of some blobs, or of all. */
  request(blobIds: string[] | 'all'): void {
    if (this.stopped) return;
    if (blobIds === 'all') this.all = true;
    else for (const id of blobIds) this.pending.add(id);
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
      if (!this.stopped && (this.all || this.pending.size > 0)) this.request([]);
    });
  }

  /** Waits until no recovery is pending or running; returns the totals since the last drain. */
  async drain(): Promise<RecoveryReport> {
    while (this.running) await this.running;
    const report = this.report;
    this.report = emptyReport();
    return report;
  }

  /** Stops scheduling work (the current blob finishes). */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    this.all = false;
    clearTimeout(this.retryTimer);
  }

  private async loop(): Promise<void> {
    this.onBusyChange(true);
    try {
      while (!this.stopped && (this.all || this.pending.size > 0)) {
        if (this.all) {
          this.all = false;
          for (const id of await this.work.listBlobs()) this.pending.add(id);
        }
        const blobId = this.pending.values().next().value as string;
        this.pending.delete(blobId);
        await this.one(blobId);
      }
    } finally {
      this.onBusyChange(false);
    }
  }

  private async one(blobId: string): Promise<void> {
    this.report.blobs++;
    try {
      const result = await this.work.recover(blobId);
      this.failed.delete(blobId);
      if (!result) return;
      this.report.slivers += result.recovered.length;
      this.report.metadata += result.metadataRecovered ? 1 : 0;
      this.report.symbolsFetched += result.symbolsFetched;
      this.report.symbolsRejected += result.symbolsRejected;
      if (result.recovered.length > 0) {
        this.work.log(
          `recovered ${result.recovered.length} slivers of ${blobId} from ${result.symbolsFetched} symbols`,
        );
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.report.failures.push({ blobId, error: text });
      this.work.log(`recovery of ${blobId} failed, retrying in ${this.retryMs} ms: ${text}`);
      this.failed.add(blobId);
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.request([...this.failed]), this.retryMs);
      this.retryTimer.unref();
    }
  }
}
