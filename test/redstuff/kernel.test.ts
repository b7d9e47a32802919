// The wasm kernel against the TypeScript reference: random (k, m, symbol size), and Blake2b-256.
import { blake2b } from '@noble/hashes/blake2.js';
import { describe, expect, it } from 'vitest';
import { decodeSymbols, expandSymbols, kernelBlake2b256 } from '../../devnet/redstuff/kernel.js';
import { referenceDecode, referenceEncode } from '../../devnet/redstuff/reference.js';
import { MerkleTree } from '../../devnet/storage-node/merkle.js';
import { randomBlob } from '../storage-node/helpers.js';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** A deterministic generator, so a failing case is reproducible from its printed parameters. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % below;
  };
}

function checkAgainstReference(k: number, m: number, symbolSize: number, seed: number): void {
  const data = randomBlob(k * symbolSize, seed);
  const symbols = Array.from({ length: k }, (_, i) => data.subarray(i * symbolSize, (i + 1) * symbolSize));
  const recovery = referenceEncode(symbols, m);
  const got = expandSymbols(data, symbolSize, m, true);
  expect(hex(got.recovery!), `k=${k} m=${m} symbol size ${symbolSize}`).toBe(hex(Buffer.concat(recovery)));
  expect(hex(got.root)).toBe(hex(MerkleTree.build([...symbols, ...recovery]).root));
}

describe('RedStuff wasm kernel', () => {
  it('computes Blake2b-256 like @noble/hashes for lengths around the block boundaries', () => {
    for (const length of [0, 1, 2, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 7367]) {
      const data = randomBlob(length, length + 1);
      expect(hex(kernelBlake2b256(data)), `${length} bytes`).toBe(hex(blake2b(data, { dkLen: 32 })));
    }
  });

  it('matches the reference on random (k, m, symbol size), both rates, tails included', () => {
    const next = generator(20_261_203);
    for (let round = 0; round < 60; round++) {
      checkAgainstReference(1 + next(48), 1 + next(48), 2 * (1 + next(100)), round);
    }
  });

  it('matches the reference on a few large (k, m), partial chunks and every layer of the FFT', () => {
    const next = generator(7);
    for (let round = 0; round < 6; round++) {
      checkAgainstReference(100 + next(900), 100 + next(900), 2 * (1 + next(3)), round);
    }
    checkAgainstReference(334, 666, 18, 1);
    checkAgainstReference(667, 333, 18, 2);
  });

  it('refuses shapes the code does not have', () => {
    expect(() => expandSymbols(new Uint8Array(6), 3, 1)).toThrow(/even/);
    expect(() => expandSymbols(new Uint8Array(6), 4, 1)).toThrow(/cannot expand/);
    expect(() => expandSymbols(new Uint8Array(4), 2, 0)).toThrow(/cannot expand/);
    // reed-solomon-simd refuses counts whose smaller power of two plus the larger exceeds 2^16.
    expect(() => expandSymbols(new Uint8Array(2 * 40_000), 2, 30_000)).toThrow(/cannot expand/);
  });
});

describe('RedStuff wasm decoder', () => {
  function checkDecode(k: number, m: number, symbolSize: number, next: (below: number) => number): void {
    const data = randomBlob(k * symbolSize, k * 31 + m);
    const originals = Array.from({ length: k }, (_, i) =>
      data.subarray(i * symbolSize, (i + 1) * symbolSize),
    );
    const recovery = referenceEncode(originals, m);
    const all = [...originals, ...recovery];
    const positions = Array.from({ length: k + m }, (_, i) => i);
    for (let i = positions.length - 1; i > 0; i--) {
      const j = next(i + 1);
      [positions[i], positions[j]] = [positions[j]!, positions[i]!];
    }
    const picked = positions.slice(0, k);
    const label = `k=${k} m=${m} symbol size ${symbolSize}`;
    const reference = referenceDecode(k, m, new Map(picked.map((i) => [i, all[i]!])));
    expect(hex(Buffer.concat(reference)), label).toBe(hex(data));
    const decoded = decodeSymbols(
      k,
      m,
      symbolSize,
      picked,
      picked.map((i) => all[i]!),
    );
    expect(hex(decoded), label).toBe(hex(data));
  }

  it('recovers the source symbols from any k of k + m, both rates (and the reference does too)', () => {
    const next = generator(424_242);
    for (let round = 0; round < 40; round++)
      checkDecode(1 + next(40), 1 + next(40), 2 * (1 + next(80)), next);
    checkDecode(334, 666, 18, next);
    checkDecode(34, 66, 130, next);
    checkDecode(67, 33, 66, next);
  });

  it('refuses too few or repeated symbols', () => {
    const symbol = new Uint8Array(4);
    expect(() => decodeSymbols(2, 2, 4, [0], [symbol])).toThrow(/2 distinct symbols/);
    expect(() => decodeSymbols(2, 2, 4, [1, 1], [symbol, symbol])).toThrow(/distinct/);
    expect(() => decodeSymbols(2, 2, 4, [0, 4], [symbol, symbol])).toThrow(/below 4/);
  });
});
