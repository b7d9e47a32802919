import { normalizeSuiAddress } from '@mysten/sui/utils';
import { blobIdFromInt } from '@mysten/walrus';
import { contractLayouts } from '../../devnet/contract-runtime/contract-layouts.js';
import type { Devnet } from '../../devnet/start-devnet.js';
import type { DashboardSource, DashboardState } from '../ui/dashboard/dashboard-state.js';

const RECENT = 6;

/**
 * Feeds the live dashboard from a running devnet: refreshes balances, stakes and node stats every second
 * and follows checkpoints for recent transactions and blobs. Reads through the official clients.
 */
export function devnetDashboardSource(devnet: Devnet): DashboardSource & { close(): void } {
  const { descriptor, suiClient, walrusClient, deployment } = devnet;
  const layouts = contractLayouts(deployment.addresses);
  const listeners = new Set<() => void>();
  const walType = `${deployment.addresses.wal}::wal::WAL`;
  const prefix = `${normalizeSuiAddress(deployment.addresses.walrus)}::events::`;
  const challengePrefix = `${normalizeSuiAddress(deployment.addresses.walrus)}::challenge::`;
  /** Node id → its last storage-challenge outcome, e.g. "round 3 passed". */
  const lastChallenge = new Map<string, string>();
  let state: DashboardState = {
    network: {
      rpcUrl: descriptor.rpcUrl,
      faucetUrl: descriptor.faucetUrl,
      adminUrl: descriptor.adminUrl,
      chainId: descriptor.chainId,
      ...(descriptor.aggregatorUrl ? { aggregatorUrl: descriptor.aggregatorUrl } : {}),
      ...(descriptor.uploadRelayUrl ? { uploadRelayUrl: descriptor.uploadRelayUrl } : {}),
    },
    epoch: {
      walrus: null,
      nextEpochAtMs: null,
      nowMs: Date.now(),
      checkpoint: (devnet.ledger.ledger.state.latestCheckpoint()?.sequenceNumber ?? 0n).toString(),
    },
    nodes: [],
    recentBlobs: [],
    recentTransactions: [],
    accounts: [],
  };
  const notify = () => {
    for (const listener of listeners) listener();
  };

  const stopFollowing = devnet.ledger.ledger.onCheckpoint((checkpoint) => {
    for (const digest of checkpoint.transactions) {
      const tx = devnet.ledger.ledger.state.transaction(digest);
      if (!tx) continue;
      const sender = tx.balanceChanges.find((c) => c.amount < 0n)?.address ?? '';
      const names = tx.events.map((e) => e.type.split('::').pop()?.replace(/<.*$/, '')).filter(Boolean);
      state.recentTransactions = [
        {
          digest,
          sender,
          ok: tx.status.success,
          summary: tx.status.success ? names.join(', ') : tx.status.message,
        },
        ...state.recentTransactions,
      ].slice(0, RECENT);
      for (const event of tx.events) {
        if (
          event.type === `${challengePrefix}ChallengePassed` ||
          event.type === `${challengePrefix}ChallengeFailed`
        ) {
          const e = layouts.decode(event.type, event.contents) as {
            round: bigint;
            node_id: { bytes: string };
          };
          const verdict = event.type.endsWith('Passed') ? 'passed' : 'failed';
          lastChallenge.set(normalizeSuiAddress(e.node_id.bytes), `round ${e.round} ${verdict}`);
          continue;
        }
        if (!event.type.startsWith(prefix)) continue;
        const name = event.type.slice(prefix.length);
        if (name !== 'BlobRegistered' && name !== 'BlobCertified') continue;
        const e = layouts.decode(event.type, event.contents) as {
          blob_id: bigint;
          end_epoch: number;
          size?: bigint;
        };
        const blobId = blobIdFromInt(e.blob_id);
        const known = state.recentBlobs.find((b) => b.blobId === blobId);
        const entry = {
          blobId,
          size: Number(e.size ?? BigInt(known?.size ?? 0)),
          endEpoch: e.end_epoch,
          certified: name === 'BlobCertified' || (known?.certified ?? false),
        };
        state.recentBlobs = [entry, ...state.recentBlobs.filter((b) => b.blobId !== blobId)].slice(0, RECENT);
      }
    }
    state.epoch = { ...state.epoch, checkpoint: checkpoint.sequenceNumber.toString() };
    notify();
  });

  const refresh = async () => {
    walrusClient.reset();
    const staking = await walrusClient.stakingState();
    const shards = new Map(
      staking.committee[0].contents.map((e) => [normalizeSuiAddress(e.key), e.value.length]),
    );
    const pools = await suiClient.core.getObjects({
      objectIds: devnet.nodes.map((n) => n.nodeId),
      include: { content: true },
    });
    const poolType = `${normalizeSuiAddress(deployment.addresses.walrus)}::staking_pool::StakingPool`;
    const nodes = await Promise.all(
      devnet.nodes.map(async (n, i) => {
        const pool = pools.objects[i];
        const stake =
          pool && !(pool instanceof Error) && pool.content
            ? (layouts.decode(poolType, pool.content) as { wal_balance: bigint }).wal_balance
            : 0n;
        const stats = n.node.status === 'started' ? await n.node.stats() : undefined;
        return {
          index: n.index,
          name: n.name,
          url: n.url,
          up: n.node.status === 'started',
          shards: shards.get(n.nodeId) ?? 0,
          stake: stake.toString(),
          storedBytes: stats?.diskBytes ?? 0,
          ...(lastChallenge.has(n.nodeId) ? { lastChallenge: lastChallenge.get(n.nodeId) } : {}),
        };
      }),
    );
    const accounts = await Promise.all(
      descriptor.accounts.map(async (a) => {
        const [sui, wal] = await Promise.all([
          suiClient.core.getBalance({ owner: a.address }),
          suiClient.core.getBalance({ owner: a.address, coinType: walType }),
        ]);
        return { index: a.index, address: a.address, sui: sui.balance.balance, wal: wal.balance.balance };
      }),
    );
    state = {
      ...state,
      epoch: {
        ...state.epoch,
        walrus: staking.epoch,
        nextEpochAtMs: devnet.epochs.nextEpochAtMs || null,
        nowMs: Date.now(),
      },
      nodes,
      accounts,
    };
    notify();
  };
  let refreshing = false;
  const timer = setInterval(() => {
    if (refreshing) return;
    refreshing = true;
    refresh()
      .catch(() => undefined)
      .finally(() => {
        refreshing = false;
      });
  }, 1000);
  void refresh().catch(() => undefined);

  return {
    getState: () => ({ ...state, epoch: { ...state.epoch, nowMs: Date.now() } }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async advanceEpoch() {
      const epoch = await devnet.advanceEpoch();
      await refresh();
      return `epoch ${epoch} started`;
    },
    async toggleNode(index) {
      const node = devnet.nodes[index];
      if (!node) return `no node ${index + 1}`;
      if (node.node.status === 'started') await node.stop();
      else await node.start();
      await refresh();
      return `${node.name} ${node.node.status}`;
    },
    close() {
      clearInterval(timer);
      stopFollowing();
      listeners.clear();
    },
  };
}
