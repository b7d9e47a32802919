/**
 * walrus-devkit's library entry point (`import { ... } from 'walrus-devkit'`).
 *
 * Keep this module cheap to import: user config files (`walrus.config.ts`) import `defineConfig` from here, so
 * anything heavy exported from this file is loaded every time a config is read.
 */

export type { DevnetDescriptor } from '../devnet/cli-api.js';
// The devnet and network clients, loaded on first use so that importing `defineConfig` stays cheap.
export type { Devnet, DevnetNode, StartDevnetOptions } from '../devnet/index.js';
export type { Connection } from './clients/connect.js';
// Config
export {
  BUILT_IN_NETWORKS,
  type BuiltInNetworkName,
  CONFIG_FILE_NAMES,
  type ConfigSource,
  DEFAULTS,
  type DevnetAccountsConfig,
  type DevnetConfig,
  type DevnetPortsConfig,
  type Duration,
  defineConfig,
  type FindConfigOptions,
  type FoundConfig,
  findConfig,
  formatDuration,
  LIMITS,
  type LoadConfigOptions,
  loadConfig,
  type NetworkConfig,
  PUBLIC_NETWORKS,
  parseDuration,
  type ResolveConfigContext,
  type ResolvedConfig,
  type ResolvedDevnetConfig,
  type ResolvedNetworkConfig,
  resolveConfig,
  resolveNetwork,
  suiToMist,
  validateConfig,
  type WalrusConfig,
} from './config/index.js';
// Errors
export {
  ConfigError,
  type ConfigIssue,
  ErrorCode,
  type ExitCode,
  isWalrusError,
  NetworkError,
  networkErrorFrom,
  toWalrusError,
  UserError,
  WalrusError,
  type WalrusErrorJson,
  type WalrusErrorOptions,
} from './errors/index.js';

/**
 * Starts a whole Walrus devnet in this process (ledger, contracts, storage nodes, epoch 1) and returns ready
 * clients, funded signers, the descriptor and its controls.
 * @example const devnet = await startDevnet({ autoEpochs: false, ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 } });
 */
export async function startDevnet(
  options?: import('../devnet/index.js').StartDevnetOptions,
): Promise<import('../devnet/index.js').Devnet> {
  const { startDevnet: start } = await import('../devnet/index.js');
  return start(options);
}

/**
 * Connects to a configured network (`devnet` through its descriptor, `testnet`, `mainnet` or a custom one) with
 * the official `SuiGrpcClient` and `WalrusClient`.
 * @example const { suiClient, walrusClient } = await connect('testnet');
 */
export async function connect(
  network?: string,
  options: { cwd?: string; configFile?: string } = {},
): Promise<import('./clients/connect.js').Connection> {
  const [{ connect: open }, { loadConfig }] = await Promise.all([
    import('./clients/connect.js'),
    import('./config/resolve-config.js'),
  ]);
  const config = await loadConfig({
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.configFile ? { configFile: options.configFile } : {}),
  });
  return open(config, network);
}
