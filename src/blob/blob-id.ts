import { readFileSync } from 'node:fs';
import { loadBlobEncoder } from '../../devnet/cli-api.js';
import { blobIdToString } from '../protocol/encoding.js';
import { checkBlobFile } from './blob-input.js';

/**
 * Computes a file's blob id offline (RedStuff encoding with the devnet's kernels, bit-exact with
 * `@mysten/walrus-wasm` and about 5x faster; no network): the id depends on the shard count, so pass
 * the network's.
 * @example await blobIdOfFile('./asset.glb', 100)
 */
export async function blobIdOfFile(
  path: string,
  nShards: number,
): Promise<{ blobId: string; size: number; rootHash: string }> {
  const size = checkBlobFile(path, nShards);
  const encodeBlob = await loadBlobEncoder();
  const { blobId, rootHash } = encodeBlob(nShards, readFileSync(path));
  return { blobId: blobIdToString(blobId), size, rootHash: Buffer.from(rootHash).toString('hex') };
}
