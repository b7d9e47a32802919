import { readFileSync } from 'node:fs';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import { checkBlobFile } from './blob-input.js';

/**
 * Computes a file's blob id offline (RedStuff encoding with `@mysten/walrus-wasm`, no network):
 * the id depends on the shard count, so pass the network's.
 * @example await blobIdOfFile('./asset.glb', 100)
 */
export async function blobIdOfFile(
  path: string,
  nShards: number,
): Promise<{ blobId: string; size: number; rootHash: string }> {
  const size = checkBlobFile(path, nShards);
  // The client is only used for its wasm bindings here; it never contacts the (unused) URL.
  const offline = new WalrusClient({
    suiClient: new SuiGrpcClient({ network: 'localnet', baseUrl: 'http://127.0.0.1:9' }),
    packageConfig: { systemObjectId: '0x1', stakingPoolId: '0x1' },
  });
  const { blobId, rootHash } = await offline.computeBlobMetadata({
    bytes: readFileSync(path),
    numShards: nShards,
  });
  return { blobId, size, rootHash: Buffer.from(rootHash).toString('hex') };
}
