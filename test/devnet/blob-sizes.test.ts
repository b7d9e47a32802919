/**
 * Issue 5: blobs of 0 B, 1 B, 1 MiB and 100 MiB go through the unmodified WalrusClient into a 4-node,
 * 100-shard devnet and come back byte for byte.
 *
 * The 100 MiB case takes about a minute on 2 cores; its uploads of 25 slivers × 2 per node take longer than
 * the SDK's default 30 s per request, so it uses a WalrusClient built with `storageNodeClientOptions.timeout`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/start-devnet.js';
import { MiB, randomBlob, sameBytes, startTestDevnet, walrusClientFor } from './helpers.js';

let devnet: Devnet;

beforeAll(async () => {
  devnet = await startTestDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

describe('store and read through the unmodified WalrusClient, 4 nodes / 100 shards', () => {
  it.each([
    ['0 B', 0],
    ['1 B', 1],
    ['1 MiB', MiB],
  ])('%s: stored, certified and read back identical', async (_name, size) => {
    const blob = randomBlob(size);
    const { blobId, blobObject } = await devnet.walrusClient.writeBlob({
      blob,
      deletable: false,
      epochs: 2,
      signer: devnet.signers[0]!,
    });
    expect(blobObject.certified_epoch).not.toBeNull();
    expect(blobObject.size).toBe(String(size));
    const read = await devnet.walrusClient.readBlob({ blobId });
    expect(read.byteLength).toBe(size);
    expect(sameBytes(read, blob)).toBe(true);
  });

  it('100 MiB: stored, certified and read back identical', { timeout: 300_000 }, async () => {
    const client = walrusClientFor(devnet, { storageNodeClientOptions: { timeout: 240_000 } });
    const blob = randomBlob(100 * MiB);
    const started = performance.now();
    const { blobId, blobObject } = await client.writeBlob({
      blob,
      deletable: false,
      epochs: 1,
      signer: devnet.signers[1]!,
    });
    const stored = performance.now();
    expect(blobObject.certified_epoch).not.toBeNull();
    expect(blobObject.size).toBe(String(100 * MiB));
    const read = await client.readBlob({ blobId });
    const done = performance.now();
    expect(read.byteLength).toBe(blob.byteLength);
    expect(sameBytes(read, blob)).toBe(true);
    console.info(
      `[timing] 100 MiB: store ${((stored - started) / 1000).toFixed(1)} s, read ${((done - stored) / 1000).toFixed(1)} s`,
    );
  });
});
