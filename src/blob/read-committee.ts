/**
 * The storage nodes a read asks, as the SDK picks them: the current committee, or the previous one while the
 * network is moving shards (`EpochChangeSync`), since the new owners may not hold older blobs yet. Shards come
 * from the Staking object through `WalrusClient.stakingState()`; each node's name and address from its
 * StakingPool object's `node_info`, read through the Sui core API.
 */
import { bcs } from '@mysten/sui/bcs';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { WalrusSession } from '../clients/walrus-session.js';

/** One storage node of a read committee. */
export interface ReadNode {
  nodeId: string;
  name: string;
  /** `<scheme>://<network_address>`, as the SDK builds it. */
  url: string;
  shards: number[];
}

type CommitteeEntries = { contents: Array<{ key: string; value: number[] }> };

/**
 * The leading fields of `walrus::staking_pool::StakingPool` up to `node_info.network_address`
 * (contracts/walrus/sources/staking_pool.move; BCS decodes a prefix and ignores the rest), for nodes whose
 * RPC does not fill the object's `json`.
 */
const StakingPoolHead = bcs.struct('StakingPoolHead', {
  id: bcs.Address,
  state: bcs.enum('PoolState', { Active: null, Withdrawing: bcs.u32(), Withdrawn: null }),
  voting_params: bcs.struct('VotingParams', {
    storage_price: bcs.u64(),
    write_price: bcs.u64(),
    node_capacity: bcs.u64(),
  }),
  node_info: bcs.struct('StorageNodeInfoHead', {
    name: bcs.string(),
    node_id: bcs.Address,
    network_address: bcs.string(),
  }),
});

type NodeInfo = { name?: string; network_address?: string };

/** A StakingPool's name and network address: from its JSON when the RPC gives it, else from its BCS. */
function nodeInfo(object: { json?: unknown; content?: Uint8Array }): NodeInfo | undefined {
  const fromJson = (object.json as { node_info?: NodeInfo } | null | undefined)?.node_info;
  if (fromJson?.network_address) return fromJson;
  return object.content ? StakingPoolHead.parse(object.content).node_info : undefined;
}

/** The committees to read from, in the order to try them; `nShards` of the system. */
export async function readCommittees(
  session: WalrusSession,
): Promise<{ nShards: number; committees: ReadNode[][] }> {
  const staking = await session.walrus.stakingState();
  const current = staking.committee[0] as CommitteeEntries;
  const previous = staking.previous_committee[0] as CommitteeEntries;
  const order =
    staking.epoch_state.$kind === 'EpochChangeSync' && previous.contents.length > 0
      ? [previous, current]
      : [current];
  const scheme = session.connection.network.local ? 'http' : 'https';
  const committees: ReadNode[][] = [];
  for (const committee of order) committees.push(await committeeNodes(session, committee, scheme));
  return { nShards: staking.n_shards, committees };
}

async function committeeNodes(
  session: WalrusSession,
  committee: CommitteeEntries,
  scheme: string,
): Promise<ReadNode[]> {
  const ids = committee.contents.map((entry) => normalizeSuiAddress(entry.key));
  const nodes: ReadNode[] = [];
  // The Sui RPC serves at most 50 objects per call.
  for (let at = 0; at < ids.length; at += 50) {
    const { objects } = await session.sui.core.getObjects({
      objectIds: ids.slice(at, at + 50),
      include: { json: true, content: true },
    });
    objects.forEach((object, i) => {
      const entry = committee.contents[at + i]!;
      if (object instanceof Error) throw object;
      const info = nodeInfo(object);
      if (!info?.network_address)
        throw new Error(`StakingPool ${ids[at + i]} has no node_info.network_address`);
      nodes.push({
        nodeId: ids[at + i]!,
        name: info.name ?? ids[at + i]!,
        url: `${scheme}://${info.network_address}`,
        shards: entry.value,
      });
    });
  }
  return nodes;
}
