export { BUILT_IN_NETWORKS, DEFAULTS, LIMITS, PUBLIC_NETWORKS } from './defaults.js';
export { defineConfig } from './define-config.js';
export { formatDuration, parseDuration } from './duration.js';
export {
  CONFIG_FILE_NAMES,
  type FindConfigOptions,
  type FoundConfig,
  findConfig,
  PACKAGE_JSON_KEY,
} from './find-config.js';
export {
  type LoadConfigOptions,
  loadConfig,
  type ResolveConfigContext,
  resolveConfig,
  resolveNetwork,
  suiToMist,
} from './resolve-config.js';
export type {
  BuiltInNetworkName,
  ConfigSource,
  DevnetAccountsConfig,
  DevnetConfig,
  DevnetPortsConfig,
  Duration,
  NetworkConfig,
  ResolvedConfig,
  ResolvedDevnetConfig,
  ResolvedNetworkConfig,
  WalrusConfig,
} from './types.js';
export { validateConfig } from './validate.js';
