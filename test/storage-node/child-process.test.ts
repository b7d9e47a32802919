import { describe, expect, it } from 'vitest';
import { connectTo } from '../tcp-probe.js';
import { encode, pairsOfNode, randomBlob, readBlob, sharedCluster, storeBlob } from './helpers.js';

const fixture = sharedCluster({ nodes: 4, nShards: 8, childProcess: [3] }, 120_000);

describe('a storage node in its own process', () => {
  it('serves the SDK, survives kill -9 with its data, and heals what it missed while dead', async () => {
    const child = fixture.cluster.process(3);
    expect(child.pid).toBeGreaterThan(0);
    expect(child.pid).not.toBe(process.pid);
    const bytes = randomBlob(20_000, 61);
    const blob = await encode(fixture.cluster.nShards, bytes);
    await storeBlob(fixture.cluster, blob);
    const stats = await child.stats();
    expect(stats.slivers).toBe(2 * pairsOfNode(fixture.cluster, blob.blobId, 3, fixture.sdk).length);

    const port = child.port;
    await child.kill('SIGKILL');
    expect(child.status).toBe('stopped');
    expect(await connectTo(port)).toBe('ECONNREFUSED');
    // Reads go on from the other nodes.
    const read = await readBlob(fixture.cluster, blob.blobId, bytes.length);
    expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
    // A blob stored while the node is dead.
    const missed = await encode(fixture.cluster.nShards, randomBlob(15_000, 62));
    await storeBlob(fixture.cluster, missed, { skip: [3] });

    await child.start();
    expect(child.port).toBe(port);
    const pair = pairsOfNode(fixture.cluster, blob.blobId, 3, fixture.sdk)[0]!;
    const sliver = await fixture.sdk.client.getSliver(
      { blobId: blob.blobId, sliverPairIndex: pair, sliverType: 'primary' },
      { nodeUrl: child.url },
    );
    expect(Buffer.from(sliver).equals(Buffer.from(blob.primary[pair]!))).toBe(true);
    const report = await child.sync();
    expect(report.failures).toEqual([]);
    const missedPair = pairsOfNode(fixture.cluster, missed.blobId, 3, fixture.sdk)[0]!;
    const recovered = await fixture.sdk.client.getSliver(
      { blobId: missed.blobId, sliverPairIndex: missedPair, sliverType: 'secondary' },
      { nodeUrl: child.url },
    );
    expect(Buffer.from(recovered).equals(Buffer.from(missed.secondary[missedPair]!))).toBe(true);
    await child.setFaults({ slowMs: 0, corruptSlivers: false });
  });
});
