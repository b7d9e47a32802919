/**
 * One lifecycle for everything the devnet runs (the devnet, the ledger instance, each storage node in this process
 * or a child process), in prool's shape: `status` goes idle → starting → started → stopping → stopped (and from
 * stopped it may start again). Concurrent `start()` calls share one in-flight start, concurrent `stop()` calls one
 * stop; a call the status does not allow fails with an {@link InstanceStateError} that names the status.
 */

/** Where an instance is in its lifecycle. */
export type InstanceStatus = 'idle' | 'starting' | 'started' | 'stopping' | 'stopped';

/** A call the instance's status does not allow, e.g. `cannot start: storage node node-3's status is "stopping"`. */
export class InstanceStateError extends Error {
  readonly code = 'INSTANCE_STATE';

  constructor(
    /** What the instance is, e.g. "storage node node-3". */
    readonly instance: string,
    /** What was asked, e.g. "start" or "lose slivers". */
    readonly action: string,
    readonly status: InstanceStatus,
  ) {
    super(`cannot ${action}: ${instance}'s status is "${status}"`);
    this.name = 'InstanceStateError';
  }
}

/** What an instance does to start and to stop. */
export interface LifecycleSteps {
  /**
   * Starts the instance; on failure it undoes what it set up before rethrowing. It may call `started()` once the
   * instance serves (the status turns `started` then), before work of its start that needs it running.
   */
  start(started: () => void): Promise<void>;
  /** Stops the started instance. */
  stop(): Promise<void>;
}

/**
 * The lifecycle of one instance. A failed start returns to the status it started from (idle or stopped); a failed
 * stop leaves it started, so stop can be tried again. `stop()` of an instance that is not running resolves at once.
 */
export class Lifecycle {
  #status: InstanceStatus = 'idle';
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(
    /** What the instance is, in errors: "storage node node-3", "the devnet". */
    readonly instance: string,
    private readonly steps: LifecycleSteps,
  ) {}

  get status(): InstanceStatus {
    return this.#status;
  }

  /** Starts from idle or stopped; while starting, returns the start in flight. */
  start(): Promise<void> {
    if (this.#status === 'starting' && this.#starting) return this.#starting;
    if (this.#status !== 'idle' && this.#status !== 'stopped')
      return Promise.reject(new InstanceStateError(this.instance, 'start', this.#status));
    const from = this.#status;
    this.#status = 'starting';
    const started = () => {
      if (this.#status === 'starting') this.#status = 'started';
    };
    this.#starting = this.steps.start(started).then(
      () => {
        this.#starting = undefined;
        if (this.#status === 'starting') this.#status = 'started';
      },
      (error: unknown) => {
        this.#starting = undefined;
        this.#status = from;
        throw error;
      },
    );
    return this.#starting;
  }

  /** Stops a started instance; while stopping, returns the stop in flight; idle or stopped: nothing to do. */
  stop(): Promise<void> {
    if (this.#status === 'stopping' && this.#stopping) return this.#stopping;
    if (this.#status === 'idle' || this.#status === 'stopped') return Promise.resolve();
    if (this.#status !== 'started')
      return Promise.reject(new InstanceStateError(this.instance, 'stop', this.#status));
    this.#status = 'stopping';
    this.#stopping = this.steps.stop().then(
      () => {
        this.#stopping = undefined;
        this.#status = 'stopped';
      },
      (error: unknown) => {
        this.#stopping = undefined;
        this.#status = 'started';
        throw error;
      },
    );
    return this.#stopping;
  }

  /** The instance stopped on its own (a child process exited, was killed): a started instance is now stopped. */
  exited(): void {
    if (this.#status === 'started') this.#status = 'stopped';
  }

  /** Throws an {@link InstanceStateError} for `action` unless the instance is started. */
  requireStarted(action: string): void {
    if (this.#status !== 'started') throw this.error(action);
  }

  /** The error for `action` in the current status. */
  error(action: string): InstanceStateError {
    return new InstanceStateError(this.instance, action, this.#status);
  }
}
