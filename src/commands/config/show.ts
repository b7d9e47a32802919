import { relative } from 'node:path';
import { BaseCommand } from '../../cli/base-command.js';
import { DEFAULTS, LIMITS } from '../../config/defaults.js';
import { formatDuration } from '../../config/duration.js';
import { findConfig } from '../../config/find-config.js';
import { resolveConfig, resolveNetwork } from '../../config/resolve-config.js';
import type { ResolvedConfig, ResolvedNetworkConfig } from '../../config/types.js';
import { findRunningDevnet } from '../../dev/devnet-paths.js';
import { formatToken } from '../../util/format.js';

/** A network as shown: object ids not known from the config are null. */
export type ShownNetwork = Omit<ResolvedNetworkConfig, 'systemObjectId' | 'stakingObjectId'> & {
  systemObjectId: string | null;
  stakingObjectId: string | null;
};

/** The `--json` document of `walrus config show`. */
export interface ConfigShowResult {
  /** Where the config came from: `file`, `package.json` or `defaults` (none found). */
  source: ResolvedConfig['source'];
  /** Absolute path of the config file, or null when the defaults are used. */
  configFile: string | null;
  projectRoot: string;
  /** The network commands would use with the same flags (`--network`, else `defaultNetwork`). */
  network: ShownNetwork;
  /** The fully resolved config. Durations are in ms, balances in MIST (as strings in JSON). */
  config: Pick<ResolvedConfig, 'defaultNetwork' | 'devnet'> & { networks: Record<string, ShownNetwork> };
  /** Dotted keys set explicitly in the config file; every other key has its default. */
  explicitKeys: string[];
  /** The ports the running devnet listens on (port 0 in the config means "any free port"), or null. */
  running: {
    rpcUrl: string;
    ports: { rpc: number; faucet: number; admin: number; storageNodes: number[] };
  } | null;
}

/** The port of a loopback URL such as `http://127.0.0.1:41329`. */
function portOf(url: string): number {
  return Number(new URL(url).port);
}

export default class ConfigShow extends BaseCommand<typeof ConfigShow> {
  static override summary = 'Show the resolved config and where it came from.';

  static override description =
    `Finds the config the way every command does (walrus.config.ts, .mts, .js, .mjs, .cjs, .json, .yaml or .yml, or a "walrus" key in package.json, from the working directory upward; --config overrides the search), validates it and prints every setting with its default filled in, marking the ones set in the file.

Keys (all optional; defaults in brackets):
- defaultNetwork: network used without --network [${DEFAULTS.defaultNetwork}]
- devnet.nodes: storage nodes, ${LIMITS.nodes.min} to ${LIMITS.nodes.max} [${DEFAULTS.devnet.nodes}]
- devnet.shards: shards, ${LIMITS.shards.min} to ${LIMITS.shards.max}, at least one per node [${DEFAULTS.devnet.shards}]
- devnet.epochDuration: milliseconds, or a string like "30s", "10m", "1h30m"; 100ms to 24d [${DEFAULTS.devnet.epochDuration}]
- devnet.accounts: funded accounts, a count (${LIMITS.accounts.min} to ${LIMITS.accounts.max}) or { count, balance } with balance in SUI [${DEFAULTS.devnet.accounts.count}, ${DEFAULTS.devnet.accounts.balance} SUI each]
- devnet.ports: { rpc [${DEFAULTS.devnet.ports.rpc}], faucet [${DEFAULTS.devnet.ports.faucet}], admin [${DEFAULTS.devnet.ports.admin}], storageNodeBase [${DEFAULTS.devnet.ports.storageNodeBase}] }; storage node i listens on storageNodeBase + i
- devnet.stateDir: where the devnet keeps its state, relative to the project root [${DEFAULTS.devnet.stateDir}, or $WALRUS_HOME/${DEFAULTS.stateDirInHome} when WALRUS_HOME is set]
- networks.<name>: { rpcUrl, systemObjectId, stakingObjectId }; devnet, testnet and mainnet are built in, other names need an rpcUrl`;

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --network testnet',
    '<%= config.bin %> <%= command.id %> --config ./configs/ci.walrus.config.ts',
  ];

  async run(): Promise<ConfigShowResult> {
    const found = await findConfig({ configFile: this.flags.config });
    const config = resolveConfig(found.raw, {
      projectRoot: found.projectRoot,
      file: found.file,
      source: found.source,
    });
    const network = resolveNetwork(config, this.flags.network);
    const explicitKeys = found.file ? config.explicitKeys : [];
    const result: ConfigShowResult = {
      source: config.source,
      configFile: config.configFile ?? null,
      projectRoot: config.projectRoot,
      network: withNulls(network),
      config: {
        defaultNetwork: config.defaultNetwork,
        devnet: config.devnet,
        networks: Object.fromEntries(
          Object.entries(config.networks).map(([name, n]) => [name, withNulls(n)]),
        ),
      },
      explicitKeys,
      running: runningPorts(config),
    };
    if (!this.jsonEnabled()) this.log(formatHuman(result, this.flags.network !== undefined));
    return result;
  }
}

function runningPorts(config: ResolvedConfig): ConfigShowResult['running'] {
  const running = findRunningDevnet(config);
  if (!running || !('descriptor' in running)) return null;
  const { descriptor } = running;
  return {
    rpcUrl: descriptor.rpcUrl,
    ports: {
      rpc: portOf(descriptor.rpcUrl),
      faucet: portOf(descriptor.faucetUrl),
      admin: portOf(descriptor.adminUrl),
      storageNodes: (descriptor.nodes ?? []).map((n) => portOf(n.url)),
    },
  };
}

/** Unknown object ids as explicit nulls in JSON (JSON.stringify would drop undefined keys). */
function withNulls(network: ResolvedNetworkConfig): ShownNetwork {
  return {
    ...network,
    systemObjectId: network.systemObjectId ?? null,
    stakingObjectId: network.stakingObjectId ?? null,
  };
}

function shortId(id: string | null): string {
  return id ? `${id.slice(0, 8)}…${id.slice(-4)}` : '(from devnet state)';
}

function formatHuman(result: ConfigShowResult, networkFromFlag: boolean): string {
  const { config } = result;
  const { devnet } = config;
  const explicit = new Set(result.explicitKeys);
  const mark = (...keys: string[]) =>
    keys.some((key) => [...explicit].some((k) => k === key || k.startsWith(`${key}.`))) ? '' : '  (default)';
  const rows = (entries: [string, string, string][]) => {
    const width = Math.max(...entries.map(([key]) => key.length));
    return entries.map(([key, value, note]) => `  ${key.padEnd(width)}  ${value}${note}`).join('\n');
  };
  const relativeState = relative(result.projectRoot, devnet.stateDir) || '.';
  const lastNodePort = devnet.ports.storageNodeBase + devnet.nodes - 1;

  const lines: string[] = [];
  if (result.source === 'defaults') {
    lines.push('Config:       none found (searched from the working directory upward); using defaults');
  } else {
    lines.push(
      `Config:       ${result.configFile}${result.source === 'package.json' ? ' ("walrus" key)' : ''}`,
    );
  }
  lines.push(`Project root: ${result.projectRoot}`);
  const running = result.running;
  const rpcUrl = result.network.local && running ? running.rpcUrl : result.network.rpcUrl;
  lines.push(
    `Network:      ${result.network.name} (${rpcUrl})${networkFromFlag ? ', from --network' : ', the default'}`,
  );
  const port = (configured: number) => (configured === 0 ? 'any free port' : String(configured));
  const nodePorts =
    devnet.ports.storageNodeBase === 0
      ? 'storage nodes any free ports'
      : `storage nodes ${devnet.ports.storageNodeBase}-${lastNodePort}`;
  const inUse = running
    ? `; in use: rpc ${running.ports.rpc}, faucet ${running.ports.faucet}, admin ${running.ports.admin}, storage nodes ${running.ports.storageNodes.join(', ')}`
    : '';
  lines.push('', 'devnet');
  lines.push(
    rows([
      ['nodes', String(devnet.nodes), mark('devnet.nodes')],
      ['shards', String(devnet.shards), mark('devnet.shards')],
      [
        'epochDuration',
        `${formatDuration(devnet.epochDurationMs)} (${devnet.epochDurationMs} ms)`,
        mark('devnet.epochDuration'),
      ],
      [
        'accounts',
        `${devnet.accounts.count} x ${formatToken(devnet.accounts.balanceMist, 'SUI')}`,
        mark('devnet.accounts'),
      ],
      [
        'ports',
        `rpc ${port(devnet.ports.rpc)}, faucet ${port(devnet.ports.faucet)}, admin ${port(devnet.ports.admin)}, ${nodePorts}${inUse}`,
        mark('devnet.ports'),
      ],
      [
        'stateDir',
        relativeState === devnet.stateDir ? devnet.stateDir : `${relativeState} (${devnet.stateDir})`,
        mark('devnet.stateDir'),
      ],
    ]),
  );
  lines.push('', `networks (default: ${config.defaultNetwork})`);
  lines.push(
    rows(
      Object.values(config.networks).map((network) => [
        network.name,
        `${network.local && running ? running.rpcUrl : network.rpcUrl}  system ${shortId(network.systemObjectId)}  staking ${shortId(network.stakingObjectId)}`,
        network.local ? '  (local devnet)' : network.builtIn ? '' : '  (custom)',
      ]),
    ),
  );
  return lines.join('\n');
}
