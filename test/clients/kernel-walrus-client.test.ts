// The CLI's WalrusClient encodes with the RedStuff kernels: `encodeBlob` gives the official client's values byte for
// byte (blob id, root hash, metadata BCS, every node's slivers), and a blob it writes reads back through the
// unmodified WalrusClient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/start-devnet.js';
import { KernelWalrusClient, sliverDataBytes } from '../../src/clients/kernel-walrus-client.js';
import { serializeSliver } from '../../src/protocol/bcs-types.js';
import { randomBlob, sameBytes, startTestDevnet, walrusClientFor } from '../devnet/helpers.js';
import { loadSdk } from '../storage-node/helpers.js';

let devnet: Devnet;
let kernel: KernelWalrusClient;

beforeAll(async () => {
  devnet = await startTestDevnet();
  kernel = new KernelWalrusClient({
    suiClient: devnet.suiClient,
    packageConfig: {
      systemObjectId: devnet.deployment.systemObjectId,
      stakingPoolId: devnet.deployment.stakingObjectId,
    },
    storageNodeUrlScheme: 'http',
  });
});
afterAll(async () => {
  await devnet?.stop();
});

describe('KernelWalrusClient', () => {
  it('writes SliverData BCS as @mysten/bcs does, across the uleb128 length boundaries', () => {
    for (const length of [0, 1, 127, 128, 16_383, 16_384, 70_000]) {
      const data = randomBlob(length);
      expect(sliverDataBytes(data, 513, 77)).toEqual(serializeSliver({ data, symbolSize: 513, index: 77 }));
    }
  });

  it.each([
    ['0 B', 0],
    ['1 B', 1],
    ['1 KiB', 1024],
    ['300 KiB', 300 * 1024],
  ])('%s: encodeBlob equals the official client byte for byte', async (_name, size) => {
    const blob = randomBlob(size);
    const official = await walrusClientFor(devnet).encodeBlob(blob);
    const ours = await kernel.encodeBlob(blob);
    expect(ours.blobId).toBe(official.blobId);
    expect(ours.rootHash).toEqual(official.rootHash);
    // As the SDK's storage-node client serialises it for `PUT metadata`.
    const { BlobMetadata } = (await loadSdk()).bcs;
    expect(BlobMetadata.serialize(ours.metadata).toBytes()).toEqual(
      BlobMetadata.serialize(official.metadata).toBytes(),
    );
    expect(ours.sliversByNode.length).toBe(official.sliversByNode.length);
    ours.sliversByNode.forEach((node, i) => {
      const theirs = official.sliversByNode[i]!;
      for (const type of ['primary', 'secondary'] as const) {
        expect(node[type].map(({ sliver, ...rest }) => ({ ...rest, sliver: Array.from(sliver) }))).toEqual(
          theirs[type].map(({ sliver, ...rest }) => ({ ...rest, sliver: Array.from(sliver) })),
        );
      }
    });
  });

  it('stores a blob the unmodified WalrusClient reads back', async () => {
    const blob = randomBlob(200 * 1024);
    const { blobId, blobObject } = await kernel.writeBlob({
      blob,
      deletable: true,
      epochs: 1,
      signer: devnet.signers[0]!,
    });
    expect(blobObject.certified_epoch).not.toBeNull();
    expect(sameBytes(await walrusClientFor(devnet).readBlob({ blobId }), blob)).toBe(true);
  });
});
