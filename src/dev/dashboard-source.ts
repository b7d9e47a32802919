import type { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { blobIdFromInt } from '@mysten/walrus';
import { contractLayouts, type Devnet } from '../../devnet/index.js';
import { formatToken } from '../util/format.js';
import type { DashboardSource, DashboardState } from './dashboard-state.js';

const RECENT = 6;

type Layouts = ReturnType<typeof contractLayouts>;

/**
 * Feeds the live dashboard from a running devnet: refreshes balances, stakes and node stats every second
 * and follows checkpoints for recent transactions and blobs. Reads the chain through the official clients
 * (`SuiGrpcClient`, `WalrusClient`: checkpoints, objects, balances) and decodes Walrus events with the layouts
 * of the Move sources; node stats and controls come from the devnet's public API.
 */
export function devnetDashboardSource(devnet: Devnet): DashboardSource & { close(): void } {
  const listeners = new Set<() => void>();
  const board: Board = { state: initialState(devnet), lastChallenge: new Map() };
  const readTransaction = transactionReader(devnet, contractLayouts(devnet.deployment.addresses));
  const notify = () => {
    for (const listener of listeners) listener();
  };
  let cursor: bigint | undefined;
  // One reader of checkpoints at a time: the timer and the key actions both refresh.
  let following: Promise<void> = Promise.resolve();
  const follow = () => {
    following = following
      .catch(() => undefined)
      .then(async () => {
        cursor = await readCheckpoints(devnet, cursor, (checkpoint) => {
          for (const tx of checkpoint.transactions) readTransaction(tx, board);
        });
        board.state.epoch = { ...board.state.epoch, checkpoint: cursor.toString() };
      });
    return following;
  };
  const refresh = async () => {
    await follow();
    notify();
    const { epoch, nodes, accounts } = await readNetwork(devnet, board.lastChallenge);
    board.state = { ...board.state, epoch: { ...board.state.epoch, ...epoch }, nodes, accounts };
    notify();
  };
  const stopTicking = everySecond(refresh);

  return {
    getState: () => ({ ...board.state, epoch: { ...board.state.epoch, nowMs: Date.now() } }),
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
      stopTicking();
      listeners.clear();
    },
  };
}

/** The dashboard's state and what it remembers between checkpoints. */
interface Board {
  state: DashboardState;
  /** Node id → its last storage-challenge outcome, e.g. "round 3 passed". */
  lastChallenge: Map<string, string>;
}

function initialState({ descriptor }: Devnet): DashboardState {
  return {
    network: {
      rpcUrl: descriptor.rpcUrl,
      faucetUrl: descriptor.faucetUrl,
      adminUrl: descriptor.adminUrl,
      chainId: descriptor.chainId,
      ...(descriptor.aggregatorUrl ? { aggregatorUrl: descriptor.aggregatorUrl } : {}),
      ...(descriptor.uploadRelayUrl ? { uploadRelayUrl: descriptor.uploadRelayUrl } : {}),
    },
    epoch: { walrus: null, nextEpochAtMs: null, nowMs: Date.now(), checkpoint: '0' },
    nodes: [],
    recentBlobs: [],
    recentTransactions: [],
    accounts: [],
  };
}

/** Runs `step` now and then every second, one run at a time; returns the stop function. */
function everySecond(step: () => Promise<void>): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    step()
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, 1000);
  tick();
  return () => clearInterval(timer);
}

/**
 * Reads the checkpoints after `cursor` through `LedgerService.GetCheckpoint` and returns the new cursor. The first
 * call (no cursor) only takes the height: the dashboard shows what happens from the moment it opens. The request is
 * sent synchronously from the dashboard's constructor, so it is answered before anything the caller does next.
 */
async function readCheckpoints(
  { suiClient }: Devnet,
  cursor: bigint | undefined,
  apply: (checkpoint: GrpcTypes.Checkpoint) => void,
): Promise<bigint> {
  const { response: info } = await suiClient.ledgerService.getServiceInfo({});
  const height = info.checkpointHeight ?? 0n;
  if (cursor === undefined || cursor > height) return height; // first call, or the chain was reverted
  const from = cursor + 1n;
  for (let sequence = from; sequence <= height; sequence++) {
    const { response } = await suiClient.ledgerService.getCheckpoint({
      checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: sequence },
    });
    if (response.checkpoint) apply(response.checkpoint);
  }
  return height;
}

/** What one executed transaction adds to the board: a recent transaction, blobs, challenge outcomes. */
function transactionReader(devnet: Devnet, layouts: Layouts) {
  const walrus = normalizeSuiAddress(devnet.deployment.addresses.walrus);
  const blobEvents = `${walrus}::events::`;
  const challengeEvents = `${walrus}::challenge::`;
  return (tx: GrpcTypes.ExecutedTransaction, board: Board): void => {
    const events = tx.events?.events ?? [];
    board.state.recentTransactions = [summarize(tx, events), ...board.state.recentTransactions].slice(
      0,
      RECENT,
    );
    for (const event of events) {
      const type = event.eventType ?? '';
      const contents = event.contents?.value;
      if (!contents) continue;
      if (type === `${challengeEvents}ChallengePassed` || type === `${challengeEvents}ChallengeFailed`) {
        const e = layouts.decode(type, contents) as { round: bigint; node_id: { bytes: string } };
        const verdict = type.endsWith('Passed') ? 'passed' : 'failed';
        board.lastChallenge.set(normalizeSuiAddress(e.node_id.bytes), `round ${e.round} ${verdict}`);
      } else if (type === `${challengeEvents}NodePenalized`) {
        const e = layouts.decode(type, contents) as {
          round: bigint;
          node_id: { bytes: string };
          amount: bigint;
          reason: number;
        };
        const verdict = e.reason === 0 ? 'failed' : 'did not answer peers';
        const line = `round ${e.round} ${verdict}, penalized ${formatToken(e.amount, 'WAL')}`;
        board.lastChallenge.set(normalizeSuiAddress(e.node_id.bytes), line);
      } else if (type === `${blobEvents}BlobRegistered` || type === `${blobEvents}BlobCertified`) {
        const e = layouts.decode(type, contents) as { blob_id: bigint; end_epoch: number; size?: bigint };
        noteBlob(board.state, e, type.endsWith('Certified'));
      }
    }
  };
}

function summarize(tx: GrpcTypes.ExecutedTransaction, events: readonly GrpcTypes.Event[]) {
  const ok = tx.effects?.status?.success ?? false;
  const sender = tx.balanceChanges.find((c) => BigInt(c.amount ?? '0') < 0n)?.address ?? '';
  const names = events.map((e) => e.eventType?.split('::').pop()?.replace(/<.*$/, '')).filter(Boolean);
  return {
    digest: tx.digest ?? '',
    sender,
    ok,
    summary: ok ? names.join(', ') : (tx.effects?.status?.error?.description ?? ''),
  };
}

function noteBlob(
  state: DashboardState,
  e: { blob_id: bigint; end_epoch: number; size?: bigint },
  certified: boolean,
): void {
  const blobId = blobIdFromInt(e.blob_id);
  const known = state.recentBlobs.find((b) => b.blobId === blobId);
  const entry = {
    blobId,
    size: Number(e.size ?? BigInt(known?.size ?? 0)),
    endEpoch: e.end_epoch,
    certified: certified || (known?.certified ?? false),
  };
  state.recentBlobs = [entry, ...state.recentBlobs.filter((b) => b.blobId !== blobId)].slice(0, RECENT);
}

/** The committee, stakes, node stats and account balances, read now. */
async function readNetwork(
  devnet: Devnet,
  lastChallenge: ReadonlyMap<string, string>,
): Promise<{
  epoch: Omit<DashboardState['epoch'], 'checkpoint'>;
  nodes: DashboardState['nodes'];
  accounts: DashboardState['accounts'];
}> {
  const { suiClient, walrusClient, deployment, descriptor } = devnet;
  walrusClient.reset();
  const staking = await walrusClient.stakingState();
  const [nodes, accounts] = await Promise.all([
    readNodes(devnet, staking, lastChallenge),
    Promise.all(
      descriptor.accounts.map(async (a) => {
        const [sui, wal] = await Promise.all([
          suiClient.core.getBalance({ owner: a.address }),
          suiClient.core.getBalance({ owner: a.address, coinType: `${deployment.addresses.wal}::wal::WAL` }),
        ]);
        return { index: a.index, address: a.address, sui: sui.balance.balance, wal: wal.balance.balance };
      }),
    ),
  ]);
  const epoch = {
    walrus: staking.epoch,
    nextEpochAtMs: devnet.epochs.nextEpochAtMs || null,
    nowMs: Date.now(),
  };
  return { epoch, nodes, accounts };
}

async function readNodes(
  devnet: Devnet,
  staking: Awaited<ReturnType<Devnet['walrusClient']['stakingState']>>,
  lastChallenge: ReadonlyMap<string, string>,
): Promise<DashboardState['nodes']> {
  const layouts = contractLayouts(devnet.deployment.addresses);
  const shards = new Map(
    staking.committee[0].contents.map((e) => [normalizeSuiAddress(e.key), e.value.length]),
  );
  const pools = await devnet.suiClient.core.getObjects({
    objectIds: devnet.nodes.map((n) => n.nodeId),
    include: { content: true },
  });
  const poolType = `${normalizeSuiAddress(devnet.deployment.addresses.walrus)}::staking_pool::StakingPool`;
  return Promise.all(
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
}
