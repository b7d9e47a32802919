/**
 * Config types. `WalrusConfig` is what a user writes in `walrus.config.ts` (everything optional);
 * `ResolvedConfig` is what the rest of walrus-devkit consumes (everything defaulted, normalised and typed).
 */

/** A duration: milliseconds as a number, or a string with units such as `"500ms"`, `"30s"`, `"10m"`, `"1h30m"`. */
export type Duration = number | string;

/** Funded accounts the local devnet creates at genesis. */
export interface DevnetAccountsConfig {
  /** How many accounts (1..100). Default 10. */
  count?: number;
  /** SUI given to each account, in SUI (not MIST): a number or a decimal string, e.g. `1000` or `"0.5"`. Default 10000. */
  balance?: number | string;
}

/** Local ports of the devnet's services (all on 127.0.0.1). */
export interface DevnetPortsConfig {
  /** Sui RPC of the local ledger. Default 9000. */
  rpc?: number;
  /** Faucet. Default 9123. */
  faucet?: number;
  /** Admin API of the devnet controller. Default 9180. */
  admin?: number;
  /** First storage node's port; node `i` listens on `storageNodeBase + i` (0: free ports). Default 9200. */
  storageNodeBase?: number;
  /** Aggregator + publisher that `dev up` starts. Default 31415, or 0 (a free port) when `rpc` is 0. */
  daemon?: number;
  /** Upload relay that `dev up` starts. Default 57391, or 0 (a free port) when `rpc` is 0. */
  relay?: number;
}

/** The local devnet started by `walrus dev`. */
export interface DevnetConfig {
  /** Number of storage nodes (1..64). Default 4. */
  nodes?: number;
  /** Number of shards spread over the nodes (4..1000, at least one per node). Default 100. */
  shards?: number;
  /** Epoch length: milliseconds or a duration string (`"30s"`, `"10m"`). Default `"60s"`. */
  epochDuration?: Duration;
  /** Funded accounts: a count, or `{ count, balance }`. */
  accounts?: number | DevnetAccountsConfig;
  /** Ports of the devnet's services. */
  ports?: DevnetPortsConfig;
  /**
   * Where the devnet keeps its state, relative to the project root. Default `devnet` in the walrus home:
   * `.walrus/devnet`, or `$WALRUS_HOME/devnet` when that is set.
   */
  stateDir?: string;
}

/** A Walrus deployment to talk to. */
export interface NetworkConfig {
  /** Sui full node RPC URL (http or https). Required for networks that are not built in. */
  rpcUrl?: string;
  /** Object id of the Walrus `System` object. */
  systemObjectId?: string;
  /** Object id of the Walrus `Staking` object. */
  stakingObjectId?: string;
}

/** Names of the networks walrus-devkit knows without configuration. `devnet` is the local devnet. */
export type BuiltInNetworkName = 'devnet' | 'testnet' | 'mainnet';

/** The contents of `walrus.config.ts` (or .js/.mjs/.json/.yaml, or the `walrus` key of package.json). */
export interface WalrusConfig {
  /** Network used when `--network` is not given. Default `devnet`. */
  defaultNetwork?: BuiltInNetworkName | (string & {});
  /** The local devnet. */
  devnet?: DevnetConfig;
  /** Networks by name: overrides for the built-in `devnet`/`testnet`/`mainnet`, or custom ones. */
  networks?: Partial<Record<BuiltInNetworkName, NetworkConfig>> & Record<string, NetworkConfig>;
}

/** Where a resolved config came from. */
export type ConfigSource =
  /** A config file such as `walrus.config.ts`. */
  | 'file'
  /** The `walrus` key of a package.json. */
  | 'package.json'
  /** No config was found: built-in defaults. */
  | 'defaults'
  /** A config object passed in code (`resolveConfig({ config })`). */
  | 'inline';

export interface ResolvedDevnetConfig {
  nodes: number;
  shards: number;
  /** Epoch length in milliseconds. */
  epochDurationMs: number;
  accounts: {
    count: number;
    /** Balance of each account in MIST (1 SUI = 10^9 MIST). */
    balanceMist: bigint;
  };
  ports: Required<DevnetPortsConfig>;
  /** Absolute path. */
  stateDir: string;
}

export interface ResolvedNetworkConfig {
  name: string;
  /** True for devnet/testnet/mainnet. */
  builtIn: boolean;
  /** True for the local devnet run by walrus-devkit (its object ids come from the devnet state, not the config). */
  local: boolean;
  rpcUrl: string;
  /** Normalised (`0x` + 64 hex digits); undefined when not known from config (e.g. the local devnet before it starts). */
  systemObjectId: string | undefined;
  stakingObjectId: string | undefined;
}

/** The fully defaulted configuration, as every command sees it. */
export interface ResolvedConfig {
  /** Absolute directory the project lives in: the config file's directory, else the nearest package.json's, else cwd. */
  projectRoot: string;
  /** Absolute path of the file the config came from; undefined when built-in defaults were used. */
  configFile: string | undefined;
  source: ConfigSource;
  defaultNetwork: string;
  /** Dotted keys the config set (e.g. `devnet.nodes`); every other setting has its default. */
  explicitKeys: string[];
  devnet: ResolvedDevnetConfig;
  /** Every known network by name, built-in ones included. */
  networks: Record<string, ResolvedNetworkConfig>;
}
