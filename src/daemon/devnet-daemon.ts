/**
 * The daemons `walrus dev up` runs next to the devnet: aggregator + publisher on `devnet.ports.daemon` (31415), paid
 * by the devnet's publisher account, and the upload relay (no tip) on `devnet.ports.relay` (57391), on 127.0.0.1. It is the same service as `walrus daemon`, over the devnet's
 * in-process clients.
 */
import { WalrusClient } from '@mysten/walrus';
import type { Devnet } from '../../devnet/index.js';
import { createWalrusSession, type WalrusSession } from '../clients/walrus-session.js';
import { DAEMON_DEFAULTS } from '../config/defaults.js';
import { resolveNetwork } from '../config/resolve-config.js';
import type { ResolvedConfig } from '../config/types.js';
import { type RunningDaemon, startDaemon } from './daemon-server.js';
import { fundPublisher, publisherKeypair } from './devnet-publisher.js';

/** A session of the running devnet in this process, paid by `signer`. */
export function devnetSession(
  config: ResolvedConfig,
  devnet: Devnet,
  signer = publisherKeypair(),
): WalrusSession {
  const objects = { system: devnet.deployment.systemObjectId, staking: devnet.deployment.stakingObjectId };
  return createWalrusSession(
    {
      network: resolveNetwork(config, 'devnet'),
      suiClient: devnet.suiClient,
      walrusClient: new WalrusClient({
        suiClient: devnet.suiClient,
        packageConfig: { systemObjectId: objects.system, stakingPoolId: objects.staking },
        storageNodeUrlScheme: 'http',
      }),
      descriptor: devnet.descriptor,
      walrusObjects: objects,
    },
    signer,
  );
}

/** What `dev up` adds to the descriptor for its daemon. */
export interface DevnetDaemonInfo {
  aggregatorUrl: string;
  publisherUrl: string;
  publisherAddress: string;
  uploadRelayUrl: string;
}

/** Funds the publisher and starts the daemon. */
export async function startDevnetDaemon(
  config: ResolvedConfig,
  devnet: Devnet,
  log?: (line: string) => void,
): Promise<{ info: DevnetDaemonInfo; daemons: RunningDaemon[] }> {
  const signer = publisherKeypair();
  await fundPublisher(devnet, signer);
  const session = devnetSession(config, devnet, signer);
  const daemon = await startDaemon({
    session,
    port: config.devnet.ports.daemon,
    maxBodyBytes: DAEMON_DEFAULTS.maxBodyBytes,
    ...(log ? { log: (line) => log(`daemon: ${line}`) } : {}),
  });
  const relay = await startDaemon({
    session,
    port: config.devnet.ports.relay,
    aggregator: false,
    publisher: false,
    // The devnet relay asks no tip (tipped relays: `walrus daemon --relay --tip const:N`).
    relay: { tipFreshnessMs: DAEMON_DEFAULTS.tipFreshnessMs },
    maxBodyBytes: DAEMON_DEFAULTS.relayMaxBodyBytes,
    ...(log ? { log: (line) => log(`upload relay: ${line}`) } : {}),
  }).catch(async (error: unknown) => {
    await daemon.close();
    throw error;
  });
  return {
    info: {
      aggregatorUrl: daemon.url,
      publisherUrl: daemon.url,
      publisherAddress: signer.toSuiAddress(),
      uploadRelayUrl: relay.url,
    },
    daemons: [daemon, relay],
  };
}
