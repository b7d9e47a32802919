/**
 * A small pool of worker threads for the symbol operations of `expansion.ts`, shared by every node
 * of the process. Checking large slivers, building recovery symbols and decoding columns then never
 * block the nodes' HTTP handling, and use every core. A job on less than
 * {@link INLINE_EXPANSION_BYTES} runs on the calling thread: it takes less time than the message to
 * a worker. The pool also signs storage confirmations ahead of time (a BLS signature costs about
 * 10-25 ms of `@noble/curves` each, and every node of the process signs one per blob).
 * `WALRUS_EXPANSION_WORKERS=0` runs everything on the calling thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { signWithSecretKey } from './bls-sign.js';
import type { SliverType } from './encoding.js';
import { decodeColumns, type ExpandedSliver, expandSlivers } from './expansion.js';

/** A request to a worker. */
export type ExpansionRequest =
  | {
      id: number;
      op: 'expand';
      nShards: number;
      type: SliverType;
      slivers: Uint8Array[];
      symbolSize: number;
      withSymbols: boolean;
    }
  | {
      id: number;
      op: 'decode';
      nShards: number;
      symbolSize: number;
      rows: number[];
      symbolsPerColumn: Uint8Array[][];
    }
  | { id: number; op: 'sign'; secretKey: Uint8Array; message: Uint8Array };

/** A worker's answer. */
export type ExpansionResponse =
  | { id: number; ok: true; op: 'expand'; value: ExpandedSliver[] }
  | { id: number; ok: true; op: 'decode'; value: Uint8Array[] }
  | { id: number; ok: true; op: 'sign'; value: Uint8Array }
  | { id: number; ok: false; error: string };

/** Jobs on fewer sliver bytes than this run on the calling thread (tens of microseconds). */
export const INLINE_EXPANSION_BYTES = 32 * 1024;

type Job = {
  request: ExpansionRequest;
  resolve: (value: ExpandedSliver[] | Uint8Array[] | Uint8Array) => void;
  reject: (error: Error) => void;
};

function workerEntry(): { url: URL; execArgv: string[] } {
  const here = new URL(import.meta.url);
  const typescript = here.pathname.endsWith('.ts');
  return {
    url: new URL(`./expansion-worker.${typescript ? 'ts' : 'js'}`, here),
    execArgv: typescript ? ['--import', 'tsx'] : [],
  };
}

/** The pool; see the module comment. */
export class ExpansionPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private workers = 0;
  private nextId = 0;

  /** @param size - number of worker threads; 0 runs everything on the calling thread */
  constructor(readonly size: number) {}

  /** Expands slivers (see `expandSlivers`). */
  async expand(
    nShards: number,
    type: SliverType,
    slivers: readonly Uint8Array[],
    symbolSize: number,
    withSymbols = false,
  ): Promise<ExpandedSliver[]> {
    const bytes = slivers.reduce((sum, sliver) => sum + sliver.length, 0);
    return this.offload(
      bytes,
      () => expandSlivers(nShards, type, slivers, symbolSize, withSymbols),
      (id) => ({ id, op: 'expand', nShards, type, slivers: [...slivers], symbolSize, withSymbols }),
    );
  }

  /** Rebuilds columns from `p` symbols each (see `decodeColumns`). */
  async decodeColumns(
    nShards: number,
    symbolSize: number,
    rows: readonly number[],
    symbolsPerColumn: readonly (readonly Uint8Array[])[],
  ): Promise<Uint8Array[]> {
    return this.offload(
      symbolsPerColumn.length * rows.length * symbolSize,
      () => decodeColumns(nShards, symbolSize, rows, symbolsPerColumn),
      (id) => ({
        id,
        op: 'decode',
        nShards,
        symbolSize,
        rows: [...rows],
        symbolsPerColumn: symbolsPerColumn.map((c) => [...c]),
      }),
    );
  }

  /**
   * `inline()` on the calling thread when the pool has no workers or the job is on fewer than
   * {@link INLINE_EXPANSION_BYTES} bytes, else the request `request(id)` on a worker.
   */
  private async offload<T>(
    bytes: number,
    inline: () => T,
    request: (id: number) => ExpansionRequest,
  ): Promise<T> {
    if (this.size === 0 || bytes < INLINE_EXPANSION_BYTES) return inline();
    return (await this.run(request(this.nextId++))) as T;
  }

  /** A BLS min_pk signature of `message` by `secretKey` (see `signWithSecretKey`), off the calling thread. */
  async sign(secretKey: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
    if (this.size === 0) return signWithSecretKey(secretKey, message);
    return (await this.run({ id: this.nextId++, op: 'sign', secretKey, message })) as Uint8Array;
  }

  private run(request: ExpansionRequest): Promise<ExpandedSliver[] | Uint8Array[] | Uint8Array> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker && this.workers < this.size) worker = this.spawn();
      if (!worker) return;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage(job.request);
    }
  }

  private spawn(): Worker {
    const { url, execArgv } = workerEntry();
    const worker = new Worker(url, { execArgv });
    this.workers++;
    worker.on('message', (response: ExpansionResponse) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (job) {
        if (response.ok) job.resolve(response.value);
        else job.reject(new Error(response.error));
      }
      this.pump();
    });
    worker.on('error', (error) => this.retire(worker, error));
    worker.on('exit', (code) => this.retire(worker, new Error(`expansion worker exited with code ${code}`)));
    return worker;
  }

  private retire(worker: Worker, error: Error): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    this.workers--;
    job?.reject(error);
    this.pump();
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }
}

let shared: ExpansionPool | undefined;

/** The process-wide pool: `WALRUS_EXPANSION_WORKERS` threads, default the number of cores (at most 4). */
export function sharedExpansionPool(): ExpansionPool {
  const configured = process.env.WALRUS_EXPANSION_WORKERS;
  shared ??= new ExpansionPool(
    configured !== undefined && /^\d+$/.test(configured)
      ? Number(configured)
      : Math.min(4, Math.max(1, availableParallelism())),
  );
  return shared;
}
