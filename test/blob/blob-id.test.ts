import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import { afterAll, describe, expect, it } from 'vitest';
import { blobIdOfFile } from '../../src/blob/blob-id.js';
import { randomBlob } from '../storage-node/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'blob-id-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The SDK's own offline computation, which `walrus blob id` must match on every network.
const sdk = new WalrusClient({
  suiClient: new SuiGrpcClient({ network: 'localnet', baseUrl: 'http://127.0.0.1:9' }),
  packageConfig: { systemObjectId: '0x1', stakingPoolId: '0x1' },
});

describe('blobIdOfFile', () => {
  it.each([
    [0, 100],
    [1, 100],
    [1024, 10],
    [100_001, 100],
    [5_000, 257],
  ])('%i bytes at %i shards: the SDK blob id and root hash', async (size, shards) => {
    const bytes = randomBlob(size, size + shards);
    const path = join(dir, `blob-${size}-${shards}`);
    writeFileSync(path, bytes);
    const want = await sdk.computeBlobMetadata({ bytes, numShards: shards });
    expect(await blobIdOfFile(path, shards)).toEqual({
      blobId: want.blobId,
      size,
      rootHash: Buffer.from(want.rootHash).toString('hex'),
    });
  });
});
