import { mkdirSync } from 'node:fs';
import type { Server } from 'node:net';
import { join } from 'node:path';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import type { WalrusAddresses } from '../contract-runtime/contract-layouts.js';
import { type DevnetMetadata, writeDevnetMetadata } from '../devnet-state.js';
import type { DevnetNode, StartDevnetOptions } from '../devnet-types.js';
import type { LedgerInstance } from '../ledger/start-ledger.js';
import { childProcessHandle, inProcessHandle } from '../node-handle.js';
import { nodeIdentity } from '../node-identity.js';
import type { StorageNodeProcess } from '../storage-node/node-process.js';
import { StorageNode } from '../storage-node/storage-node.js';
import { SuiChainView } from '../walrus-chain/sui-chain-view.js';
import type { Cleanups } from './cleanups.js';
import { registerNewNodes } from './node-registration.js';

/** What {@link prepareNodes} needs from the steps before it. */
export interface NodesStepInput {
  suiClient: SuiGrpcClient;
  ledger: LedgerInstance;
  addresses: WalrusAddresses;
  metadata: DevnetMetadata;
  /** Nodes of a new devnet (a resumed one keeps those of its state). */
  nodeCount: number;
  resumed: boolean;
  /** Where each node keeps its data, in a folder of its name. */
  nodeDirs: string;
  options: StartDevnetOptions;
  log: (line: string) => void;
  cleanups: Cleanups;
}

/**
 * On a failed boot: closes a node's reserved port unless a started node took its socket over (a node closes what
 * it adopted when it stops).
 */
function closeUnadopted(server: Server, nodes: DevnetNode[], index: number): void {
  if (nodes[index]?.node.status === 'started' || nodes[index]?.node.status === 'stopped') return;
  if (server.listening) server.close();
}

/** Node `index` as registered in `metadata`, in this process or a child process, not started yet. */
function createNode(
  input: NodesStepInput,
  chainView: SuiChainView,
  index: number,
  listenOn: Server | undefined,
  NodeProcess: typeof StorageNodeProcess | undefined,
): DevnetNode {
  const identity = nodeIdentity(index);
  const registered = input.metadata.nodes.find((n) => n.index === index)!;
  const dataDir = join(input.nodeDirs, identity.name);
  mkdirSync(dataDir, { recursive: true });
  const nodeOptions = {
    nodeId: registered.nodeId,
    chainView,
    dataDir,
    name: identity.name,
    blsSecretKey: identity.bls.exportSecretKey(),
    port: registered.port,
    ...(listenOn ? { listenOn } : {}),
    log: input.log,
  };
  const node = NodeProcess
    ? childProcessHandle(new NodeProcess(nodeOptions))
    : // While the ledger holds snapshots, a blob deleted or expired after one comes back on a revert to it.
      inProcessHandle(
        new StorageNode({
          ...nodeOptions,
          retainDropped: () => input.ledger.ledger.state.snapshotCount > 0,
        }),
      );
  return {
    index,
    name: identity.name,
    nodeId: registered.nodeId,
    capId: registered.capId,
    url: `http://127.0.0.1:${registered.port}`,
    operator: identity.operator,
    node,
    start: () => node.start(),
    stop: () => node.stop(),
  };
}

/**
 * Boot step `nodes`: opens the nodes' chain view, registers and stakes the nodes the state does not hold yet,
 * creates every node (not started) and writes the state's metadata.
 */
export async function prepareNodes(
  input: NodesStepInput,
): Promise<{ chainView: SuiChainView; nodes: DevnetNode[] }> {
  const { metadata, options } = input;
  const deployment = metadata.deployment;
  const chainView = await SuiChainView.open({
    client: input.suiClient,
    addresses: input.addresses,
    systemObjectId: deployment.systemObjectId,
    stakingObjectId: deployment.stakingObjectId,
  });
  input.cleanups.add(() => chainView.close());
  const count = input.resumed ? metadata.nodes.length : input.nodeCount;
  const nodes: DevnetNode[] = [];
  const reserved = await registerNewNodes({
    suiClient: input.suiClient,
    ledger: input.ledger,
    deployment,
    metadata,
    count,
    storageNodeBase: options.ports?.storageNodeBase,
    log: input.log,
    onReserved: (index, server) => input.cleanups.add(() => closeUnadopted(server, nodes, index)),
  });
  // Loaded only for child-process nodes: it brings execa (~110 modules) that an in-process boot never uses.
  const NodeProcess =
    options.nodeProcess === 'child'
      ? (await import('../storage-node/node-process.js')).StorageNodeProcess
      : undefined;
  for (let index = 0; index < count; index++) {
    nodes.push(createNode(input, chainView, index, reserved.get(index), NodeProcess));
  }
  // The epoch length is the devnet's clock, not part of genesis: a new one applies to a resumed state.
  if (options.epochDurationMs !== undefined) metadata.epochDurationMs = options.epochDurationMs;
  if (options.stateDir) {
    mkdirSync(options.stateDir, { recursive: true });
    writeDevnetMetadata(options.stateDir, metadata);
  }
  return { chainView, nodes };
}
