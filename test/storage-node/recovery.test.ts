import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EncodedBlob,
  encode,
  nodeIdOf,
  pairsOfNode,
  randomBlob,
  readBlob,
  sharedCluster,
  storeBlob,
} from './helpers.js';

const fixture = sharedCluster({ nodes: 4, nShards: 8 });
const blobs: EncodedBlob[] = [];

/** Every sliver a node should hold, fetched over HTTP, keyed `blob/pair/type`. */
async function snapshot(index: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const nodeUrl = fixture.cluster.node(index).url;
  for (const blob of blobs) {
    for (const pair of pairsOfNode(fixture.cluster, blob.blobId, index, fixture.sdk)) {
      for (const sliverType of ['primary', 'secondary'] as const) {
        const bytes = await fixture.sdk.client.getSliver(
          { blobId: blob.blobId, sliverPairIndex: pair, sliverType },
          { nodeUrl },
        );
        out.set(`${blob.blobId}/${pair}/${sliverType}`, Buffer.from(bytes).toString('hex'));
      }
    }
  }
  return out;
}

/** What the SDK's encoder says the node should hold. */
function expected(index: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const blob of blobs) {
    for (const pair of pairsOfNode(fixture.cluster, blob.blobId, index, fixture.sdk)) {
      out.set(`${blob.blobId}/${pair}/primary`, Buffer.from(blob.primary[pair]!).toString('hex'));
      out.set(`${blob.blobId}/${pair}/secondary`, Buffer.from(blob.secondary[pair]!).toString('hex'));
    }
  }
  return out;
}

beforeAll(async () => {
  for (const [size, seed] of [
    [1, 1],
    [20_000, 2],
    [150_000, 3],
  ] as const) {
    const blob = await encode(fixture.cluster.nShards, randomBlob(size, seed));
    await storeBlob(fixture.cluster, blob, { deletable: seed === 2 });
    blobs.push(blob);
  }
});

describe('self-healing from peers (RedStuff recovery)', () => {
  it('recovers every sliver of a wiped node from recovery symbols', async () => {
    const node = fixture.cluster.node(1);
    const before = await snapshot(1);
    expect(before).toEqual(expected(1));
    await node.wipe();
    expect((await node.stats()).slivers).toBeLessThan(before.size);
    const report = await node.idle();
    expect(report.failures).toEqual([]);
    expect(report.slivers).toBe(before.size);
    expect(report.metadata).toBe(blobs.length);
    expect(report.symbolsRejected).toBe(0);
    // n - f symbols per primary sliver, n - 2f per secondary sliver, plus the columns this node had to rebuild.
    const n = fixture.cluster.nShards;
    const f = Math.floor((n - 1) / 3);
    const perBlob = before.size / blobs.length / 2;
    expect(report.symbolsFetched).toBeGreaterThanOrEqual(blobs.length * perBlob * (n - f - 2 + (n - 2 * f)));
    expect(report.symbolsFetched).toBeLessThanOrEqual(blobs.length * perBlob * 2 * (n - f + n - 2 * f));
    expect(await snapshot(1)).toEqual(before);
    expect((await node.stats()).slivers).toBe(before.size);
  });

  it('heals a node restarted with an empty directory', async () => {
    const node = fixture.cluster.node(2);
    const before = await snapshot(2);
    await node.stop();
    await node.wipe();
    await node.start();
    const report = await node.idle();
    expect(report.slivers).toBe(before.size);
    expect(await snapshot(2)).toEqual(before);
  });

  it('heals a node restarted with a partial directory', async () => {
    const node = fixture.cluster.node(3);
    const before = await snapshot(3);
    await node.stop();
    const root = join(node.options.dataDir, 'store', 'blobs');
    let removed = 0;
    for (const dir of readdirSync(root)) {
      for (const file of readdirSync(join(root, dir))) {
        if (file === 'p0' || file.startsWith('s') || (file === 'metadata' && removed % 2 === 0)) {
          rmSync(join(root, dir, file));
          removed++;
        }
      }
    }
    expect(removed).toBeGreaterThan(0);
    await node.start();
    await node.idle();
    expect(await snapshot(3)).toEqual(before);
  });

  it('a node that missed an upload recovers it once the blob is certified', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(40_000, 4));
    await storeBlob(fixture.cluster, blob, { skip: [0] });
    blobs.push(blob);
    const report = await fixture.cluster.node(0).idle();
    expect(report.failures).toEqual([]);
    expect(await snapshot(0)).toEqual(expected(0));
  });

  it('recovers around a peer that serves corrupted symbols', async () => {
    fixture.cluster.node(0).setFaults({ corruptSlivers: true });
    try {
      const node = fixture.cluster.node(1);
      const before = await snapshot(1);
      await node.wipe();
      const report = await node.idle();
      expect(report.failures).toEqual([]);
      expect(report.symbolsRejected).toBeGreaterThan(0);
      expect(await snapshot(1)).toEqual(before);
    } finally {
      fixture.cluster.node(0).setFaults({ corruptSlivers: false });
    }
  });

  it('a new owner of moved shards recovers their slivers, and confirms in the new epoch', async () => {
    const members = (await fixture.cluster.chain.getCommittee()).members;
    const moved = members[0]!.shards[0]!;
    fixture.cluster.chain.moveShards([moved], nodeIdOf(1));
    await fixture.cluster.node(1).idle();
    expect(await snapshot(1)).toEqual(expected(1));
    const blob = await encode(fixture.cluster.nShards, randomBlob(9_000, 5));
    await storeBlob(fixture.cluster, blob);
    blobs.push(blob);
    const read = await readBlob(fixture.cluster, blob.blobId, blob.bytes.length);
    expect(Buffer.from(read).equals(Buffer.from(blob.bytes))).toBe(true);
  });
});
