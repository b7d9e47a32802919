// The whole-blob encoder against walrus-wasm for every even symbol size from 2 to 130 bytes: the
// sizes where adjacent rows and columns share the transforms' tail blocks (under 512 bytes), where a
// leaf is hashed from registers (under 120 bytes), and the boundaries of both; then slivers kept from
// one encode stay intact across sliver checks and decodes.
import { describe, expect, it } from 'vitest';
import { decodeBlob } from '../../devnet/redstuff/blob-decoder.js';
import { encodeBlob } from '../../devnet/redstuff/blob-encoder.js';
import { expandSliver } from '../../devnet/redstuff/sliver.js';
import { parseSliver } from '../../devnet/storage-node/bcs-types.js';
import {
  blobIdToString,
  encodingParams,
  sliverIndexOf,
  symbolSizeFor,
} from '../../devnet/storage-node/encoding.js';
import { encode, randomBlob } from '../storage-node/helpers.js';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('whole-blob encoder', () => {
  it.each([10, 13])('n = %i: every even symbol size from 2 to 130 bytes equals walrus-wasm', async (n) => {
    const { primarySymbols: p, secondarySymbols: s } = encodingParams(n);
    for (let symbolSize = 2; symbolSize <= 130; symbolSize += 2) {
      const size = p * s * symbolSize - 1;
      expect(symbolSizeFor(size, n)).toBe(symbolSize);
      const bytes = randomBlob(size, symbolSize + n);
      const want = await encode(n, bytes);
      const ours = encodeBlob(n, bytes);
      expect(blobIdToString(ours.blobId), `symbol size ${symbolSize}`).toBe(want.blobId);
      // walrus-wasm lists slivers by pair; pair i holds secondary sliver n - 1 - i.
      for (let pair = 0; pair < n; pair++) {
        expect(hex(ours.primary[pair]!)).toBe(hex(parseSliver(want.primary[pair]!).data));
        const secondary = ours.secondary[sliverIndexOf('secondary', pair, n)]!;
        expect(hex(secondary), `symbol size ${symbolSize}`).toBe(
          hex(parseSliver(want.secondary[pair]!).data),
        );
      }
    }
  });

  it('keeps its slivers intact across sliver checks and decodes until the next encode', () => {
    const n = 10;
    const bytes = randomBlob(5_000, 3);
    const ours = encodeBlob(n, bytes);
    const before = ours.primary.map(hex);
    for (let i = 0; i < n; i++) expandSliver(n, 'primary', ours.primary[i]!, ours.symbolSize);
    const { primarySymbols: p } = encodingParams(n);
    const picked = Array.from({ length: p }, (_, i) => n - 1 - i);
    decodeBlob(
      n,
      bytes.length,
      picked.map((index) => ({ index, data: ours.primary[index]! })),
    );
    expect(ours.primary.map(hex)).toEqual(before);
  });
});
