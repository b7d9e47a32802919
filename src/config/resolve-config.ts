import { isAbsolute, join, resolve } from 'node:path';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { didYouMean } from '../util/suggest.js';
import { BUILT_IN_NETWORKS, DEFAULTS, MIST_PER_SUI, PUBLIC_NETWORKS } from './defaults.js';
import { type FindConfigOptions, findConfig } from './find-config.js';
import { listKeys } from './list-keys.js';
import type {
  ConfigSource,
  ResolvedConfig,
  ResolvedDevnetConfig,
  ResolvedNetworkConfig,
  WalrusConfig,
} from './types.js';
import { validateConfig } from './validate.js';
import { walrusHomeDir } from './walrus-home.js';

export interface ResolveConfigContext {
  /** Absolute project root; relative paths in the config (e.g. `devnet.stateDir`) resolve against it. */
  projectRoot: string;
  /** The file the config came from, named in error messages. */
  file?: string | undefined;
  source?: ConfigSource | undefined;
  /** The walrus home (default `$WALRUS_HOME`, else `<projectRoot>/.walrus`); the state defaults to `<home>/devnet`. */
  home?: string | undefined;
}

/**
 * The single place where a config becomes a {@link ResolvedConfig}: validates the raw value (throwing a
 * `CONFIG_INVALID` ConfigError naming each bad key), applies every default, makes paths absolute and builds the
 * network table. No I/O (the home comes from `context.home`, else `$WALRUS_HOME`).
 */
export function resolveConfig(raw: WalrusConfig | unknown, context: ResolveConfigContext): ResolvedConfig {
  const config = validateConfig(raw ?? {}, context.file);
  const projectRoot = resolve(context.projectRoot);
  const devnetInput = config.devnet ?? {};
  const accounts = devnetInput.accounts ?? {};
  const ports = { ...DEFAULTS.devnet.ports, ...anyPortsFollowRpc(devnetInput.ports), ...devnetInput.ports };
  // A configured stateDir is the project's (relative to its root); else the state belongs with its home, so two
  // devnets started from one directory with different homes never share one state.
  const stateDir =
    devnetInput.stateDir ?? join(walrusHomeDir(projectRoot, context.home), DEFAULTS.stateDirInHome);

  const devnet: ResolvedDevnetConfig = {
    nodes: devnetInput.nodes ?? DEFAULTS.devnet.nodes,
    shards: devnetInput.shards ?? DEFAULTS.devnet.shards,
    epochDurationMs: devnetInput.epochDuration ?? DEFAULTS.devnet.epochDurationMs,
    accounts: {
      count: accounts.count ?? DEFAULTS.devnet.accounts.count,
      balanceMist: suiToMist(accounts.balance ?? DEFAULTS.devnet.accounts.balance),
    },
    ports,
    stateDir: isAbsolute(stateDir) ? stateDir : resolve(projectRoot, stateDir),
  };

  const overrides = config.networks ?? {};
  const networks: Record<string, ResolvedNetworkConfig> = {
    devnet: {
      name: 'devnet',
      builtIn: true,
      local: true,
      rpcUrl: overrides.devnet?.rpcUrl ?? `http://127.0.0.1:${ports.rpc}`,
      systemObjectId: overrides.devnet?.systemObjectId,
      stakingObjectId: overrides.devnet?.stakingObjectId,
    },
  };
  for (const name of ['testnet', 'mainnet'] as const) {
    networks[name] = {
      name,
      builtIn: true,
      local: false,
      ...PUBLIC_NETWORKS[name],
      ...definedOnly(overrides[name]),
    };
  }
  for (const [name, network] of Object.entries(overrides)) {
    if ((BUILT_IN_NETWORKS as readonly string[]).includes(name)) continue;
    networks[name] = {
      name,
      builtIn: false,
      local: false,
      rpcUrl: network.rpcUrl!, // validateConfig requires it for custom networks
      systemObjectId: network.systemObjectId,
      stakingObjectId: network.stakingObjectId,
    };
  }

  return {
    projectRoot,
    configFile: context.file,
    source: context.source ?? (context.file ? 'file' : 'defaults'),
    defaultNetwork: config.defaultNetwork ?? DEFAULTS.defaultNetwork,
    explicitKeys: listKeys(config),
    devnet,
    networks,
  };
}

export interface LoadConfigOptions extends FindConfigOptions {
  /** Use this config object instead of looking for a file (source `inline`, project root `cwd`). */
  config?: WalrusConfig | undefined;
}

/**
 * Finds the project's config (see {@link findConfig}), or takes `options.config`, and resolves it.
 * This is what commands call; `--config` maps to `options.configFile`.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  if (options.config !== undefined) {
    return resolveConfig(options.config, {
      projectRoot: resolve(options.cwd ?? process.cwd()),
      source: 'inline',
    });
  }
  const found = await findConfig(options);
  return resolveConfig(found.raw, { projectRoot: found.projectRoot, file: found.file, source: found.source });
}

/**
 * Looks a network up by name (default: the config's `defaultNetwork`); throws `UNKNOWN_NETWORK` (exit 1) naming the
 * known ones.
 */
export function resolveNetwork(
  config: ResolvedConfig,
  name: string = config.defaultNetwork,
): ResolvedNetworkConfig {
  const network = Object.hasOwn(config.networks, name) ? config.networks[name] : undefined;
  if (network) return network;
  const known = Object.keys(config.networks);
  const suggestion = didYouMean(name, known);
  const where = config.configFile ?? 'walrus.config.ts';
  throw new UserError(
    ErrorCode.UnknownNetwork,
    `Unknown network "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}.`,
    {
      hint: `Known networks: ${known.join(', ')}. Add others under networks.<name> in ${where}.`,
    },
  );
}

/** Converts a decimal SUI amount (validated: digits, up to 9 decimals) to MIST. */
export function suiToMist(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * MIST_PER_SUI + BigInt(fraction.padEnd(9, '0'));
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A devnet on free ports (`rpc: 0`, how tests and parallel setups run) gets its daemon and relay on free ports
 * too, unless they are set: their fixed defaults would make two such devnets clash.
 */
function anyPortsFollowRpc(ports: { rpc?: number } | undefined): { daemon?: number; relay?: number } {
  return ports?.rpc === 0 ? { daemon: 0, relay: 0 } : {};
}
