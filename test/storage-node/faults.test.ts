import { describe, expect, it } from 'vitest';
import { parseBlobMetadata, parseSliver } from '../../devnet/storage-node/bcs-types.js';
import { bytesEqual } from '../../devnet/storage-node/merkle.js';
import { sliverHash } from '../../devnet/storage-node/metadata.js';
import { readVerified } from '../../src/blob/verified-read.js';
import { connectTo } from '../tcp-probe.js';
import { encode, nodeIdOf, pairsOfNode, randomBlob, readBlob, sharedCluster, storeBlob } from './helpers.js';

const fixture = sharedCluster({ nodes: 4, nShards: 8, node: { selfHeal: false } });

describe('fault switches', () => {
  it('corrupted slivers: readers detect them by the sliver hash and the blob id', async () => {
    const bytes = randomBlob(25_000, 31);
    const blob = await encode(fixture.cluster.nShards, bytes);
    await storeBlob(fixture.cluster, blob);
    fixture.cluster.node(2).setFaults({ corruptSlivers: true });
    try {
      const metadata = parseBlobMetadata(fixture.sdk.bcs.BlobMetadata.serialize(blob.metadata).toBytes());
      const pair = pairsOfNode(fixture.cluster, blob.blobId, 2, fixture.sdk)[0]!;
      const served = await fixture.sdk.client.getSliver(
        { blobId: blob.blobId, sliverPairIndex: pair, sliverType: 'primary' },
        { nodeUrl: fixture.cluster.node(2).url },
      );
      const sliver = parseSliver(served);
      expect(
        bytesEqual(
          await sliverHash(fixture.cluster.nShards, 'primary', sliver),
          metadata.hashes[pair]!.primary,
        ),
      ).toBe(false);
      // Decoding with the corrupted sliver among the p used gives the wrong bytes, which the
      // SDK's blob-id check rejects.
      const others = pairsOfNode(fixture.cluster, blob.blobId, 0, fixture.sdk).concat(
        pairsOfNode(fixture.cluster, blob.blobId, 1, fixture.sdk),
      );
      const slivers = [served];
      for (const p of others.slice(0, 3)) slivers.push(blob.primary[p]!);
      const decoded = fixture.sdk.wasm.decodePrimarySlivers(
        blob.blobId,
        fixture.cluster.nShards,
        bytes.length,
        slivers,
      );
      expect(fixture.sdk.wasm.computeMetadata(fixture.cluster.nShards, decoded).blobId).not.toBe(blob.blobId);
      // The CLI's read (src/blob/verified-read.ts): the node's slivers fail their hash and are refused, and the
      // right bytes come back. Each read asks p = 4 of 8 random shards (the node holds 2): repeat until one was
      // met (never in 12 reads: 0.21^12 ≈ 1e-8), every read must return the blob.
      const members = (fixture.cluster.chain as unknown as { members: { shards: number[] }[] }).members;
      const nodes = members.map((m, i) => ({
        nodeId: nodeIdOf(i),
        name: `node-${i}`,
        url: fixture.cluster.node(i).url,
        shards: m.shards,
      }));
      const refused = [];
      for (let i = 0; i < 12 && refused.length === 0; i++) {
        const verified = await readVerified(blob.blobId, fixture.cluster.nShards, nodes);
        expect(Buffer.from(verified.bytes).equals(Buffer.from(bytes))).toBe(true);
        refused.push(...verified.refused);
      }
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((r) => r.nodeId === nodeIdOf(2) && /Merkle root/.test(r.reason))).toBe(true);
    } finally {
      fixture.cluster.node(2).setFaults({ corruptSlivers: false });
    }
    const read = await readBlob(fixture.cluster, blob.blobId, bytes.length);
    expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
  });

  it('slow node: answers come late (after a fast node has answered)', async () => {
    fixture.cluster.node(1).setFaults({ slowMs: 10_000 });
    const aborter = new AbortController();
    let slowAnswered = false;
    const slow = fetch(`${fixture.cluster.node(1).url}/v1/health`, { signal: aborter.signal }).then(
      () => {
        slowAnswered = true;
      },
      (error: unknown) => error,
    );
    try {
      expect((await fetch(`${fixture.cluster.node(2).url}/v1/health`)).status).toBe(200);
      expect(slowAnswered).toBe(false);
    } finally {
      aborter.abort();
      fixture.cluster.node(1).setFaults({ slowMs: 0 });
    }
    expect(await slow).toMatchObject({ name: 'AbortError' });
    expect((await fetch(`${fixture.cluster.node(1).url}/v1/health`)).status).toBe(200);
  });

  it('refusing writes: uploads get 503, reads still work', async () => {
    const stored = randomBlob(4_000, 34);
    const readable = await encode(fixture.cluster.nShards, stored);
    await storeBlob(fixture.cluster, readable);
    const blob = await encode(fixture.cluster.nShards, randomBlob(2_000, 32));
    fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
    fixture.cluster.node(3).setFaults({ refuseWrites: true });
    try {
      const error = await fixture.sdk.client
        .storeBlobMetadata(
          { blobId: blob.blobId, metadata: blob.metadata },
          { nodeUrl: fixture.cluster.node(3).url },
        )
        .catch((e: unknown) => e);
      expect((error as { status: number }).status).toBe(503);
      expect(error).toBeInstanceOf(fixture.sdk.errors.InternalServerError);
      // The same node still serves what it holds, and the blob reads back whole.
      const metadata = await fetch(`${fixture.cluster.node(3).url}/v1/blobs/${readable.blobId}/metadata`);
      expect(metadata.status).toBe(200);
      const read = await readBlob(fixture.cluster, readable.blobId, stored.length);
      expect(Buffer.from(read).equals(Buffer.from(stored))).toBe(true);
    } finally {
      fixture.cluster.node(3).setFaults({ refuseWrites: false });
    }
  });

  it('a stopped node refuses connections; reads still succeed from the others; it comes back on the same port', async () => {
    const bytes = randomBlob(10_000, 33);
    const blob = await encode(fixture.cluster.nShards, bytes);
    await storeBlob(fixture.cluster, blob);
    const node = fixture.cluster.node(0);
    const port = node.port;
    await node.stop();
    expect(node.status).toBe('stopped');
    expect(await connectTo(port)).toBe('ECONNREFUSED');
    const read = await readBlob(fixture.cluster, blob.blobId, bytes.length);
    expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
    await node.start();
    expect(node.port).toBe(port);
    expect((await fetch(`${node.url}/v1/health`)).status).toBe(200);
    await expect(node.start()).rejects.toThrow(/status is "started"/);
  });

  it('rejects bad fault values', () => {
    expect(() => fixture.cluster.node(0).setFaults({ slowMs: -1 })).toThrow(/slowMs/);
  });
});
