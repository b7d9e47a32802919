import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Keypair } from '@mysten/sui/cryptography';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import { DEFAULTS } from '../src/config/defaults.js';
import { deployWalrus, walrusPackageAddresses } from './contract-runtime/deploy.js';
import { walrusLedgerModules } from './contract-runtime/natives/index.js';
import type { DevnetDescriptor } from './descriptor.js';
import {
  beginStateTransaction,
  type DevnetMetadata,
  DevnetStateMismatchError,
  readDevnetMetadata,
  readDevnetState,
  stateConflicts,
  writeDevnetMetadata,
} from './devnet-state.js';
import { accountKeypair, devnetKeypair } from './ledger/genesis/accounts.js';
import { type LedgerInstance, startLedger } from './ledger/start-ledger.js';
import { childProcessHandle, inProcessHandle, type NodeHandle } from './node-handle.js';
import { nodeIdentity } from './node-identity.js';
import { StorageNodeProcess } from './storage-node/node-process.js';
import { StorageNode } from './storage-node/storage-node.js';
import {
  type ChallengeOptions,
  type ChallengeOutcome,
  runChallengeRound,
} from './walrus-chain/challenge-round.js';
import { EpochDriver } from './walrus-chain/epoch-driver.js';
import { SuiChainView } from './walrus-chain/sui-chain-view.js';
import {
  exchangeSuiForWal,
  fundExchangeWithSui,
  registerCandidate,
  sendWal,
  stakeWithPool,
  type WalrusDeployment,
} from './walrus-chain/walrus-transactions.js';

/** Options of {@link startDevnet}. Every field has a default (src/config/defaults.ts): 11 nodes, 100 shards. */
export interface StartDevnetOptions {
  /** Storage nodes. @default DEFAULTS.devnet.nodes (11) */
  nodes?: number;
  /** Shards of the Walrus system (4–1000). @default 100 */
  shards?: number;
  /** Walrus epoch length in ms; the devnet changes epochs on this clock unless `autoEpochs` is false. @default 60_000 */
  epochDurationMs?: number;
  /** Change epochs on the wall clock. Tests usually turn this off and call `advanceEpoch()`. @default true */
  autoEpochs?: boolean;
  /** Funded user accounts. @default 10 */
  accounts?: number;
  /** SUI (MIST) per account. @default 10_000 SUI */
  accountBalance?: bigint;
  /** WAL (FROST) each user account receives at genesis through the exchange. @default 1000 WAL */
  accountWal?: bigint;
  /** Ports; 0 picks free ones. Node i listens on `storageNodeBase + i` (or a free port when 0). */
  ports?: { rpc?: number; faucet?: number; admin?: number; storageNodeBase?: number };
  /** State directory; omit for an in-memory ledger and temporary node directories (removed on stop). */
  stateDir?: string;
  /** Delete the state directory first. */
  fresh?: boolean;
  /** Sync journal writes to disk. @default true */
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
  /** Returns the chain to a snapshot (O(changes since)); the nodes re-read the chain. */
  revert(id: number): Promise<void>;
  /**
   * Runs one storage-challenge round (a devnet extension) to its outcome: opened by the deployer (the
   * devnet's operator), each challenged node proves its sample to its peers, certificates go on chain,
   * and at the deadline (the devnet moves its clock there) nodes without one fail.
   */
  challenge(options?: ChallengeOptions): Promise<ChallengeOutcome>;
  /** Stops nodes, the epoch driver and the ledger. */
  stop(): Promise<void>;
}

/**
 * On a failed boot: closes a node's reserved port unless a started node took its socket over (a node closes what
 * it adopted when it stops).
 */
function closeUnadopted(server: Server, nodes: DevnetNode[], index: number): void {
  if (nodes[index]?.node.status === 'started' || nodes[index]?.node.status === 'stopped') return;
  if (server.listening) server.close();
}

/** The account that publishes the Walrus packages (keeps the WAL treasury's remainder). */
function walrusDeployer(): Keypair {
  return devnetKeypair("m/44'/784'/1001'/0'/0'");
}

/**
 * Binds a node's port on loopback now (`port`, or any free one for 0), before its address goes on chain at
 * registration; the node then serves on this very socket (`listenOn`), so the registered port is never let go.
 */
function reserveNodePort(port: number, name: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Storage node ${name}: port ${port} on 127.0.0.1 is already in use`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const WAL = 1_000_000_000n;
/** Each node operator's own stake. */
const NODE_STAKE = 1_000n * WAL;
/** The nodes' price votes, FROST per MiB: Walrus's deployment defaults (the local testbed uses 5 and 1). */
const STORAGE_PRICE = 100_000n;
const WRITE_PRICE = 20_000n;

/**
 * Registers, funds and stakes the nodes of `0..count-1` that `metadata` does not know yet, and adds them to it
 * in index order; returns the sockets their ports were reserved on (see {@link reserveNodePort}), which
 * `onReserved` is told of at once so a failed boot closes them. Funding goes through the faucet one node at a
 * time (one faucet coin); each operator's own transactions (exchange, register, stake) then run for all nodes at
 * once, since they touch only the operator's coins and the shared objects.
 */
async function registerNewNodes(
  suiClient: SuiGrpcClient,
  ledger: LedgerInstance,
  deployment: WalrusDeployment,
  metadata: DevnetMetadata,
  count: number,
  options: StartDevnetOptions,
  log: (line: string) => void,
  onReserved: (index: number, server: Server) => void,
): Promise<Map<number, Server>> {
  const missing = Array.from({ length: count }, (_, index) => index).filter(
    (index) => !metadata.nodes.some((n) => n.index === index),
  );
  const reserved = new Map<number, Server>();
  const ports = new Map<number, number>();
  for (const index of missing) {
    const base = options.ports?.storageNodeBase;
    const server = await reserveNodePort(base ? base + index : 0, nodeIdentity(index).name);
    reserved.set(index, server);
    onReserved(index, server);
    ports.set(index, (server.address() as AddressInfo).port);
    await ledger.fund(nodeIdentity(index).operator.toSuiAddress(), 100_000n * WAL);
  }
  const registered = await Promise.all(
    missing.map(async (index) => {
      const identity = nodeIdentity(index);
      const port = ports.get(index)!;
      await exchangeSuiForWal(suiClient, identity.operator, deployment, NODE_STAKE + 100n * WAL);
      const { nodeId, capId } = await registerCandidate(suiClient, identity.operator, deployment, {
        name: identity.name,
        networkAddress: `127.0.0.1:${port}`,
        publicKey: identity.bls.publicKey,
        // Nodes join in epoch 0, before the first committee.
        proofOfPossession: identity.bls.proofOfPossession(0, identity.operator.toSuiAddress()),
        networkPublicKey: new Uint8Array(33).fill(2),
        commissionBps: 1000,
        storagePrice: STORAGE_PRICE,
        writePrice: WRITE_PRICE,
        capacity: 1n << 40n,
      });
      await stakeWithPool(suiClient, identity.operator, deployment, nodeId, NODE_STAKE);
      log(`${identity.name} registered as ${nodeId} on port ${port}`);
      return { index, nodeId, capId, port };
    }),
  );
  metadata.nodes.push(...registered);
  return reserved;
}

/**
 * Starts a whole Walrus devnet in this process: ledger → contracts → nodes registered with proofs of possession
 * and staked → epoch 1 → ready. On a state directory that already holds a devnet, it resumes it instead.
 * @example const devnet = await startDevnet({ shards: 100, autoEpochs: false, ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 } });
 */
export async function startDevnet(options: StartDevnetOptions = {}): Promise<Devnet> {
  const nShards = options.shards ?? DEFAULTS.devnet.shards;
  const nodeCount = options.nodes ?? DEFAULTS.devnet.nodes;
  const epochDurationMs = options.epochDurationMs ?? DEFAULTS.devnet.epochDurationMs;
  if (nShards < nodeCount)
    throw new Error(
      `A devnet needs at least one shard per node (got ${nShards} shards for ${nodeCount} nodes)`,
    );
  const existing = resumableState(options);
  const stateTransaction = options.stateDir
    ? beginStateTransaction(options.stateDir, options.fresh ?? false)
    : undefined;
  try {
    const devnet = await bootDevnet(options, existing, { nShards, nodeCount, epochDurationMs });
    stateTransaction?.commit();
    return devnet;
  } catch (error) {
    stateTransaction?.rollback();
    throw error;
  }
}

/**
 * The metadata of the state directory's devnet when this start resumes it (not `fresh`), after checking that no
 * option asks for what the state fixed otherwise ({@link DevnetStateMismatchError}).
 */
function resumableState(options: StartDevnetOptions): DevnetMetadata | undefined {
  if (!options.stateDir || options.fresh) return undefined;
  const state = readDevnetState(options.stateDir);
  if (!state) return undefined;
  const conflicts = stateConflicts(state, {
    nodes: options.nodes,
    shards: options.shards,
    accounts: options.accounts,
    accountBalance: options.accountBalance,
    storageNodeBase: options.ports?.storageNodeBase,
  });
  if (conflicts.length > 0) throw new DevnetStateMismatchError(options.stateDir, conflicts);
  return readDevnetMetadata(options.stateDir);
}

async function bootDevnet(
  options: StartDevnetOptions,
  existing: DevnetMetadata | undefined,
  { nShards, nodeCount, epochDurationMs }: { nShards: number; nodeCount: number; epochDurationMs: number },
): Promise<Devnet> {
  const log = options.log ?? (() => {});
  const step = options.onStep ?? (() => {});
  const addresses = existing?.addresses ?? walrusPackageAddresses();

  step('ledger', 'start');
  const ledger = await startLedger({
    rpcPort: options.ports?.rpc ?? DEFAULTS.devnet.ports.rpc,
    faucetPort: options.ports?.faucet ?? DEFAULTS.devnet.ports.faucet,
    adminPort: options.ports?.admin ?? DEFAULTS.devnet.ports.admin,
    accounts: existing?.accounts ?? options.accounts ?? DEFAULTS.devnet.accounts.count,
    accountBalance: existing?.accountBalance
      ? BigInt(existing.accountBalance)
      : (options.accountBalance ?? 10_000n * WAL),
    ...(options.stateDir ? { stateDir: join(options.stateDir, 'ledger') } : {}),
    fsync: options.fsync ?? true,
    ledger: { modules: walrusLedgerModules(addresses) },
  });
  const nodeDirs = options.stateDir
    ? join(options.stateDir, 'nodes')
    : mkdtempSync(join(tmpdir(), 'walrus-devnet-nodes-'));
  const cleanups: Array<() => Promise<void> | void> = [() => ledger.stop()];
  if (!options.stateDir) cleanups.push(() => rmSync(nodeDirs, { recursive: true, force: true }));
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const suiClient = new SuiGrpcClient({ network: 'localnet', transport: ledger.transport });
    const signers = ledger.accounts.map(accountKeypair);
    step('ledger', 'done');

    step('contracts', 'start');
    let metadata = existing;
    if (!metadata) {
      // A dedicated deployer keeps the WAL treasury's remainder away from the user accounts.
      const deployer = walrusDeployer();
      await ledger.fund(deployer.toSuiAddress(), 1000n * WAL);
      const deployed = deployWalrus(ledger.ledger, {
        deployer: deployer.toSuiAddress(),
        nShards,
        epochDurationMs: BigInt(epochDurationMs),
        epochZeroDurationMs: 0n,
      });
      const deployment: WalrusDeployment = {
        addresses,
        systemObjectId: deployed.objects.system,
        stakingObjectId: deployed.objects.staking,
        exchangeObjectId: deployed.objects.exchange,
        treasuryObjectId: deployed.objects.treasury,
      };
      metadata = {
        version: 1,
        addresses,
        deployment,
        nShards,
        epochDurationMs,
        accounts: options.accounts ?? 10,
        accountBalance: String(options.accountBalance ?? 10_000n * WAL),
        nodes: [],
      };
      // Every user account gets WAL from the deployer (their SUI stays as configured).
      await sendWal(
        suiClient,
        deployer,
        deployment,
        signers.map((s) => s.toSuiAddress()),
        options.accountWal ?? 1000n * WAL,
      );
      // The exchange needs SUI to pay out WAL→SUI swaps too: the deployer sells it some.
      await fundExchangeWithSui(suiClient, deployer, deployment, 100n * WAL);
    }
    const deployment = metadata.deployment;
    log(`walrus deployed: system ${deployment.systemObjectId}, staking ${deployment.stakingObjectId}`);
    step('contracts', 'done');

    step('nodes', 'start');
    const chainView = await SuiChainView.open({
      client: suiClient,
      addresses,
      systemObjectId: deployment.systemObjectId,
      stakingObjectId: deployment.stakingObjectId,
    });
    cleanups.push(() => chainView.close());
    const count = existing ? existing.nodes.length : nodeCount;
    const nodes: DevnetNode[] = [];
    const reserved = await registerNewNodes(
      suiClient,
      ledger,
      deployment,
      metadata,
      count,
      options,
      log,
      (index, server) => cleanups.push(() => closeUnadopted(server, nodes, index)),
    );
    for (let index = 0; index < count; index++) {
      const identity = nodeIdentity(index);
      const registered = metadata.nodes.find((n) => n.index === index)!;
      const dataDir = join(nodeDirs, identity.name);
      mkdirSync(dataDir, { recursive: true });
      const listenOn = reserved.get(index);
      const nodeOptions = {
        nodeId: registered.nodeId,
        chainView,
        dataDir,
        name: identity.name,
        blsSecretKey: identity.bls.exportSecretKey(),
        port: registered.port,
        ...(listenOn ? { listenOn } : {}),
        log,
      };
      const final =
        options.nodeProcess === 'child'
          ? childProcessHandle(new StorageNodeProcess(nodeOptions))
          : inProcessHandle(new StorageNode(nodeOptions));
      nodes.push({
        index,
        name: identity.name,
        nodeId: registered.nodeId,
        capId: registered.capId,
        url: `http://127.0.0.1:${registered.port}`,
        operator: identity.operator,
        node: final,
        start: () => final.start(),
        stop: () => final.stop(),
      });
    }
    // The epoch length is the devnet's clock, not part of genesis: a new one applies to a resumed state.
    if (options.epochDurationMs !== undefined) metadata.epochDurationMs = options.epochDurationMs;
    if (options.stateDir) {
      mkdirSync(options.stateDir, { recursive: true });
      writeDevnetMetadata(options.stateDir, metadata);
    }
    step('nodes', 'done');

    step('epoch', 'start');
    const walrusClient = new WalrusClient({
      suiClient,
      packageConfig: { systemObjectId: deployment.systemObjectId, stakingPoolId: deployment.stakingObjectId },
      storageNodeUrlScheme: 'http',
    });
    const epochs = new EpochDriver({
      client: suiClient,
      // Its own client: the driver resets its cache at every change, which must not disturb the user's client.
      walrus: new WalrusClient({
        suiClient,
        packageConfig: {
          systemObjectId: deployment.systemObjectId,
          stakingPoolId: deployment.stakingObjectId,
        },
        storageNodeUrlScheme: 'http',
      }),
      deployment,
      signer: nodes[0]?.operator ?? signers[0]!,
      epochDurationMs: metadata.epochDurationMs,
      chain: chainView,
      nodes: () =>
        nodes
          .filter((n) => n.node.status === 'started')
          .map((n) => ({
            nodeId: n.nodeId,
            capId: n.capId,
            operator: n.operator,
            synced: () => n.node.idle(),
          })),
      log,
    });
    for (const n of nodes) cleanups.push(() => (n.node.status === 'started' ? n.stop() : undefined));
    await Promise.all(nodes.map((n) => n.start()));
    if ((await epochs.epoch()) === 0) await epochs.advance();
    walrusClient.reset(); // it may have cached the state of the epoch change during boot
    if (options.autoEpochs ?? true) epochs.start();
    cleanups.push(() => epochs.stop());
    step('epoch', 'done');

    const descriptor: DevnetDescriptor = {
      version: 1,
      network: 'devnet',
      chainId: ledger.chainId,
      rpcUrl: ledger.rpcUrl,
      faucetUrl: ledger.faucetUrl,
      adminUrl: ledger.adminUrl,
      accounts: ledger.accounts.map((a) => ({
        index: a.index,
        address: a.address,
        secretKey: a.secretKey,
        balance: a.balance.toString(),
      })),
      faucetAddress: ledger.faucetAddress,
      stateDir: options.stateDir ?? null,
      pid: process.pid,
      startedAt: new Date().toISOString(),
      packages: { wal: addresses.wal, walrus: addresses.walrus, walExchange: addresses.wal_exchange },
      objects: {
        system: deployment.systemObjectId,
        staking: deployment.stakingObjectId,
        exchange: deployment.exchangeObjectId,
      },
      nodes: nodes.map((n) => ({ index: n.index, nodeId: n.nodeId, name: n.name, url: n.url, shards: [] })),
      nShards: metadata.nShards,
      epochDurationMs: metadata.epochDurationMs,
    };
    step('ready', 'done');
    return {
      descriptor,
      ledger,
      suiClient,
      walrusClient,
      signers,
      nodes,
      deployment,
      deployer: walrusDeployer(),
      epochs,
      advanceEpoch: async () => {
        const epoch = await epochs.advance();
        walrusClient.reset(); // the SDK caches chain state; after an epoch change it must be re-read
        return epoch;
      },
      snapshot: () => ledger.ledger.snapshot(),
      revert: async (id) => {
        await epochs.stop();
        ledger.ledger.revert(id);
        // A new checkpoint tells every follower (the nodes' chain view) that the chain changed under it.
        ledger.ledger.createCheckpoint();
        walrusClient.reset();
        if (options.autoEpochs ?? true) epochs.start();
      },
      challenge: (challengeOptions = {}) =>
        runChallengeRound(
          suiClient,
          walrusDeployer(),
          deployment,
          chainView,
          nodes.filter((n) => n.node.status === 'started').map((n) => ({ nodeId: n.nodeId, url: n.url })),
          challengeOptions,
          async (deadlineMs) => {
            const now = ledger.ledger.now();
            if (now <= deadlineMs) ledger.ledger.advanceClock(deadlineMs - now + 1n);
          },
        ),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
