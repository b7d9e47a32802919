import { CHAOS_DEFAULTS, DEVNET_DEFAULTS, DEVNET_LIMITS } from '../../devnet/defaults.js';

/** `walrus dev chaos` (declared with the devnet's defaults, which `runChaos()` uses). */
export { CHAOS_DEFAULTS };

import type { BuiltInNetworkName, NetworkConfig } from './types.js';

/** 1 SUI in MIST. */
export const MIST_PER_SUI = 1_000_000_000n;

/** Default values of every config key (the shape of `ResolvedConfig`, before paths are made absolute). */
export const DEFAULTS = {
  defaultNetwork: 'devnet',
  devnet: {
    // The devnet's own defaults are declared in devnet/defaults.ts (startDevnet uses the same values).
    nodes: DEVNET_DEFAULTS.nodes,
    shards: DEVNET_DEFAULTS.shards,
    /** How `config show` prints {@link DEVNET_DEFAULTS.epochDurationMs} (a test keeps the two equal). */
    epochDuration: '1h',
    epochDurationMs: DEVNET_DEFAULTS.epochDurationMs,
    accounts: {
      count: DEVNET_DEFAULTS.accounts,
      /** In SUI, as the config takes it. */
      balance: String(DEVNET_DEFAULTS.accountBalanceMist / MIST_PER_SUI),
    },
    ports: { ...DEVNET_DEFAULTS.ports, daemon: 31415, relay: 57391 },
    /** Shown default; the state goes to `<walrus home>/devnet` unless `devnet.stateDir` is set. */
    stateDir: '.walrus/devnet',
  },
  /** The walrus home under the project root when `$WALRUS_HOME` is not set. */
  home: '.walrus',
  /** The state's folder name inside the walrus home. */
  stateDirInHome: 'devnet',
  blob: {
    /** `walrus blob store` without --epochs: at least one full epoch of storage, whenever in an epoch it is stored. */
    epochs: 2,
  },
} as const;

/** `walrus daemon` (and the daemon `dev up` starts): the Walrus daemon's defaults (walrus-protocol.md §13). */
export const DAEMON_DEFAULTS = {
  host: '127.0.0.1',
  /** Aggregator and publisher. */
  port: DEFAULTS.devnet.ports.daemon,
  /** Upload relay. */
  relayPort: DEFAULTS.devnet.ports.relay,
  /** Largest body a publisher write accepts (the Rust publisher's default, 10,240 KiB). */
  maxBodyBytes: 10_240 * 1024,
  /** Largest blob the upload relay accepts, in bytes. */
  relayMaxBodyBytes: 512 * 1024 * 1024,
  /** How old a relay tip transaction may be (the real relay's default, 1 h). */
  tipFreshnessMs: 3_600_000,
} as const;

/** Limits enforced by validation; exported so commands and docs quote the same numbers. */
export const LIMITS = {
  ...DEVNET_LIMITS,
  /** Per-account balance in SUI. */
  balanceSui: { max: 1_000_000_000 },
  /** 0 asks for any free port. */
  port: { min: 0, max: 65_535 },
} as const;

export const BUILT_IN_NETWORKS: readonly BuiltInNetworkName[] = ['devnet', 'testnet', 'mainnet'];

/**
 * Public Walrus deployments. Object ids are those of `TESTNET_WALRUS_PACKAGE_CONFIG` / `MAINNET_WALRUS_PACKAGE_CONFIG`
 * in @mysten/walrus (`stakingPoolId` there is the Staking object); a unit test keeps them in sync.
 */
export const PUBLIC_NETWORKS: Record<'testnet' | 'mainnet', Required<NetworkConfig>> = {
  testnet: {
    rpcUrl: 'https://fullnode.testnet.sui.io:443',
    systemObjectId: '0x6c2547cbbc38025cf3adac45f63cb0a8d12ecf777cdc75a4971612bf97fdf6af',
    stakingObjectId: '0xbe46180321c30aab2f8b3501e24048377287fa708018a5b7c2792b35fe339ee3',
  },
  mainnet: {
    rpcUrl: 'https://fullnode.mainnet.sui.io:443',
    systemObjectId: '0x2134d52768ea07e8c43570ef975eb3e4c27a39fa6396bef985b5abc58d03ddd2',
    stakingObjectId: '0x10b9d30c28448939ce6c4d6c6e0ffce4a7f8a4ada8248bdad09ef8b70e4a3904',
  },
};
