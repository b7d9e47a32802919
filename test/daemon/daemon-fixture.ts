/** A devnet with the daemon in front of it, for the daemon's route tests. */
import type { Keypair } from '@mysten/sui/cryptography';
import type { Devnet } from '../../devnet/start-devnet.js';
import { createWalrusSession, type WalrusSession } from '../../src/clients/walrus-session.js';
import { type DaemonOptions, type RunningDaemon, startDaemon } from '../../src/daemon/daemon-server.js';
import { startTestDevnet, walrusClientFor } from '../devnet/helpers.js';

/** A session of the devnet paid by `signer`, over the devnet's in-process client. */
export function devnetSession(devnet: Devnet, signer: Keypair): WalrusSession {
  return createWalrusSession(
    {
      network: {
        name: 'devnet',
        builtIn: true,
        local: true,
        rpcUrl: devnet.descriptor.rpcUrl,
        systemObjectId: devnet.deployment.systemObjectId,
        stakingObjectId: devnet.deployment.stakingObjectId,
      },
      suiClient: devnet.suiClient,
      walrusClient: walrusClientFor(devnet),
      descriptor: devnet.descriptor,
      walrusObjects: { system: devnet.deployment.systemObjectId, staking: devnet.deployment.stakingObjectId },
    },
    signer,
  );
}

export async function startDaemonDevnet(
  options: Partial<DaemonOptions> = {},
): Promise<{ devnet: Devnet; daemon: RunningDaemon; session: WalrusSession; stop(): Promise<void> }> {
  const devnet = await startTestDevnet();
  const session = devnetSession(devnet, devnet.signers[0]!);
  const daemon = await startDaemon({ session, port: 0, maxBodyBytes: 1024 * 1024, ...options });
  return {
    devnet,
    daemon,
    session,
    stop: async () => {
      await daemon.close();
      await devnet.stop();
    },
  };
}
