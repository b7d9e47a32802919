import type { Devnet } from '../devnet-types.js';
import type { Lifecycle } from '../instance.js';
import { runChallengeRound } from '../walrus-chain/challenge-round.js';
import type { SuiChainView } from '../walrus-chain/sui-chain-view.js';
import { walrusDeployer } from './contracts-step.js';

/** How long a revert waits for the storage nodes' chain view to apply the reverted chain's new checkpoint. */
const REVERT_FOLLOW_MS = 30_000;

/** The parts of a booted devnet: the {@link Devnet} fields it hands out as they are, and what its methods use. */
export type DevnetParts = Pick<
  Devnet,
  'descriptor' | 'ledger' | 'suiClient' | 'walrusClient' | 'signers' | 'nodes' | 'deployment' | 'epochs'
> & {
  chainView: SuiChainView;
  autoEpochs: boolean;
  /** The devnet's lifecycle (its stop undoes the boot steps). */
  lifecycle: Lifecycle;
};

/** The {@link Devnet} over its booted parts: epochs, snapshots, challenge rounds, status and stop. */
export function devnetApi(parts: DevnetParts): Devnet {
  const { ledger, suiClient, walrusClient, nodes, deployment, chainView, epochs } = parts;
  return {
    descriptor: parts.descriptor,
    ledger,
    suiClient,
    walrusClient,
    signers: parts.signers,
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
      // A new checkpoint tells every follower (the nodes' chain view) that the chain changed under it; the view
      // undoes what the dropped checkpoints changed, and the nodes garbage-collect what the chain lost.
      const checkpoint = ledger.ledger.createCheckpoint();
      walrusClient.reset();
      await chainView
        .whenApplied(checkpoint.sequenceNumber, checkpoint.digest, AbortSignal.timeout(REVERT_FOLLOW_MS))
        .catch(() => {
          throw new Error(
            `The storage nodes' chain view did not follow the revert to snapshot ${id} within ${REVERT_FOLLOW_MS / 1000} s; this looks like a bug (the devnet log may say why).`,
          );
        });
      const started = nodes.filter((n) => n.node.status === 'started');
      await Promise.all(started.map((n) => n.node.settled()));
      if (ledger.ledger.state.snapshotCount === 0) for (const n of nodes) n.node.forgetRetired();
      if (parts.autoEpochs) epochs.start();
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
    get status() {
      return parts.lifecycle.status;
    },
    stop: () => parts.lifecycle.stop(),
  };
}
