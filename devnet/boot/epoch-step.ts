import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import type { DevnetNode } from '../devnet-types.js';
import { EpochDriver } from '../walrus-chain/epoch-driver.js';
import type { SuiChainView } from '../walrus-chain/sui-chain-view.js';
import type { WalrusDeployment } from '../walrus-chain/walrus-transactions.js';
import type { Cleanups } from './cleanups.js';

/** What {@link startEpochs} needs from the steps before it. */
export interface EpochStepInput {
  suiClient: SuiGrpcClient;
  deployment: WalrusDeployment;
  chainView: SuiChainView;
  nodes: DevnetNode[];
  /** Signs the epoch changes when the devnet has no node. */
  fallbackSigner: Keypair;
  epochDurationMs: number;
  autoEpochs: boolean;
  log: (line: string) => void;
  cleanups: Cleanups;
}

/** A `WalrusClient` for this devnet's deployment. */
export function devnetWalrusClient(suiClient: SuiGrpcClient, deployment: WalrusDeployment): WalrusClient {
  return new WalrusClient({
    suiClient,
    packageConfig: { systemObjectId: deployment.systemObjectId, stakingPoolId: deployment.stakingObjectId },
    storageNodeUrlScheme: 'http',
  });
}

/**
 * Boot step `epoch`: starts the nodes, moves a new devnet into epoch 1 (the first committee) and starts the epoch
 * clock unless `autoEpochs` is off; returns the user's `WalrusClient` and the epoch driver.
 */
export async function startEpochs(
  input: EpochStepInput,
): Promise<{ walrusClient: WalrusClient; epochs: EpochDriver }> {
  const { suiClient, deployment, nodes, cleanups } = input;
  const walrusClient = devnetWalrusClient(suiClient, deployment);
  const epochs = new EpochDriver({
    client: suiClient,
    // Its own client: the driver resets its cache at every change, which must not disturb the user's client.
    walrus: devnetWalrusClient(suiClient, deployment),
    deployment,
    signer: nodes[0]?.operator ?? input.fallbackSigner,
    epochDurationMs: input.epochDurationMs,
    chain: input.chainView,
    nodes: () =>
      nodes
        .filter((n) => n.node.status === 'started')
        .map((n) => ({
          nodeId: n.nodeId,
          capId: n.capId,
          operator: n.operator,
          synced: () => n.node.idle(),
        })),
    log: input.log,
  });
  for (const n of nodes) cleanups.add(() => (n.node.status === 'started' ? n.stop() : undefined));
  await Promise.all(nodes.map((n) => n.start()));
  if ((await epochs.epoch()) === 0) await epochs.advance();
  walrusClient.reset(); // it may have cached the state of the epoch change during boot
  if (input.autoEpochs) epochs.start();
  cleanups.add(() => epochs.stop());
  return { walrusClient, epochs };
}
