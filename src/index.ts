/**
 * walrus-devkit's library entry point (`import { ... } from 'walrus-devkit'`).
 *
 * Keep this module cheap to import: user config files (`walrus.config.ts`) import `defineConfig` from here, so
 * anything heavy exported from this file is loaded every time a config is read.
 */

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
