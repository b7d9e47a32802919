import { describe, expect, it } from 'vitest';
import { encode, randomBlob, sharedCluster, storeBlob } from './helpers.js';

const fixture = sharedCluster({ nodes: 4, nShards: 4 });

/** Waits until every node has handled the chain changes made so far (garbage collection included). */
async function handled(): Promise<void> {
  await Promise.all(fixture.cluster.nodes.map((node) => node.idle()));
}

async function storedEverywhere(blobId: string): Promise<boolean[]> {
  return Promise.all(
    fixture.cluster.nodes.map(
      async (node) =>
        (await fixture.sdk.client.getMetadataStatus({ blobId }, { nodeUrl: node.url })) === 'Stored',
    ),
  );
}

describe('garbage collection', () => {
  it('drops slivers of a deleted blob', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(6_000, 41));
    const objectId = await storeBlob(fixture.cluster, blob, { deletable: true });
    expect(await storedEverywhere(blob.blobId)).toEqual([true, true, true, true]);
    const before = await fixture.cluster.node(0).stats();
    fixture.cluster.chain.deleteBlob(objectId);
    await handled();
    expect(await storedEverywhere(blob.blobId)).toEqual([false, false, false, false]);
    const after = await fixture.cluster.node(0).stats();
    expect(after.slivers).toBe(before.slivers - 2);
    expect(after.diskBytes).toBeLessThan(before.diskBytes);
    const status = await fixture.sdk.client.getBlobStatus(
      { blobId: blob.blobId },
      { nodeUrl: fixture.cluster.node(1).url },
    );
    expect(status).toEqual({ type: 'nonexistent' });
  });

  it('keeps a blob while another object still holds it', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(6_000, 42));
    const deletable = await storeBlob(fixture.cluster, blob, { deletable: true });
    fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
    fixture.cluster.chain.deleteBlob(deletable);
    await handled();
    expect(await storedEverywhere(blob.blobId)).toEqual([true, true, true, true]);
  });

  it('drops expired blobs when the epoch passes their end', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(6_000, 43));
    await storeBlob(fixture.cluster, blob, { endEpoch: fixture.cluster.chain.epoch + 1 });
    expect(await storedEverywhere(blob.blobId)).toEqual([true, true, true, true]);
    fixture.cluster.chain.advanceEpoch();
    await handled();
    expect(await storedEverywhere(blob.blobId)).toEqual([false, false, false, false]);
  });

  it('drops invalidated blobs and reports them invalid', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(6_000, 44));
    await storeBlob(fixture.cluster, blob);
    fixture.cluster.chain.invalidateBlob(blob.blobId);
    await handled();
    expect(await storedEverywhere(blob.blobId)).toEqual([false, false, false, false]);
    const status = await fixture.sdk.client.getBlobStatus(
      { blobId: blob.blobId },
      { nodeUrl: fixture.cluster.node(2).url },
    );
    expect(status.type).toBe('invalid');
  });
});
