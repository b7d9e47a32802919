import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import type { WalrusClient } from '@mysten/walrus';
import type { DevnetDescriptor } from './descriptor.js';
import type { InstanceStatus } from './instance.js';
import type { LedgerInstance } from './ledger/start-ledger.js';
import type { NodeHandle } from './node-handle.js';
import type { ChallengeOptions, ChallengeOutcome } from './walrus-chain/challenge-round.js';
import type { EpochDriver } from './walrus-chain/epoch-driver.js';
import type { WalrusDeployment } from './walrus-chain/walrus-transactions.js';

/** Options of {@link startDevnet}. Every field has a default, from `DEVNET_DEFAULTS` (devnet/defaults.ts), the CLI's too. */
export interface StartDevnetOptions {
  /** Storage nodes. @default DEVNET_DEFAULTS.nodes (11) */
  nodes?: number;
  /** Shards of the Walrus system (4–1000). @default DEVNET_DEFAULTS.shards (100) */
  shards?: number;
  /**
   * Walrus epoch length in ms; the devnet changes epochs on this clock unless `autoEpochs` is false.
   * @default DEVNET_DEFAULTS.epochDurationMs (3_600_000, an hour: `walrus dev up`'s default too)
   */
  epochDurationMs?: number;
  /** Change epochs on the wall clock. Tests usually turn this off and call `advanceEpoch()`. @default true */
  autoEpochs?: boolean;
  /** Funded user accounts (1–1000). @default DEVNET_DEFAULTS.accounts (10) */
  accounts?: number;
  /** SUI (MIST) per account. @default DEVNET_DEFAULTS.accountBalanceMist (10_000 SUI) */
  accountBalance?: bigint;
  /** WAL (FROST) each user account receives at genesis from the deployer. @default DEVNET_DEFAULTS.accountWalFrost (1000 WAL) */
  accountWal?: bigint;
  /**
   * Ports; 0 picks free ones. Node i listens on `storageNodeBase + i` (or a free port when 0 or absent).
   * @default DEVNET_DEFAULTS.ports for rpc, faucet and admin (9000, 9123, 9180)
   */
  ports?: { rpc?: number; faucet?: number; admin?: number; storageNodeBase?: number };
  /** State directory; omit for an in-memory ledger and temporary node directories (removed on stop). */
  stateDir?: string;
  /** Delete the state directory first. */
  fresh?: boolean;
  /** Sync journal writes to disk. @default DEVNET_DEFAULTS.fsync (true) */
  fsync?: boolean;
  /** Run each storage node in its own child process (real `kill -9`), or all in this one. @default 'in-process' */
  nodeProcess?: 'in-process' | 'child';
  /** Log lines (boot steps, epochs, node events). */
  log?: (line: string) => void;
  /** Progress of the boot steps, for task lists: called with a step name when it starts and ends. */
  onStep?: (step: BootStep, phase: 'start' | 'done') => void;
}

/** The boot steps, in order. */
export type BootStep = 'ledger' | 'contracts' | 'nodes' | 'epoch' | 'ready';

/** A storage node of a running devnet, with its fault switches. */
export interface DevnetNode {
  index: number;
  name: string;
  nodeId: string;
  capId: string;
  url: string;
  operator: Keypair;
  /** The node (in this process or a child process) with its fault switches. */
  node: NodeHandle;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A running devnet. */
export interface Devnet {
  descriptor: DevnetDescriptor;
  ledger: LedgerInstance;
  /** `SuiGrpcClient` over the in-process transport. */
  suiClient: SuiGrpcClient;
  /** The unmodified `WalrusClient`, configured for this devnet. */
  walrusClient: WalrusClient;
  /** Funded signers (SUI and WAL), the descriptor's accounts. */
  signers: Keypair[];
  nodes: DevnetNode[];
  deployment: WalrusDeployment;
  /** The account that deployed Walrus; holds the WAL not yet handed out (the devnet's WAL faucet). */
  deployer: Keypair;
  epochs: EpochDriver;
  /** Advances one Walrus epoch now (moves the ledger clock). */
  advanceEpoch(): Promise<number>;
  /**
   * Marks the chain state to return to (O(1)). Storage nodes keep their files: after a revert they follow the
   * reverted chain, and slivers of blobs that no longer exist are garbage-collected.
   */
  snapshot(): number;
  /**
   * Returns the chain to a snapshot (O(changes since)) and resolves once the storage nodes follow it: they forget
   * what the dropped checkpoints registered (and the slivers of blobs the chain no longer has).
   */
  revert(id: number): Promise<void>;
  /**
   * Runs one storage-challenge round (a devnet extension) to its outcome: opened by the deployer (the
   * devnet's operator), each challenged node proves its sample to its peers, certificates go on chain,
   * and at the deadline (the devnet moves its clock there) nodes without one fail.
   */
  challenge(options?: ChallengeOptions): Promise<ChallengeOutcome>;
  /** `started` once `startDevnet` resolves, then `stopping` and `stopped` (see devnet/instance.ts). */
  readonly status: InstanceStatus;
  /** Stops nodes, the epoch driver and the ledger; concurrent calls share one stop, later ones do nothing. */
  stop(): Promise<void>;
}
