import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Flags } from '@oclif/core';
import { type DevnetDescriptor, removeDescriptor } from '../../../devnet/cli-api.js';
import { BaseCommand } from '../../cli/base-command.js';
import { stateDirFlag } from '../../cli/shared-flags.js';
import { DEFAULTS, LIMITS } from '../../config/defaults.js';
import { formatDuration, parseDuration } from '../../config/duration.js';
import type { ResolvedConfig } from '../../config/types.js';
import { type DetachedStartRequest, startDetached } from '../../dev/detached-devnet.js';
import { findRunningDevnet, walrusHome } from '../../dev/devnet-paths.js';
import { checkDevnetStart, type DevnetStartRequest } from '../../dev/devnet-settings.js';
import { formatDescriptor } from '../../dev/format-descriptor.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { onInterrupt } from '../../util/interrupt.js';

/** How long `--detach` waits for the background devnet to be ready. */
const READY_TIMEOUT_MS = 60_000;

export default class DevUp extends BaseCommand<typeof DevUp> {
  static override summary = 'Start the local devnet.';

  static override description =
    `Starts the local devnet: an embedded Sui-compatible ledger with deterministic funded accounts, served on loopback as gRPC-Web (Sui's port 9000), a faucet (POST /v2/gas on 9123) and an admin API. State persists in the state directory across down/up; --fresh starts a new genesis (the old state is deleted once the new one is ready). On an existing state, --nodes, --shards and --accounts must match what it was created with (or be left out); --epoch-duration applies.

Runs in the foreground until Ctrl-C by default; --detach starts it in the background and returns once it is ready. Either way it writes devnet.json in the walrus home (.walrus/, or $WALRUS_HOME), which every other command reads; the state defaults to devnet/ there.`;

  static override examples = [
    '<%= config.bin %> dev up',
    '<%= config.bin %> dev up --detach',
    '<%= config.bin %> dev up --fresh --accounts 3 --port 9100',
    '<%= config.bin %> dev up --detach --json',
  ];

  static override flags = {
    port: Flags.integer({
      description: `RPC port (default devnet.ports.rpc, ${DEFAULTS.devnet.ports.rpc}).`,
      min: LIMITS.port.min,
      max: LIMITS.port.max,
    }),
    accounts: Flags.integer({
      description: 'Funded accounts at genesis (default devnet.accounts).',
      min: LIMITS.accounts.min,
      max: LIMITS.accounts.max,
    }),
    'state-dir': stateDirFlag,
    fresh: Flags.boolean({ description: 'Delete the state directory and start a new genesis.' }),
    detach: Flags.boolean({ description: 'Run in the background and return once ready.' }),
    nodes: Flags.integer({
      description: `Storage nodes (default devnet.nodes, ${DEFAULTS.devnet.nodes}); fixed by an existing state.`,
      min: LIMITS.nodes.min,
      max: LIMITS.nodes.max,
    }),
    shards: Flags.integer({
      description: `Shards, at least one per node (default devnet.shards, ${DEFAULTS.devnet.shards}); fixed by an existing state.`,
      min: LIMITS.shards.min,
      max: LIMITS.shards.max,
    }),
    'node-process': Flags.string({
      description:
        'Run the storage nodes in this process (cheap) or each in its own child process (so `kill -9` of one is real).',
      options: ['in-process', 'child'],
      default: 'in-process',
    }),
    'epoch-duration': Flags.string({
      description: `Walrus epoch length, e.g. 30s or 10m (default devnet.epochDuration, ${DEFAULTS.devnet.epochDuration}); 100ms to 24 days.`,
    }),
  };

  /** The settings this start asks for (checked by `checkDevnetStart`). */
  #startRequest(config: ResolvedConfig): DevnetStartRequest {
    return {
      config,
      fresh: this.flags.fresh,
      accounts: this.flags.accounts,
      stateDir: this.flags['state-dir'],
      nodes: this.flags.nodes,
      shards: this.flags.shards,
    };
  }

  /** `--epoch-duration` in ms, checked. */
  #epochDuration(): number | undefined {
    const text = this.flags['epoch-duration'];
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    const { min, max } = LIMITS.epochDurationMs;
    if (ms === undefined || ms < min || ms > max) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `--epoch-duration must be a duration between ${formatDuration(min)} and ${formatDuration(max - (max % 86_400_000))} (got "${text}").`,
        { hint: 'For example --epoch-duration 30s, 10m or 1h.' },
      );
    }
    return ms;
  }

  async run(): Promise<DevnetDescriptor> {
    // Flags are checked before anything else, so a bad value is reported whether or not a devnet runs.
    const epochDurationMs = this.#epochDuration();
    const config = await this.loadConfig();
    const running = findRunningDevnet(config);
    if (running && 'descriptor' in running) {
      throw new UserError(
        ErrorCode.DevnetAlreadyRunning,
        `A devnet is already running (pid ${running.descriptor.pid}, ${running.descriptor.rpcUrl}).`,
        { hint: 'Use it, or stop it first with `walrus dev down`.' },
      );
    }
    if (running && 'stale' in running) removeDescriptor(running.path, running.stale.pid);

    if (this.flags.detach) {
      // Refused here, before a child is started: impossible settings and those the existing state fixed.
      checkDevnetStart(this.#startRequest(config));
      return this.#detach(walrusHome(config), {
        ...this.#startRequest(config),
        rpcPort: this.flags.port,
        epochDurationMs,
        nodeProcess: this.flags['node-process'] as 'in-process' | 'child',
      });
    }

    // The network code is loaded only here: `--detach` (the parent) and `--help` never pay for it.
    const [{ runDevnet }, { bootTaskList }, { showDashboard }] = await Promise.all([
      import('../../dev/run-devnet.js'),
      import('../../ui/boot-progress.js'),
      import('../../ui/dashboard/show-dashboard.js'),
    ]);
    // On a terminal: a task list while booting, then the live dashboard. Otherwise plain log lines.
    const interactive = !this.jsonEnabled() && Boolean(process.stdout.isTTY && process.stdin.isTTY);
    const plainLines = !this.jsonEnabled() && !interactive;
    const progress = interactive ? await bootTaskList() : undefined;
    const started = performance.now();
    let run: Awaited<ReturnType<typeof runDevnet>>;
    try {
      run = await runDevnet({
        ...(plainLines ? { echo: (line: string) => process.stderr.write(`${line}\n`) } : {}),
        ...(progress ? { onStep: progress.onStep } : {}),
        ...(!interactive && !this.jsonEnabled()
          ? {
              onStep: (step: string, phase: string) =>
                phase === 'done' &&
                this.progress(`${step} ready (${Math.round(performance.now() - started)} ms)`),
            }
          : {}),
        ...this.#startRequest(config),
        rpcPort: this.flags.port,
        epochDurationMs,
        nodeProcess: this.flags['node-process'] as 'in-process' | 'child',
      });
    } catch (error) {
      progress?.fail(error);
      await progress?.finished;
      throw error;
    }
    await progress?.finished;
    const { descriptor, devnet, stop } = run;
    const elapsed = Math.round(performance.now() - started);
    if (this.jsonEnabled()) this.logJson(descriptor);
    else if (plainLines)
      this.log(`Devnet ready in ${elapsed} ms.\n\n${formatDescriptor(descriptor)}\n\nPress Ctrl-C to stop.`);
    const disposeInterrupt = await new Promise<() => void>((resolve) => {
      // The first Ctrl-C stops the devnet gracefully; another press while it stops exits at once.
      const dispose = onInterrupt((press) => (press === 1 ? resolve(dispose) : process.exit(130)));
      const shutdown = () => resolve(dispose);
      process.once('SIGTERM', shutdown);
      if (interactive) void showDashboard(devnet, shutdown);
    });
    this.progress('Stopping the devnet…');
    await stop();
    disposeInterrupt();
    // The descriptor was already printed; returning undefined keeps --json to that one document.
    return undefined as unknown as DevnetDescriptor;
  }

  /** Starts the devnet in a detached process (src/dev/detached-child.ts) and waits until it says it is ready. */
  async #detach(home: string, request: DetachedStartRequest): Promise<DevnetDescriptor> {
    mkdirSync(home, { recursive: true });
    const logFile = join(home, 'devnet.log');
    const descriptor = await startDetached({ request, logFile, timeoutMs: READY_TIMEOUT_MS });
    if (!this.jsonEnabled())
      this.log(
        `Devnet running in the background.\n\n${formatDescriptor(descriptor)}\n\nLogs: ${logFile}\nStop it with \`walrus dev down\`.`,
      );
    return descriptor;
  }
}
