/**
 * Per-call context shared by both transports: request metadata, cancellation (client gone, deadline,
 * server shutdown) and the response headers a handler may add.
 */

import { RpcStatusError, StatusCode, statusFromAbortReason } from './status.js';

/** Request metadata: lower-case header names to values. */
export type RpcMetadataMap = Readonly<Record<string, string | string[]>>;

/** What a handler gets besides the request. */
export interface RpcCallContext {
  /** Which transport carried the call. */
  readonly transport: 'grpc-web' | 'in-process';
  /** Fully qualified service name, e.g. `sui.rpc.v2.LedgerService`. */
  readonly service: string;
  /** Method name as in the .proto file, e.g. `GetServiceInfo`. */
  readonly method: string;
  /** Request metadata (HTTP headers, or the call's `meta` in process), names in lower case. */
  readonly metadata: RpcMetadataMap;
  /**
   * Aborted when the call is over for the client: it went away or aborted, its deadline passed, or the
   * server is shutting down. The reason is always an {@link RpcStatusError}, so
   * `ctx.signal.throwIfAborted()` ends the call with the right status.
   */
  readonly signal: AbortSignal;
  /** The client's deadline (`grpc-timeout` / the call's `timeout`), if any. */
  readonly deadline: Date | undefined;
  /**
   * Adds a response header (metadata). Only before the response starts: for unary calls before the
   * handler returns, for streams before the first message is yielded.
   */
  setHeader(name: string, value: string): void;
}

export interface CallControllerInit {
  transport: RpcCallContext['transport'];
  service: string;
  method: string;
  metadata?: Record<string, string | string[] | undefined>;
  deadline?: Date;
  /** Signals that end the call when they abort (client abort, connection close, shutdown). */
  signals?: readonly (AbortSignal | undefined)[];
}

const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
/** Headers the transport owns. */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'grpc-status',
  'grpc-message',
  'grpc-encoding',
  'trailer',
]);

/** Longest delay `setTimeout` accepts; later deadlines are not armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Owns one call's context: transports create it, handlers only see {@link RpcCallContext}. */
export class CallController {
  readonly context: RpcCallContext;
  /** Headers handlers added with `setHeader`. */
  readonly responseHeaders: Record<string, string> = {};
  #headersSent = false;
  readonly #abort = new AbortController();
  readonly #cleanups: (() => void)[] = [];

  constructor(init: CallControllerInit) {
    const metadata: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(init.metadata ?? {})) {
      if (value !== undefined) metadata[name.toLowerCase()] = value;
    }
    this.context = {
      transport: init.transport,
      service: init.service,
      method: init.method,
      metadata: Object.freeze(metadata),
      signal: this.#abort.signal,
      deadline: init.deadline,
      setHeader: (name: string, value: string) => this.#setHeader(name, value),
    };

    for (const signal of init.signals ?? []) {
      if (!signal) continue;
      if (signal.aborted) {
        this.abort(statusFromAbortReason(signal.reason));
        continue;
      }
      const onAbort = () => this.abort(statusFromAbortReason(signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
      this.#cleanups.push(() => signal.removeEventListener('abort', onAbort));
    }

    if (init.deadline) {
      const expired = () => this.abort(new RpcStatusError(StatusCode.DEADLINE_EXCEEDED, 'Deadline exceeded'));
      const ms = init.deadline.getTime() - Date.now();
      if (ms <= 0) expired();
      else if (ms <= MAX_TIMER_MS) {
        const timer = setTimeout(expired, ms);
        timer.unref?.();
        this.#cleanups.push(() => clearTimeout(timer));
      }
    }
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Ends the call for the handler (first reason wins). */
  abort(reason: RpcStatusError): void {
    if (!this.#abort.signal.aborted) this.#abort.abort(reason);
  }

  /** Freezes the response headers: later `setHeader` calls throw. */
  markHeadersSent(): void {
    this.#headersSent = true;
  }

  /** Releases timers and listeners on the parent signals. Idempotent. */
  dispose(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  #setHeader(name: string, value: string): void {
    if (this.#headersSent) throw new Error(`cannot set header "${name}": the response has already started`);
    const lower = String(name).toLowerCase();
    if (!HEADER_NAME.test(lower)) throw new Error(`invalid header name "${name}"`);
    if (RESERVED_HEADERS.has(lower) || lower.startsWith('access-control-')) {
      throw new Error(`header "${name}" is set by the transport`);
    }
    const text = String(value);
    if (!HEADER_VALUE.test(text)) throw new Error(`invalid value for header "${name}"`);
    this.responseHeaders[lower] = text;
  }
}

/**
 * Settles like `promise`, or rejects with the signal's reason (as a status error) as soon as it aborts.
 * The losing promise's later rejection is absorbed.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(statusFromAbortReason(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(statusFromAbortReason(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
