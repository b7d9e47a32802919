/**
 * The settings of a `walrus dev up`, checked before anything is touched (and before `--detach` starts a child):
 * no fewer shards than nodes, and nothing the existing state fixed otherwise. Light: no network code.
 */
import {
  type DevnetStateSettings,
  readDevnetState,
  type StateConflict,
  stateConflicts,
} from '../../devnet/cli-api.js';
import { LIMITS } from '../config/defaults.js';
import type { ResolvedConfig } from '../config/types.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { formatToken } from '../util/format.js';

/** What a start asks for; unset values come from the config. */
export interface DevnetStartRequest {
  config: ResolvedConfig;
  /** Start from a new genesis (the old state is deleted once the new one is ready). */
  fresh?: boolean | undefined;
  accounts?: number | undefined;
  stateDir?: string | undefined;
  nodes?: number | undefined;
  shards?: number | undefined;
}

/**
 * Checks a start before anything is touched; returns its settings and the existing state it resumes (undefined
 * for a new genesis). Throws a `UserError` naming what is wrong.
 */
export function checkDevnetStart(request: DevnetStartRequest): {
  stateDir: string;
  settings: DevnetSettings;
  state: DevnetStateSettings | undefined;
} {
  const stateDir = request.stateDir ?? request.config.devnet.stateDir;
  const settings = devnetSettings(request);
  checkTopology(settings, request.config.devnet.ports.storageNodeBase);
  const state = request.fresh ? undefined : readDevnetState(stateDir);
  if (state) checkAgainstState(stateDir, state, settings);
  return { stateDir, settings, state };
}

/** A setting of this start: its value, and how the user asked for it (flag or config key), if they did. */
interface Setting<T> {
  value: T;
  /** `--nodes 10` or `devnet.nodes: 10`; undefined for a default. */
  askedAs: string | undefined;
}

export interface DevnetSettings {
  nodes: Setting<number>;
  shards: Setting<number>;
  accounts: Setting<number>;
  accountBalance: Setting<bigint>;
  storageNodeBase: Setting<number>;
}

function devnetSettings(options: DevnetStartRequest): DevnetSettings {
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
        ? `devnet.accounts.balance: ${formatToken(config.accounts.balanceMist, 'SUI')}`
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
  const wanted = conflicts.map((c) => settings[c.setting].askedAs!);
  // The pasteable command repeats the flags asked for; config keys stay in the config.
  const flags = wanted.filter((w) => w.startsWith('--'));
  const fresh = ['walrus dev up --fresh', ...flags].join(' ');
  throw new UserError(
    ErrorCode.DevnetStateMismatch,
    `The devnet state in ${stateDir} was created with ${had}; ${wanted.join(', ')} cannot change that (genesis and node registration fixed it).`,
    {
      hint: `For a new genesis with these settings run \`${fresh}\` (the old chain and blobs are deleted once the new devnet is ready), or leave out ${wanted.join(', ')} to resume the existing devnet.`,
    },
  );
}

function describeState(conflict: StateConflict): string {
  switch (conflict.setting) {
    case 'nodes':
      return plural(conflict.state, 'node');
    case 'shards':
      return plural(conflict.state, 'shard');
    case 'accounts':
      return plural(conflict.state, 'account');
    case 'accountBalance':
      return `${formatToken(conflict.state, 'SUI')} per account`;
    case 'storageNodeBase':
      return `storage node ports ${conflict.state}`;
  }
}

function plural(count: string, noun: string): string {
  return `${count} ${noun}${count === '1' ? '' : 's'}`;
}
