// Property test: for many (n, size), on both axes, every sliver's kernel root equals walrus-wasm's
// metadata and one flipped bit is refused; the kernel's whole-blob encoder equals walrus-wasm, and
// its decoder gives the blob back from p primary slivers.
import { describe, expect, it } from 'vitest';
import { decodeBlob } from '../../devnet/redstuff/blob-decoder.js';
import { encodeBlob } from '../../devnet/redstuff/blob-encoder.js';
import { expandSliver } from '../../devnet/redstuff/sliver.js';
import { parseBlobMetadata, parseSliver } from '../../devnet/storage-node/bcs-types.js';
import {
  blobIdToString,
  encodingParams,
  maxBlobSize,
  type SliverType,
  sliverIndexOf,
} from '../../devnet/storage-node/encoding.js';
import { encode, loadSdk, randomBlob } from '../storage-node/helpers.js';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

const CASES: [number, number][] = [
  [4, 0],
  [4, 1],
  [4, maxBlobSize(4)],
  [5, 64],
  [7, 1_000],
  [7, maxBlobSize(7)],
  [10, 0],
  [10, 7_777],
  [10, maxBlobSize(10)],
  [13, 4_096],
  [31, 100_003],
  [32, 1 << 20],
  [64, 12_345],
  [100, 0],
  [100, 250_000],
  [257, 65_536],
  [1000, 3_000],
];

describe('kernel sliver roots against walrus-wasm', () => {
  it.each(CASES)(
    'n = %i, %i B: every root matches, a flipped bit is refused, the encoder is bit-exact',
    async (n, size) => {
      const sdk = await loadSdk();
      const bytes = randomBlob(size, n + size);
      const blob = await encode(n, bytes);
      const metadata = parseBlobMetadata(sdk.bcs.BlobMetadata.serialize(blob.metadata).toBytes());
      const ours = encodeBlob(n, bytes);
      expect(blobIdToString(ours.blobId)).toBe(blob.blobId);
      for (let pair = 0; pair < n; pair++) {
        for (const type of ['primary', 'secondary'] as const satisfies SliverType[]) {
          const sliver = parseSliver((type === 'primary' ? blob.primary : blob.secondary)[pair]!);
          const want = type === 'primary' ? metadata.hashes[pair]!.primary : metadata.hashes[pair]!.secondary;
          expect(
            hex(expandSliver(n, type, sliver.data, sliver.symbolSize).root),
            `${type} pair ${pair}`,
          ).toBe(hex(want));
          const index = sliverIndexOf(type, pair, n);
          expect(hex(type === 'primary' ? ours.primary[index]! : ours.secondary[index]!)).toBe(
            hex(sliver.data),
          );
          // Large n: a flipped bit in a sample of the pairs keeps the case to a few seconds.
          if (n > 100 && pair % 37 !== 0) continue;
          const flipped = Uint8Array.from(sliver.data);
          const bit = (pair * 7919 + size) % (flipped.length * 8);
          flipped[bit >> 3]! ^= 1 << (bit & 7);
          expect(hex(expandSliver(n, type, flipped, sliver.symbolSize).root)).not.toBe(hex(want));
        }
        expect(hex(ours.hashes[pair]!.primary)).toBe(hex(metadata.hashes[pair]!.primary));
        expect(hex(ours.hashes[pair]!.secondary)).toBe(hex(metadata.hashes[pair]!.secondary));
      }
      // Decoding from p primary slivers spread over the pairs (repair rows included) gives the blob back.
      const { primarySymbols: p } = encodingParams(n);
      const picked = [...new Set(Array.from({ length: p }, (_, i) => (i * 7 + 3) % n))];
      for (let i = 0; picked.length < p; i++) if (!picked.includes(i)) picked.push(i);
      const decoded = decodeBlob(
        n,
        size,
        picked.map((index) => ({ index, data: parseSliver(blob.primary[index]!).data })),
      );
      expect(hex(decoded)).toBe(hex(bytes));
    },
  );
});
