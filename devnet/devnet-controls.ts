import { isValidSuiAddress, normalizeSuiAddress } from '@mysten/sui/utils';
import { registerChallengeControls } from './challenge-controls.js';
import type { AdminRoute } from './ledger/http/admin.js';
import { bigintField } from './ledger/http/admin.js';
import { HttpError } from './ledger/http/json-http.js';
import type { Devnet, DevnetNode } from './start-devnet.js';
import { sendWal } from './walrus-chain/walrus-transactions.js';

/** One node as `GET /nodes` reports it. */
export interface NodeReport {
  index: number;
  name: string;
  nodeId: string;
  url: string;
  status: string;
  shards: number[];
  faults: { corruptSlivers: boolean; slowMs: number; refuseWrites: boolean; noRecovery: boolean };
  stats: { blobs: number; slivers: number; diskBytes: number } | null;
}

/** What the node list shows for one node. */
export async function reportNode(devnet: Devnet, node: DevnetNode): Promise<NodeReport> {
  devnet.walrusClient.reset();
  const committee = await devnet.walrusClient.stakingState();
  const entry = committee.committee[0].contents.find((e) => e.key === node.nodeId);
  const running = node.node.status === 'started';
  const stats = running ? await node.node.stats() : null;
  return {
    index: node.index,
    name: node.name,
    nodeId: node.nodeId,
    url: node.url,
    status: node.node.status,
    shards: entry?.value ?? [],
    faults: { ...node.node.faults },
    stats: stats && { blobs: stats.blobs, slivers: stats.slivers, diskBytes: stats.diskBytes },
  };
}

/**
 * The ledger's `POST /revert`, plus what the devnet around it needs: the epoch driver paused, and the reply only
 * once the storage nodes follow the reverted chain (so the next request sees them consistent with it).
 */
function revertRoute(devnet: Devnet): AdminRoute {
  return async (body) => {
    const id = Number(bigintField(body, 'id'));
    const count = devnet.ledger.ledger.state.snapshotCount;
    if (id >= count) throw new HttpError(404, `No snapshot ${id} (there are ${count})`);
    await devnet.revert(id);
    return { reverted: id };
  };
}

/**
 * Adds the devnet's controls to its admin API (loopback only): epochs and the storage nodes' fault switches.
 * The CLI's `epoch` and `node` commands call these.
 */
export function registerDevnetControls(
  devnet: Devnet,
  addRoute: (key: string, route: AdminRoute, options?: { replace?: boolean }) => void,
): void {
  const nodeOf = (body: Record<string, unknown>): DevnetNode => {
    const index = Number(bigintField(body, 'node'));
    const node = devnet.nodes[index];
    if (!node)
      throw new HttpError(
        404,
        `No node ${index}; the devnet has ${devnet.nodes.length} (0–${devnet.nodes.length - 1})`,
      );
    return node;
  };
  const epochInfo = async () => {
    devnet.walrusClient.reset(); // the client caches chain state; the controls must see it fresh
    const state = await devnet.walrusClient.stakingState();
    return {
      epoch: state.epoch,
      epochDurationMs: devnet.descriptor.epochDurationMs,
      nextEpochAtMs: devnet.epochs.nextEpochAtMs,
      nShards: state.n_shards,
      state: Object.keys(state.epoch_state).find((k) => k !== '$kind') ?? null,
    };
  };
  const faultRoute =
    (update: (body: Record<string, unknown>) => Parameters<DevnetNode['node']['setFaults']>[0]): AdminRoute =>
    async (body) => {
      const node = nodeOf(body);
      await node.node.setFaults(update(body));
      return reportNode(devnet, node);
    };
  addRoute('GET /epoch', epochInfo);
  addRoute('POST /revert', revertRoute(devnet), { replace: true });
  addRoute('POST /wal', async (body) => {
    const address = typeof body.address === 'string' ? normalizeSuiAddress(body.address) : '';
    if (!isValidSuiAddress(address)) throw new HttpError(400, '"address" must be a Sui address');
    const amount = bigintField(body, 'amount', 100_000_000_000n);
    if (amount === 0n || amount > 1_000_000_000_000_000n)
      throw new HttpError(400, '"amount" must be between 1 FROST and 1,000,000 WAL');
    const result = await sendWal(devnet.suiClient, devnet.deployer, devnet.deployment, [address], amount);
    return { address, amount: amount.toString(), digest: result.digest };
  });
  addRoute('POST /epoch/advance', async (body) => {
    const count = Number(bigintField(body, 'count', 1n));
    if (count < 1 || count > 100) throw new HttpError(400, '"count" must be between 1 and 100');
    for (let i = 0; i < count; i++) await devnet.advanceEpoch();
    return epochInfo();
  });
  addRoute('GET /nodes', async () => ({
    nodes: await Promise.all(devnet.nodes.map((n) => reportNode(devnet, n))),
  }));
  addRoute('POST /node/stop', async (body) => {
    const node = nodeOf(body);
    await node.stop();
    return reportNode(devnet, node);
  });
  addRoute('POST /node/start', async (body) => {
    const node = nodeOf(body);
    if (node.node.status !== 'started') await node.start();
    return reportNode(devnet, node);
  });
  addRoute('POST /node/lose', async (body) => {
    const node = nodeOf(body);
    const fraction = Number(body.fraction ?? 0.5);
    if (!(fraction > 0 && fraction <= 1)) throw new HttpError(400, '"fraction" must be a number in (0, 1]');
    const lost = await node.node.lose(fraction);
    return { ...(await reportNode(devnet, node)), lost };
  });
  addRoute('POST /node/wipe', async (body) => {
    const node = nodeOf(body);
    await node.node.wipe();
    return reportNode(devnet, node);
  });
  addRoute(
    'POST /node/corrupt',
    faultRoute((body) => ({ corruptSlivers: body.on !== false })),
  );
  addRoute(
    'POST /node/slow',
    faultRoute((body) => ({ slowMs: Number(bigintField(body, 'ms', 2000n)) })),
  );
  addRoute(
    'POST /node/refuse-writes',
    faultRoute((body) => ({ refuseWrites: body.on !== false })),
  );
  registerChallengeControls(devnet, addRoute, nodeOf);
  addRoute(
    'POST /node/heal',
    faultRoute(() => ({ corruptSlivers: false, slowMs: 0, refuseWrites: false, noRecovery: false })),
  );
}
