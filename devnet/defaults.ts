/**
 * The devnet's defaults and limits, declared once: `startDevnet` and `startLedger` use them, and the CLI's config
 * (`src/config/defaults.ts`) takes them from here. Light on purpose (no imports): config loading reads it without
 * loading the ledger; it is exported from `walrus-devkit/devnet` and, alone, from `walrus-devkit/devnet/defaults`.
 */

/** 1 SUI in MIST (and 1 WAL in FROST: both have 9 decimals). */
const ONE_COIN = 1_000_000_000n;

export const DEVNET_DEFAULTS = {
  /**
   * 11 nodes of 9–10 shards: more than 10, because @mysten/walrus 1.2.13's metadata fallback throws
   * `RangeError: Invalid array length` with 10 committee nodes or fewer once the first node it asks fails
   * (docs/architecture.md, "Default topology"); public networks have 100+. f = 33 shards = any 3 nodes.
   */
  nodes: 11,
  shards: 100,
  /**
   * An hour, with blobs stored for 2 epochs by default: a quick-start blob lives at least an hour (one full epoch),
   * where 60 s epochs and 1-epoch blobs lost it within two minutes. `walrus epoch advance` moves on at will.
   */
  epochDurationMs: 3_600_000,
  /** Funded user accounts at genesis. */
  accounts: 10,
  /** SUI (MIST) each account receives at genesis: 10,000 SUI. */
  accountBalanceMist: 10_000n * ONE_COIN,
  /** WAL (FROST) each account receives at genesis: 1,000 WAL. */
  accountWalFrost: 1_000n * ONE_COIN,
  /** Sui's own ports for RPC and faucet; node i listens on `storageNodeBase + i`. */
  ports: { rpc: 9000, faucet: 9123, admin: 9180, storageNodeBase: 9200 },
  /** Sync each journal write to disk. */
  fsync: true,
} as const;

/** What a devnet can be started with (the CLI's flags and config validation quote the same numbers). */
export const DEVNET_LIMITS = {
  nodes: { min: 1, max: 64 },
  shards: { min: 4, max: 1000 },
  /** 100 ms .. 2^31-1 ms (the longest delay a Node timer supports, about 24.8 days). */
  epochDurationMs: { min: 100, max: 2_147_483_647 },
  /** Account i is derived at index i; the faucet's key is at index 1000, so 1000 accounts is the ceiling. */
  accounts: { min: 1, max: 1000 },
} as const;

/** Storage challenges, a devnet extension (docs/challenges.md): `challenge config` changes them on a running devnet. */
export const CHALLENGE_DEFAULTS = {
  /** Blobs sampled per node: the contract's maximum. */
  sampleSize: 64,
  /** How long certificates are accepted, in ms of chain time (the devnet then moves its clock to the deadline). */
  windowMs: 60_000,
  /** `stake`: burn a share of the pool's stake per shard held; `commission`: burn its commission (mainnet's slashing). */
  penalty: 'stake' as 'stake' | 'commission',
  /** Basis points of the pool's stake a failed node pays per shard it holds (100 = 1 %; 9 shards: 9 %). */
  penaltyBpsPerShard: 100,
  /** Automatic rounds, once per epoch. */
  auto: false,
  /** Where in each epoch an automatic round opens, as a fraction of the epoch (the paper: near its end). */
  autoAtFraction: 0.6,
} as const;

/** `walrus dev chaos` and `runChaos()` (docs/chaos.md). */
export const CHAOS_DEFAULTS = {
  duration: '3m',
  durationMs: 180_000,
  /** Each node is a process; 7 keeps a run light (the SDK's read refusals with ≤ 10 nodes are retried). */
  nodes: 7,
  shards: 100,
  /** Epochs of seconds, so a run crosses dozens of epoch changes. */
  epochDurationMs: 5_000,
  writers: 3,
  readers: 2,
  /**
   * WAL each of the run's accounts gets at genesis: the staker stakes 20–150 WAL per `stake` fault, and the
   * devnet's 1000 WAL lasted only a dozen of them (about 5 minutes).
   */
  accountWal: 20_000,
  maxBlobBytes: 8 * 1024 * 1024,
} as const;
