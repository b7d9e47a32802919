// A storage node checks each received sliver with the RedStuff kernel: it never re-encodes the blob
// (walrus-wasm's encoder is not called while a node takes a whole upload), and refuses a sliver
// with one flipped bit; recovery calls neither walrus-wasm's encoder nor its decoder. Symbol work
// runs on this thread here (no worker pool), so the spies see every call.
import { BlobEncoder } from '@mysten/walrus-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseSliver, serializeSliver } from '../../devnet/storage-node/bcs-types.js';
import {
  encode,
  pairsOfNode,
  randomBlob,
  reasonOf,
  sharedCluster,
  storeBlob,
  writeToNode,
} from '../storage-node/helpers.js';

beforeAll(() => {
  process.env.WALRUS_EXPANSION_WORKERS = '0';
});
const fixture = sharedCluster({ nodes: 4, nShards: 10 });

describe('node sliver checks on the kernel', () => {
  it('takes a whole upload without calling the wasm encoder', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(30_000, 91));
    fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
    const encodeCalls = vi.spyOn(BlobEncoder.prototype, 'encode');
    try {
      const confirmation = await writeToNode(fixture.cluster, 1, blob);
      expect(confirmation?.signature).toBeTruthy();
      expect(encodeCalls).not.toHaveBeenCalled();
    } finally {
      encodeCalls.mockRestore();
    }
  });

  it('refuses a primary and a secondary sliver with one flipped bit, and takes the right ones', async () => {
    const blob = await encode(fixture.cluster.nShards, randomBlob(12_345, 92));
    fixture.cluster.chain.registerBlob({ blobId: blob.blobId, size: blob.bytes.length });
    const nodeUrl = fixture.cluster.node(2).url;
    await fixture.sdk.client.storeBlobMetadata({ blobId: blob.blobId, metadata: blob.metadata }, { nodeUrl });
    const pair = pairsOfNode(fixture.cluster, blob.blobId, 2, fixture.sdk)[0]!;
    for (const sliverType of ['primary', 'secondary'] as const) {
      const bytes = (sliverType === 'primary' ? blob.primary : blob.secondary)[pair]!;
      const sliver = parseSliver(bytes);
      const data = Uint8Array.from(sliver.data);
      data[data.length - 1]! ^= 0x10;
      const refused = await fixture.sdk.client
        .storeSliver(
          {
            blobId: blob.blobId,
            sliverPairIndex: pair,
            sliverType,
            sliver: serializeSliver({ ...sliver, data }),
          },
          { nodeUrl },
        )
        .catch((e: unknown) => e);
      expect(reasonOf(refused), sliverType).toBe('INVALID_SLIVER');
      await fixture.sdk.client.storeSliver(
        { blobId: blob.blobId, sliverPairIndex: pair, sliverType, sliver: bytes },
        { nodeUrl },
      );
      expect(
        await fixture.sdk.client.getSliverStatus(
          { blobId: blob.blobId, sliverPairIndex: pair, sliverType },
          { nodeUrl },
        ),
      ).toBe('Stored');
    }
  });

  it('a wiped node recovers its slivers without walrus-wasm encoding or decoding', async () => {
    for (const [size, seed] of [
      [40_000, 93],
      [3_000, 94],
    ] as const) {
      await storeBlob(fixture.cluster, await encode(fixture.cluster.nShards, randomBlob(size, seed)));
    }
    const node = fixture.cluster.node(3);
    const before = (await node.stats()).slivers;
    const encodeCalls = vi.spyOn(BlobEncoder.prototype, 'encode');
    const decodeCalls = vi.spyOn(BlobEncoder.prototype, 'decode');
    try {
      await node.wipe();
      const report = await node.idle();
      expect(report.failures).toEqual([]);
      expect((await node.stats()).slivers).toBe(before);
      expect(encodeCalls).not.toHaveBeenCalled();
      expect(decodeCalls).not.toHaveBeenCalled();
    } finally {
      encodeCalls.mockRestore();
      decodeCalls.mockRestore();
    }
  });
});
