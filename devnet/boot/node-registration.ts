import { type AddressInfo, createServer, type Server } from 'node:net';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { listen } from '../../src/util/listen.js';
import type { DevnetMetadata } from '../devnet-state.js';
import type { LedgerInstance } from '../ledger/start-ledger.js';
import { nodeIdentity } from '../node-identity.js';
import {
  exchangeSuiForWal,
  registerCandidate,
  stakeWithPool,
  type WalrusDeployment,
} from '../walrus-chain/walrus-transactions.js';

const WAL = 1_000_000_000n;
/** Each node operator's own stake. */
const NODE_STAKE = 1_000n * WAL;
/** The nodes' price votes, FROST per MiB: Walrus's deployment defaults (the local testbed uses 5 and 1). */
const STORAGE_PRICE = 100_000n;
const WRITE_PRICE = 20_000n;

/**
 * Binds a node's port on loopback now (`port`, or any free one for 0), before its address goes on chain at
 * registration; the node then serves on this very socket (`listenOn`), so the registered port is never let go.
 */
async function reserveNodePort(port: number, name: string): Promise<Server> {
  const server = createServer();
  await listen(server, { port, host: '127.0.0.1' }, `Storage node ${name}`);
  return server;
}

/** What {@link registerNewNodes} registers the nodes with. */
export interface RegistrationInput {
  suiClient: SuiGrpcClient;
  ledger: LedgerInstance;
  deployment: WalrusDeployment;
  metadata: DevnetMetadata;
  /** Nodes `0..count-1` are the devnet's. */
  count: number;
  /** Node i's port is `storageNodeBase + i`; any free one when 0 or absent. */
  storageNodeBase: number | undefined;
  log: (line: string) => void;
  /** Told of each reserved socket at once, so a failed boot closes it. */
  onReserved: (index: number, server: Server) => void;
}

/** Reserves the ports of the `missing` nodes and funds their operators, one at a time (one faucet coin). */
async function reservePortsAndFund(
  input: RegistrationInput,
  missing: number[],
): Promise<{ reserved: Map<number, Server>; ports: Map<number, number> }> {
  const reserved = new Map<number, Server>();
  const ports = new Map<number, number>();
  for (const index of missing) {
    const base = input.storageNodeBase;
    const server = await reserveNodePort(base ? base + index : 0, nodeIdentity(index).name);
    reserved.set(index, server);
    input.onReserved(index, server);
    ports.set(index, (server.address() as AddressInfo).port);
    await input.ledger.fund(nodeIdentity(index).operator.toSuiAddress(), 100_000n * WAL);
  }
  return { reserved, ports };
}

/** Node `index`'s operator buys its stake's WAL, registers the node as a candidate and stakes with it. */
async function registerAndStake(
  input: RegistrationInput,
  index: number,
  port: number,
): Promise<DevnetMetadata['nodes'][number]> {
  const { suiClient, deployment } = input;
  const identity = nodeIdentity(index);
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
  input.log(`${identity.name} registered as ${nodeId} on port ${port}`);
  return { index, nodeId, capId, port };
}

/**
 * Registers, funds and stakes the nodes of `0..count-1` that `metadata` does not know yet, and adds them to it
 * in index order; returns the sockets their ports were reserved on (see {@link reserveNodePort}). Funding goes
 * through the faucet one node at a time (one faucet coin); each operator's own transactions (exchange, register,
 * stake) then run for all nodes at once, since they touch only the operator's coins and the shared objects.
 */
export async function registerNewNodes(input: RegistrationInput): Promise<Map<number, Server>> {
  const missing = Array.from({ length: input.count }, (_, index) => index).filter(
    (index) => !input.metadata.nodes.some((n) => n.index === index),
  );
  const { reserved, ports } = await reservePortsAndFund(input, missing);
  const registered = await Promise.all(
    missing.map((index) => registerAndStake(input, index, ports.get(index)!)),
  );
  input.metadata.nodes.push(...registered);
  return reserved;
}
