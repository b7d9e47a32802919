// Found by the chaos suite (docs/chaos.md): after stake moved shards to another node, the old owner kept their
// slivers for as long as the blobs lived. A node now drops them once the epoch change is done (EpochChangeDone),
// and not before: until then clients read blobs certified earlier from the previous committee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, encode, nodeIdOf, randomBlob, startCluster, storeBlob } from './helpers.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 4, nShards: 8 });
});
afterAll(() => cluster?.close());

describe('shards that move away', () => {
  it('are kept until the epoch change is done, then dropped; the new owner holds them', async () => {
    const blob = await encode(cluster.nShards, randomBlob(30_000, 7));
    await storeBlob(cluster, blob);
    const oldOwner = cluster.node(0);
    const newOwner = cluster.node(1);
    expect(await oldOwner.foreignSlivers()).toEqual([]);
    const before = (await oldOwner.stats()).slivers;

    const moved = (await cluster.chain.getCommittee()).members[0]!.shards[0]!;
    cluster.chain.moveShards([moved], nodeIdOf(1));
    await newOwner.idle();
    await oldOwner.idle();
    // EpochChangeSync: the old owner still serves the moved shard's pair (a primary and a secondary sliver).
    const kept = await oldOwner.foreignSlivers();
    expect(kept).toHaveLength(2);
    expect((await oldOwner.stats()).slivers).toBe(before);

    cluster.chain.finishEpochChange();
    await oldOwner.idle();
    expect(await oldOwner.foreignSlivers()).toEqual([]);
    expect((await oldOwner.stats()).slivers).toBe(before - 2);
    expect(await newOwner.foreignSlivers()).toEqual([]);
    for (const key of kept) {
      const [, type, pair] = key.split(':');
      const status = await fetch(`${newOwner.url}/v1/blobs/${blob.blobId}/slivers/${pair}/${type}/status`);
      expect(await status.json()).toMatchObject({ success: { data: 'Stored' } });
    }
  });
});
