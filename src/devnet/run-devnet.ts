import { join } from 'node:path';
import { type DevnetDescriptor, removeDescriptor, writeDescriptor } from '../../devnet/descriptor.js';
import { registerDevnetControls } from '../../devnet/devnet-controls.js';
import { createDevnetLog, logLedgerActivity } from '../../devnet/devnet-log.js';
import {
  DevnetStateMismatchError,
  type DevnetStateSettings,
  readDevnetState,
  type StateConflict,
  stateConflicts,
} from '../../devnet/index.js';
import { type BootStep, type Devnet, startDevnet } from '../../devnet/start-devnet.js';
import { LIMITS } from '../config/defaults.js';
import type { ResolvedConfig } from '../config/types.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { descriptorPath, walrusHome } from './devnet-paths.js';
import { formatSui } from './format-descriptor.js';

/** Options for starting the devnet in this process; unset ones come from the config. */
export interface RunDevnetOptions {
  config: ResolvedConfig;
  /** Start from a new genesis: delete the state directory first. */
  fresh?: boolean;
  /** Also hand every log line to this function (the log file gets them regardless). */
  echo?: (line: string) => void;
  onStep?: (step: BootStep, phase: 'start' | 'done') => void;
  rpcPort?: number;
  accounts?: number;
  stateDir?: string;
  nodes?: number;
  shards?: number;
  epochDurationMs?: number;
  nodeProcess?: 'in-process' | 'child';
}

/** A setting of this start: its value, and how the user asked for it (flag or config key), if they did. */
interface Setting<T> {
  value: T;
  /** `--nodes 10` or `devnet.nodes: 10`; undefined for a default. */
  askedAs: string | undefined;
}

interface DevnetSettings {
  nodes: Setting<number>;
  shards: Setting<number>;
  accounts: Setting<number>;
  accountBalance: Setting<bigint>;
  storageNodeBase: Setting<number>;
}

function devnetSettings(options: RunDevnetOptions): DevnetSettings {
  const { devnet: config, explicitKeys } = options.config;
  const inConfig = (...keys: string[]) => keys.find((key) => explicitKeys.includes(key));
  const setting = <T>(flag: string | undefined, flagValue: T | undefined, keys: string[], value: T) => {
    const key = inConfig(...keys);
    return {
      value: flagValue ?? value,
      askedAs:
        flagValue !== undefined
          ? `--${flag} ${String(flagValue)}`
          : key
            ? `${key}: ${String(value)}`
            : undefined,
    };
  };
  return {
    nodes: setting('nodes', options.nodes, ['devnet.nodes'], config.nodes),
    shards: setting('shards', options.shards, ['devnet.shards'], config.shards),
    accounts: setting(
      'accounts',
      options.accounts,
      ['devnet.accounts', 'devnet.accounts.count'],
      config.accounts.count,
    ),
    accountBalance: {
      value: config.accounts.balanceMist,
      askedAs: inConfig('devnet.accounts.balance')
        ? `devnet.accounts.balance: ${formatSui(config.accounts.balanceMist)}`
        : undefined,
    },
    storageNodeBase: setting(
      undefined,
      undefined,
      ['devnet.ports.storageNodeBase'],
      config.ports.storageNodeBase,
    ),
  };
}

/** Refuses impossible combinations (the config's own are refused when it loads; flags can make new ones). */
function checkTopology(settings: DevnetSettings, storageNodeBase: number): void {
  const { nodes, shards } = settings;
  if (shards.value < nodes.value) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `Every storage node needs at least one shard: ${shards.askedAs ?? `${shards.value} shards (the default)`} is fewer than ${nodes.askedAs ?? `${nodes.value} nodes (the default)`}.`,
      {
        hint: `Use at least as many shards as nodes, e.g. --nodes ${nodes.value} --shards ${Math.max(nodes.value, 100)}.`,
      },
    );
  }
  if (storageNodeBase !== 0 && storageNodeBase + nodes.value - 1 > LIMITS.port.max) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `${nodes.value} storage nodes from port ${storageNodeBase} do not fit below ${LIMITS.port.max + 1}.`,
      { hint: 'Lower devnet.ports.storageNodeBase in walrus.config.ts, or set it to 0 for any free ports.' },
    );
  }
}

/** Refuses settings asked for that the state in `stateDir` fixed otherwise, naming them and `--fresh`. */
function checkAgainstState(stateDir: string, state: DevnetStateSettings, settings: DevnetSettings): void {
  const asked = <K extends keyof DevnetSettings>(name: K): DevnetSettings[K]['value'] | undefined =>
    settings[name].askedAs ? settings[name].value : undefined;
  const conflicts = stateConflicts(state, {
    nodes: asked('nodes'),
    shards: asked('shards'),
    accounts: asked('accounts'),
    accountBalance: asked('accountBalance'),
    storageNodeBase: asked('storageNodeBase'),
  });
  if (conflicts.length === 0) return;
  const had = conflicts.map((c) => describeState(c)).join(', ');
  const wanted = conflicts.map((c) => settings[c.setting].askedAs).join(', ');
  throw new UserError(
    ErrorCode.DevnetStateMismatch,
    `The devnet state in ${stateDir} was created with ${had}; ${wanted} cannot change that (genesis and node registration fixed it).`,
    {
      hint: `Run \`walrus dev up --fresh\` with the same settings to replace that state with a new genesis (its chain and blobs are deleted once the new one is ready), or drop ${wanted} to resume it.`,
    },
  );
}

function describeState(conflict: StateConflict): string {
  switch (conflict.setting) {
    case 'nodes':
      return `${conflict.state} nodes`;
    case 'shards':
      return `${conflict.state} shards`;
    case 'accounts':
      return `${conflict.state} accounts`;
    case 'accountBalance':
      return `${formatSui(conflict.state)} per account`;
    case 'storageNodeBase':
      return `storage node ports ${conflict.state}`;
  }
}

/**
 * Starts the whole devnet in this process (ledger, contracts, storage nodes, epochs), adds its controls to the
 * admin API, logs to `.walrus/devnet.log` and writes the descriptor. `stop()` undoes all of it.
 */
export async function runDevnet(
  options: RunDevnetOptions,
): Promise<{ descriptor: DevnetDescriptor; devnet: Devnet; stop: () => Promise<void> }> {
  const { devnet: config } = options.config;
  const stateDir = options.stateDir ?? config.stateDir;
  const settings = devnetSettings(options);
  checkTopology(settings, config.ports.storageNodeBase);
  // Refused before anything is touched: settings the existing state fixed otherwise.
  const state = options.fresh ? undefined : readDevnetState(stateDir);
  if (state) checkAgainstState(stateDir, state, settings);
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
  const { descriptor } = devnet;
  log.write(
    `devnet ready: rpc ${descriptor.rpcUrl} faucet ${descriptor.faucetUrl} admin ${descriptor.adminUrl} chain ${descriptor.chainId} nodes ${descriptor.nodes?.length ?? 0} pid ${process.pid}`,
  );
  const path = descriptorPath(options.config);
  writeDescriptor(path, descriptor);
  return {
    descriptor,
    devnet,
    stop: async () => {
      removeDescriptor(path);
      stopLogging();
      await devnet.stop();
      log.write('devnet stopped');
    },
  };
}
