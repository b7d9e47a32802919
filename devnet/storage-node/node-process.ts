/**
 * A storage node in its own child process (started with execa), so it can really be killed with
 * SIGKILL. The child follows the parent's {@link ChainView} over IPC (`ipc-chain-view.ts`) and is
 * driven with the same verbs as an in-process {@link StorageNode}.
 *
 * @example
 * const node = new StorageNodeProcess({ nodeId, chainView, dataDir, blsSecretKey });
 * await node.start();
 * await node.kill(); // kill -9
 * await node.start(); // same port, same directory
 */
import type { ChildProcess } from 'node:child_process';
import type { Server as NetServer } from 'node:net';
import { execaNode, type ResultPromise } from 'execa';
import type { IpcReply } from '../../src/util/ipc-reply.js';
import type { ChainView } from './chain-view.js';
import type { FaultSwitches } from './faults.js';
import type { GcReport } from './gc.js';
import { isChainViewMessage, serveChainView } from './ipc-chain-view.js';
import { NodeInstance } from './node-instance.js';
import type { RecoveryReport } from './recovery-queue.js';
import type { StorageNodeOptions, StorageNodeStats } from './storage-node.js';

/** Options of a node in a child process: those of a {@link StorageNode} that can cross a process boundary. */
export type StorageNodeProcessOptions = Omit<StorageNodeOptions, 'chainView' | 'log'> & {
  /** The chain view the child follows (served over IPC). */
  chainView: ChainView;
  /** Log sink for the child's output lines. @default none */
  log?: (line: string) => void;
};

/** Options sent to the child (`listenOn` crosses as a handle: `listenHandle` says one was sent). */
export type ChildStartOptions = Omit<StorageNodeOptions, 'chainView' | 'log' | 'listenOn'> & {
  verbose: boolean;
  listenHandle: boolean;
};

/** The message that carries the `listenOn` server's handle to the child (sent with Node's own `send`). */
export const LISTEN_HANDLE_MESSAGE = { type: 'storage-node-listen-handle' } as const;

export function isListenHandleMessage(message: unknown): boolean {
  return (message as { type?: unknown } | undefined)?.type === LISTEN_HANDLE_MESSAGE.type;
}

/** Control messages to the child. */
export type ChildCommand =
  | { op: 'start'; id: number; options: ChildStartOptions }
  | { op: 'stop'; id: number }
  | { op: 'setFaults'; id: number; faults: Partial<FaultSwitches> }
  | { op: 'wipe'; id: number }
  | { op: 'sync'; id: number }
  | { op: 'stats'; id: number }
  | { op: 'gc'; id: number }
  | { op: 'lose'; id: number; fraction: number }
  | { op: 'foreignSlivers'; id: number }
  | { op: 'exit'; id: number };

/** What a child's command returns. */
export type ChildReplyValue =
  | { port: number; pid: number; publicKey: Uint8Array }
  | FaultSwitches
  | RecoveryReport
  | StorageNodeStats
  | GcReport
  | number
  | string[]
  | null;

/** Replies from the child. */
export type ChildReply = IpcReply<ChildReplyValue>;

type ChildProcessOptions = {
  readonly node: true;
  ipc: true;
  serialization: 'advanced';
  nodeOptions: string[];
  stdout: 'pipe';
  stderr: 'pipe';
  reject: false;
  cleanup: true;
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Sends `server`'s listening socket to the child (Node's handle passing over the IPC channel). */
function sendHandle(child: ChildProcess, server: NetServer): Promise<void> {
  return new Promise((resolve, reject) =>
    child.send(LISTEN_HANDLE_MESSAGE, server, (error) => (error ? reject(error) : resolve())),
  );
}

/**
 * Sends a message to a child that may have died meanwhile (a chain-view answer arriving after `kill -9`): dropped
 * then. execa's `sendMessage` throws synchronously once the child has exited (not a rejected promise), which used
 * to surface as an unhandled rejection and crash the devnet's process (found by the chaos suite).
 */
export function sendOrDrop(child: { sendMessage(message: never): Promise<void> }, message: unknown): void {
  try {
    void child.sendMessage(message as never).catch(() => undefined);
  } catch {
    // the child has exited or disconnected
  }
}

/** The entry file next to this module, and how to run it (TypeScript sources need tsx). */
function entryOf(): { file: string; nodeOptions: string[] } {
  const here = new URL(import.meta.url);
  const typescript = here.pathname.endsWith('.ts');
  const file = new URL(`./node-process-entry.${typescript ? 'ts' : 'js'}`, here).pathname;
  return { file, nodeOptions: typescript ? ['--import', 'tsx'] : [] };
}

/** A storage node in a child process; see the module comment. */
export class StorageNodeProcess extends NodeInstance<StorageNodeProcessOptions> {
  private child: ResultPromise<ChildProcessOptions> | undefined;
  private nextId = 0;
  private readonly calls = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private pidValue: number | undefined;
  private exited: Promise<void> | undefined;

  constructor(options: StorageNodeProcessOptions) {
    super(options, 'child-process storage node');
  }

  /** The child's process id (while it runs). */
  get pid(): number | undefined {
    return this.pidValue;
  }

  /** Spawns the child and starts the node in it (concurrent calls share one start). */
  start(): Promise<void> {
    return this.lifecycle.start();
  }

  /** The start step of the lifecycle: spawns the child and starts the node in it. */
  protected async startSteps(): Promise<void> {
    const { file, nodeOptions } = entryOf();
    const child = execaNode(file, [], {
      ipc: true,
      serialization: 'advanced',
      nodeOptions,
      stdout: 'pipe',
      stderr: 'pipe',
      reject: false,
      cleanup: true,
    });
    this.child = child;
    const log = this.options.log;
    const forward = (chunk: Buffer) => {
      if (log) for (const line of chunk.toString('utf8').split('\n')) if (line) log(line);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    const chain = serveChainView(this.options.chainView, (message) => sendOrDrop(child, message));
    this.exited = (async () => {
      try {
        for await (const message of child.getEachMessage()) {
          if (isChainViewMessage(message)) chain.handle(message);
          else this.onReply(message as ChildReply);
        }
      } catch {
        // the child died
      }
      await child;
      chain.close();
      for (const call of this.calls.values()) call.reject(new Error(`storage node ${this.name} exited`));
      this.calls.clear();
      this.child = undefined;
      this.pidValue = undefined;
      this.lifecycle.exited();
    })();
    try {
      const { chainView: _chainView, log: _log, listenOn, ...rest } = this.options;
      // The first start hands the caller's bound server to the child, which serves on it: the port is never free.
      const reserved = this.boundPort === undefined ? listenOn : undefined;
      if (reserved) await sendHandle(child.nodeChildProcess, reserved);
      const started = (await this.command({
        op: 'start',
        options: {
          ...rest,
          port: this.boundPort ?? rest.port,
          verbose: Boolean(log),
          listenHandle: reserved !== undefined,
        },
      })) as { port: number; pid: number };
      // The child listens on its own copy of the socket now; this process lets go of its copy.
      reserved?.close();
      this.boundPort = started.port;
      this.pidValue = started.pid;
    } catch (error) {
      child.kill('SIGKILL');
      await this.exited;
      throw error;
    }
  }

  private onReply(reply: ChildReply): void {
    const call = this.calls.get(reply.id);
    if (!call) return;
    this.calls.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(new Error(reply.error));
  }

  private command(command: DistributiveOmit<ChildCommand, 'id'>): Promise<unknown> {
    const child = this.child;
    if (!child) return Promise.reject(this.stateError(command.op));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      child.sendMessage({ ...command, id } as ChildCommand).catch((error: unknown) => {
        this.calls.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  /** Stops the node and lets the child exit (concurrent calls share one stop). */
  stop(): Promise<void> {
    return this.lifecycle.stop();
  }

  /** The stop step of the lifecycle: stops the node, then lets the child exit. */
  protected async stopSteps(): Promise<void> {
    try {
      await this.command({ op: 'stop' });
      await this.child
        ?.sendMessage({ op: 'exit', id: this.nextId++ } satisfies ChildCommand)
        .catch(() => undefined);
    } finally {
      await this.exited;
    }
  }

  /** Kills the child with a signal (SIGKILL by default: nothing is flushed or closed). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.child) return;
    this.child.kill(signal);
    await this.exited; // the exit marks the node stopped
  }

  /** Stops (or, if it died, just starts) and starts again on the same port. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Changes fault switches in the child. */
  async setFaults(update: Partial<FaultSwitches>): Promise<FaultSwitches> {
    return (await this.command({ op: 'setFaults', faults: update })) as FaultSwitches;
  }

  /** Wipes the node's data (it then heals itself). */
  async wipe(): Promise<void> {
    await this.command({ op: 'wipe' });
  }

  /** Runs recovery now and waits for it. */
  async sync(): Promise<RecoveryReport> {
    return (await this.command({ op: 'sync' })) as RecoveryReport;
  }

  /** What the node stores. */
  async stats(): Promise<StorageNodeStats> {
    return (await this.command({ op: 'stats' })) as StorageNodeStats;
  }

  /** The "lose" fault in the child: drops `fraction` of its slivers and switches recovery off. */
  async lose(fraction: number): Promise<number> {
    return (await this.command({ op: 'lose', fraction })) as number;
  }

  /** Slivers the child stores for shards it does not hold (see `StorageNode.foreignSlivers`). */
  async foreignSlivers(): Promise<string[]> {
    return (await this.command({ op: 'foreignSlivers' })) as string[];
  }

  /** Runs garbage collection now. */
  async gc(): Promise<GcReport> {
    return (await this.command({ op: 'gc' })) as GcReport;
  }
}
