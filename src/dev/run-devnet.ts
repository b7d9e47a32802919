import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type BootStep,
  createDevnetLog,
  type Devnet,
  type DevnetDescriptor,
  DevnetStateMismatchError,
  logLedgerActivity,
  NotAStateDirError,
  registerDevnetControls,
  removeDescriptor,
  serializeDescriptor,
  startDevnet,
} from '../../devnet/index.js';
import { startDevnetDaemon } from '../daemon/devnet-daemon.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { writeFileSafelySync } from '../util/safe-write.js';
import { descriptorPath, walrusHome } from './devnet-paths.js';
import { checkDevnetStart, type DevnetStartRequest } from './devnet-settings.js';

/** CPU time this process used since it started (every thread), in ms: bench/devnet-start.ts reads it from the log. */
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

/** Options for starting the devnet in this process; unset ones come from the config. */
export interface RunDevnetOptions extends DevnetStartRequest {
  /** Also hand every log line to this function (the log file gets them regardless). */
  echo?: (line: string) => void;
  onStep?: (step: BootStep, phase: 'start' | 'done') => void;
  rpcPort?: number;
  epochDurationMs?: number;
  nodeProcess?: 'in-process' | 'child';
}

/**
 * Starts the whole devnet in this process (ledger, contracts, storage nodes, epochs), adds its controls to the
 * admin API, logs to `.walrus/devnet.log` and writes the descriptor. `stop()` undoes all of it.
 */
export async function runDevnet(
  options: RunDevnetOptions,
): Promise<{ descriptor: DevnetDescriptor; devnet: Devnet; stop: () => Promise<void> }> {
  const { devnet: config } = options.config;
  const { stateDir, settings, state } = checkDevnetStart(options);
  const log = createDevnetLog(join(walrusHome(options.config), 'devnet.log'), options.echo);
  let devnet: Devnet;
  try {
    devnet = await startDevnet({
      // A resumed state brings its own nodes, shards, accounts and node ports.
      ...(state
        ? { accounts: state.accounts ?? settings.accounts.value }
        : {
            nodes: settings.nodes.value,
            shards: settings.shards.value,
            accounts: settings.accounts.value,
            accountBalance: config.accounts.balanceMist,
          }),
      epochDurationMs: options.epochDurationMs ?? config.epochDurationMs,
      ports: {
        rpc: options.rpcPort ?? config.ports.rpc,
        faucet: config.ports.faucet,
        admin: config.ports.admin,
        ...(state ? {} : { storageNodeBase: config.ports.storageNodeBase }),
      },
      stateDir,
      fresh: options.fresh ?? false,
      ...(options.nodeProcess ? { nodeProcess: options.nodeProcess } : {}),
      log: (line) => log.write(line),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/already in use/.test(message)) {
      throw new UserError(ErrorCode.PortInUse, message, {
        hint: 'Stop the other process, or pick other ports with --port or devnet.ports in walrus.config.ts.',
      });
    }
    if (error instanceof NotAStateDirError) {
      throw new UserError(ErrorCode.InvalidArguments, `${error.message}.`, {
        hint: 'Point --state-dir (or devnet.stateDir) at a devnet state directory, or at a new one.',
      });
    }
    if (error instanceof DevnetStateMismatchError) {
      throw new UserError(ErrorCode.DevnetStateMismatch, error.message, {
        hint: 'Run `walrus dev up --fresh` for a new genesis.',
      });
    }
    if ((error as { code?: string }).code === 'LOCKED') {
      throw new UserError(ErrorCode.DevnetAlreadyRunning, message, { hint: 'Run `walrus dev down` first.' });
    }
    throw error;
  }
  registerDevnetControls(devnet, devnet.ledger.addAdminRoute);
  const stopLogging = logLedgerActivity(devnet.ledger.ledger, log);
  let daemons: Awaited<ReturnType<typeof startDevnetDaemon>>;
  try {
    daemons = await startDevnetDaemon(options.config, devnet, (line) => log.write(line));
  } catch (error) {
    stopLogging();
    await devnet.stop();
    const message = (error as Error).message;
    if (/already in use/.test(message)) {
      throw new UserError(ErrorCode.PortInUse, message, {
        hint: 'Stop the other process, or pick other ports with devnet.ports.daemon / devnet.ports.relay in walrus.config.ts.',
      });
    }
    throw error;
  }
  // Added to the devnet's own descriptor, so the admin API and the dashboard show the daemon too.
  const descriptor = Object.assign(devnet.descriptor, daemons.info);
  log.write(
    `devnet ready: rpc ${descriptor.rpcUrl} aggregator/publisher ${descriptor.aggregatorUrl} faucet ${descriptor.faucetUrl} admin ${descriptor.adminUrl} chain ${descriptor.chainId} nodes ${descriptor.nodes?.length ?? 0} pid ${process.pid} cpu ${processCpuMs()} ms`,
  );
  const path = descriptorPath(options.config);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSafelySync(path, serializeDescriptor(descriptor), { mode: 0o600 });
  return {
    descriptor,
    devnet,
    stop: async () => {
      removeDescriptor(path);
      await Promise.all(daemons.daemons.map((d) => d.close()));
      stopLogging();
      await devnet.stop();
      log.write('devnet stopped');
    },
  };
}
