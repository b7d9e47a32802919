/**
 * The runner's side of the devnet host (`devnet-host.ts`): starts it, sends it commands, kills it with SIGKILL
 * and starts it again on the same state directory and ports.
 */
import { execaNode, type ResultPromise } from 'execa';
import type { DevnetDescriptor } from '../descriptor.js';
import type { HostCommand, HostMessage, HostSettings } from './host-protocol.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type HostOptions = {
  readonly node: true;
  ipc: true;
  serialization: 'advanced';
  nodeOptions: string[];
  stdout: 'ignore';
  stderr: 'pipe';
  reject: false;
  cleanup: true;
};

/** The entry file next to this module, and how to run it (TypeScript sources need tsx). */
function entryOf(): { file: string; nodeOptions: string[] } {
  const here = new URL(import.meta.url);
  const typescript = here.pathname.endsWith('.ts');
  return {
    file: new URL(`./devnet-host.${typescript ? 'ts' : 'js'}`, here).pathname,
    nodeOptions: typescript ? ['--import', 'tsx'] : [],
  };
}

/** Whether a process is still alive (signal 0 probes without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once every pid has exited (polled: the processes are not our children). */
async function waitForExit(pids: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(alive)) {
    if (Date.now() > deadline)
      throw new Error(
        `Storage node processes ${pids.filter(alive).join(', ')} did not exit after the host died`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A devnet running in its own process; see the module comment. */
export class DevnetHostProcess {
  private child: ResultPromise<HostOptions> | undefined;
  private nextId = 0;
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private settings: HostSettings;
  descriptor: DevnetDescriptor | undefined;
  walType = '';
  /** The host's last log lines (kept even when not shown), for the report when it dies unasked. */
  private readonly tail: string[] = [];
  /** Set while this side kills or stops the host, so its exit is not reported as a crash. */
  private expectingExit = false;
  /** Called when the host exits without being asked to (a crash), with its last log lines. */
  onUnexpectedExit: ((tail: string[]) => void) | undefined;

  constructor(
    settings: Omit<HostSettings, 'resume' | 'ports'>,
    private readonly log: (line: string) => void,
  ) {
    this.settings = { ...settings, resume: false, ports: { rpc: 0, faucet: 0, admin: 0 } };
  }

  /** Starts the host and resolves with the devnet's descriptor once it is ready. */
  async start(): Promise<DevnetDescriptor> {
    const { file, nodeOptions } = entryOf();
    const child = execaNode(file, [JSON.stringify(this.settings)], {
      ipc: true,
      serialization: 'advanced',
      nodeOptions,
      stdout: 'ignore',
      stderr: 'pipe',
      reject: false,
      cleanup: true,
    });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.log(line);
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
      }
    });
    const ready = new Promise<DevnetDescriptor>((resolve, reject) => {
      void (async () => {
        try {
          for await (const message of child.getEachMessage()) {
            const m = message as HostMessage;
            if (m.type === 'ready') {
              this.walType = m.walType;
              resolve(m.descriptor);
            } else this.onReply(m);
          }
        } catch {
          // the host died
        }
        const result = await child;
        reject(new Error(`The devnet host exited (${result.signal ?? result.exitCode}) before it was ready`));
        for (const call of this.calls.values()) call.reject(new Error('The devnet host exited'));
        this.calls.clear();
        if (this.child === child && !this.expectingExit && this.descriptor) {
          this.child = undefined;
          this.onUnexpectedExit?.([`exit ${result.signal ?? result.exitCode}`, ...this.tail]);
        }
      })();
    });
    const descriptor = await ready;
    this.descriptor = descriptor;
    const port = (url: string) => Number(new URL(url).port);
    // A restart after a crash must come back on the same ports: clients keep their URLs.
    this.settings = {
      ...this.settings,
      resume: true,
      ports: {
        rpc: port(descriptor.rpcUrl),
        faucet: port(descriptor.faucetUrl),
        admin: port(descriptor.adminUrl),
      },
    };
    return descriptor;
  }

  private onReply(reply: Extract<HostMessage, { type: 'reply' }>): void {
    const call = this.calls.get(reply.id);
    if (!call) return;
    this.calls.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(new Error(reply.error));
  }

  /** Sends a command and resolves with the host's answer. */
  command<T>(command: DistributiveOmit<HostCommand, 'id'>): Promise<T> {
    const child = this.child;
    if (!child) return Promise.reject(new Error('The devnet host is not running'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.sendMessage({ ...command, id } as HostCommand).catch((error: unknown) => {
        this.calls.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  /** `kill -9` of the host (ledger, epoch driver), then waits until its storage nodes have exited too. */
  kill(): Promise<void> {
    return this.end('kill');
  }

  /** Makes the host die from an uncaught exception (`crash` command), then waits for its storage nodes too. */
  crash(): Promise<void> {
    return this.end('crash');
  }

  private async end(how: 'kill' | 'crash'): Promise<void> {
    const child = this.child;
    if (!child) return;
    const pids = (
      await this.command<Array<number | null>>({ op: 'pids' }).catch(() => [] as Array<number | null>)
    ).filter((p): p is number => p !== null);
    this.expectingExit = true;
    if (how === 'kill') child.kill('SIGKILL');
    else await this.command({ op: 'crash' }).catch(() => child.kill('SIGKILL'));
    await child;
    this.child = undefined;
    this.expectingExit = false;
    await waitForExit(pids, 30_000);
  }

  /** Stops the devnet cleanly and waits for the host to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectingExit = true;
    await child.sendMessage({ op: 'stop', id: this.nextId++ } satisfies HostCommand).catch(() => undefined);
    await child;
    this.child = undefined;
  }
}
