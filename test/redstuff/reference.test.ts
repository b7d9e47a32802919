// The TypeScript reference of the Reed-Solomon code reproduces walrus-wasm's sliver hashes.
import { describe, expect, it } from 'vitest';
import { bytesToWords, isHighRate, referenceExpand, wordsToBytes } from '../../devnet/redstuff/reference.js';
import { parseBlobMetadata, parseSliver } from '../../devnet/storage-node/bcs-types.js';
import { encodingParams } from '../../devnet/storage-node/encoding.js';
import { MerkleTree } from '../../devnet/storage-node/merkle.js';
import { encode, loadSdk, randomBlob } from '../storage-node/helpers.js';

function symbolsOf(data: Uint8Array, symbolSize: number): Uint8Array[] {
  return Array.from({ length: data.length / symbolSize }, (_, i) =>
    data.subarray(i * symbolSize, (i + 1) * symbolSize),
  );
}

describe('Reed-Solomon reference', () => {
  it('chooses the rate like reed-solomon-simd', () => {
    expect([
      isHighRate(3, 3),
      isHighRate(3, 4),
      isHighRate(3, 5),
      isHighRate(4, 3),
      isHighRate(5, 3),
    ]).toEqual([true, true, false, false, true]);
  });

  it('maps shard bytes to words and back, tail included', () => {
    for (const length of [2, 30, 64, 66, 126, 130]) {
      const bytes = randomBlob(length, length);
      expect(Buffer.from(wordsToBytes(bytesToWords(bytes))).equals(Buffer.from(bytes))).toBe(true);
    }
    const words = bytesToWords(Uint8Array.of(1, 2, 3, 4, 5, 6));
    expect([...words]).toEqual([1 | (4 << 8), 2 | (5 << 8), 3 | (6 << 8)]);
  });

  it.each([
    [4, 100],
    [7, 1_000],
    [10, 7_777],
    [100, 40_000],
  ])('every sliver root equals walrus-wasm metadata (n = %i, %i B)', async (n, size) => {
    const sdk = await loadSdk();
    const blob = await encode(n, randomBlob(size, n));
    const metadata = parseBlobMetadata(sdk.bcs.BlobMetadata.serialize(blob.metadata).toBytes());
    const { primarySymbols: p, secondarySymbols: s } = encodingParams(n);
    for (let pair = 0; pair < n; pair++) {
      const primary = parseSliver(blob.primary[pair]!);
      const row = referenceExpand(symbolsOf(primary.data, primary.symbolSize), n - s);
      expect(Buffer.from(MerkleTree.build(row).root).toString('hex')).toBe(
        Buffer.from(metadata.hashes[pair]!.primary).toString('hex'),
      );
      const secondary = parseSliver(blob.secondary[pair]!);
      const column = referenceExpand(symbolsOf(secondary.data, secondary.symbolSize), n - p);
      expect(Buffer.from(MerkleTree.build(column).root).toString('hex')).toBe(
        Buffer.from(metadata.hashes[pair]!.secondary).toString('hex'),
      );
    }
  });
});
