import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTo } from '../tcp-probe.js';
import {
  type Cluster,
  encode,
  loadSdk,
  pairsOfNode,
  randomBlob,
  readBlob,
  type Sdk,
  startCluster,
  storeBlob,
} from './helpers.js';

let cluster: Cluster;
let sdk: Sdk;

beforeAll(async () => {
  sdk = await loadSdk();
  cluster = await startCluster({ nodes: 4, nShards: 8, childProcess: [3] });
}, 120_000);
afterAll(async () => {
  await cluster?.close();
});

describe('a storage node in its own process', () => {
  it('serves the SDK, survives kill -9 with its data, and heals what it missed while dead', async () => {
    const child = cluster.process(3);
    expect(child.pid).toBeGreaterThan(0);
    expect(child.pid).not.toBe(process.pid);
    const bytes = randomBlob(20_000, 61);
    const blob = await encode(cluster.nShards, bytes);
    await storeBlob(cluster, blob);
    const stats = await child.stats();
    expect(stats.slivers).toBe(2 * pairsOfNode(cluster, blob.blobId, 3, sdk).length);

    const port = child.port;
    await child.kill('SIGKILL');
    expect(child.status).toBe('stopped');
    expect(await connectTo(port)).toBe('ECONNREFUSED');
    // Reads go on from the other nodes.
    const read = await readBlob(cluster, blob.blobId, bytes.length);
    expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
    // A blob stored while the node is dead.
    const missed = await encode(cluster.nShards, randomBlob(15_000, 62));
    await storeBlob(cluster, missed, { skip: [3] });

    await child.start();
    expect(child.port).toBe(port);
    const pair = pairsOfNode(cluster, blob.blobId, 3, sdk)[0]!;
    const sliver = await sdk.client.getSliver(
      { blobId: blob.blobId, sliverPairIndex: pair, sliverType: 'primary' },
      { nodeUrl: child.url },
    );
    expect(Buffer.from(sliver).equals(Buffer.from(blob.primary[pair]!))).toBe(true);
    const report = await child.sync();
    expect(report.failures).toEqual([]);
    const missedPair = pairsOfNode(cluster, missed.blobId, 3, sdk)[0]!;
    const recovered = await sdk.client.getSliver(
      { blobId: missed.blobId, sliverPairIndex: missedPair, sliverType: 'secondary' },
      { nodeUrl: child.url },
    );
    expect(Buffer.from(recovered).equals(Buffer.from(missed.secondary[missedPair]!))).toBe(true);
    await child.setFaults({ slowMs: 0, corruptSlivers: false });
  });
});
