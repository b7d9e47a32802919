/**
 * What a storage node in this process (`StorageNode`) and one in a child process
 * (`StorageNodeProcess`) share: the name, the lifecycle and the address the node listens on (the
 * port bound at the first start, kept across restarts).
 */
import { type InstanceStateError, type InstanceStatus, Lifecycle } from '../instance.js';

/** The options both kinds of node read here. */
export interface NodeInstanceOptions {
  nodeId: string;
  name?: string;
  host?: string;
}

/** A storage node's name, lifecycle and address; subclasses give the start and stop steps. */
export abstract class NodeInstance<O extends NodeInstanceOptions> {
  protected readonly lifecycle: Lifecycle;
  /** The port the node listens on, once bound. */
  protected boundPort: number | undefined;
  /** The node's name in logs and errors. */
  readonly name: string;

  /** `kind` names the instance in errors: "storage node", "child-process storage node". */
  constructor(
    readonly options: O,
    kind: string,
  ) {
    this.name = options.name ?? `node ${options.nodeId.slice(0, 10)}`;
    this.lifecycle = new Lifecycle(`${kind} ${this.name}`, {
      start: (started) => this.startSteps(started),
      stop: () => this.stopSteps(),
    });
  }

  /** The start step of the lifecycle (see `LifecycleSteps.start`). */
  protected abstract startSteps(started: () => void): Promise<void>;

  /** The stop step of the lifecycle. */
  protected abstract stopSteps(): Promise<void>;

  /** The lifecycle state. */
  get status(): InstanceStatus {
    return this.lifecycle.status;
  }

  /** The node's id. */
  get nodeId(): string {
    return this.options.nodeId;
  }

  /** The port (known once started, kept across restarts). */
  get port(): number {
    if (this.boundPort === undefined) throw this.stateError('read its port');
    return this.boundPort;
  }

  /** `host:port`, what the chain's `network_address` must hold. */
  get networkAddress(): string {
    return `${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** `http://host:port`, the SDK's node URL. */
  get url(): string {
    return `http://${this.networkAddress}`;
  }

  /** An {@link InstanceStateError} for `action` in the node's status. */
  protected stateError(action: string): InstanceStateError {
    return this.lifecycle.error(action);
  }
}
