/**
 * The devnet helpers a test uses (snapshot/revert, epochs, node faults, storing a blob), over a connection's admin
 * API and the official clients. Free of vitest, so benchmarks and scripts can use them too.
 */
import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import type { DevnetConnection } from './connection.js';

/** What {@link TestDevnet.storeBlob} returns. */
export interface StoredTestBlob {
  blobId: string;
  blobObjectId: string;
}

/** The devnet as a test sees it: clients, signers and the helpers. */
export interface TestDevnet extends DevnetConnection {
  /** Marks the chain state to return to; `revert(id)` drops this snapshot and any later one. */
  snapshot(): Promise<number>;
  /** Returns the chain to a snapshot; resolves once the nodes follow it, with the clients' caches cleared. */
  revert(id: number): Promise<void>;
  /** Advances the Walrus epoch `count` times (default 1) and returns the new epoch. */
  advanceEpochs(count?: number): Promise<number>;
  /** Stops storage node `index` (started again after the test). */
  stopNode(index: number): Promise<void>;
  startNode(index: number): Promise<void>;
  /** Stores bytes (or text) with the official `WalrusClient.writeBlob`, signed by `signer` (default signer 0). */
  storeBlob(
    data: Uint8Array | string,
    options?: { epochs?: number; deletable?: boolean; signer?: Ed25519Keypair },
  ): Promise<StoredTestBlob>;
}

/** Builds the helpers over a connection (exported for the benchmark and for hooks of one's own). */
export function testDevnet(connection: DevnetConnection): TestDevnet & { stoppedNodes: Set<number> } {
  const stoppedNodes = new Set<number>();
  const devnet = {
    ...connection,
    stoppedNodes,
    snapshot: async () => (await connection.admin<{ id: number }>('/snapshot')).id,
    revert: async (id: number) => {
      // The devnet's revert answers once its storage nodes follow the reverted chain.
      await connection.admin('/revert', { id });
      connection.walrusClient.reset();
    },
    advanceEpochs: async (count = 1) => {
      const { epoch } = await connection.admin<{ epoch: number }>('/epoch/advance', { count });
      connection.walrusClient.reset();
      return epoch;
    },
    stopNode: async (index: number) => {
      stoppedNodes.add(index);
      await connection.admin('/node/stop', { node: index });
    },
    startNode: async (index: number) => {
      await connection.admin('/node/start', { node: index });
      stoppedNodes.delete(index);
    },
    storeBlob: async (
      data: Uint8Array | string,
      options: { epochs?: number; deletable?: boolean; signer?: Ed25519Keypair } = {},
    ) => {
      const blob = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      const signer = options.signer ?? connection.signers[0];
      if (!signer) throw new Error('The devnet has no funded accounts.');
      const { blobId, blobObject } = await connection.walrusClient.writeBlob({
        blob,
        deletable: options.deletable ?? true,
        epochs: options.epochs ?? 1,
        signer,
      });
      // The SDK types `id` as a string; at run time it is the parsed UID `{ id }` (as the devnet tests read it).
      const uid = blobObject.id as unknown as { id?: string } | string;
      return { blobId, blobObjectId: typeof uid === 'string' ? uid : String(uid.id) };
    },
  };
  return devnet;
}
