// Large expansions and column decodes run on a worker thread with the same kernel.
import { afterAll, describe, expect, it } from 'vitest';
import { expandSliver } from '../../devnet/redstuff/sliver.js';
import { ExpansionPool, INLINE_EXPANSION_BYTES } from '../../devnet/storage-node/expansion-pool.js';
import { randomBlob } from '../storage-node/helpers.js';

const pool = new ExpansionPool(1);
afterAll(async () => {
  await pool.close();
});

describe('expansion pool on the kernel', () => {
  it('expands slivers above the inline size on a worker, symbols included', async () => {
    const n = 100;
    const symbolSize = 2 * Math.ceil(INLINE_EXPANSION_BYTES / 67 / 2) + 2;
    const slivers = [randomBlob(67 * symbolSize, 1), randomBlob(67 * symbolSize, 2)];
    const expanded = await pool.expand(n, 'primary', slivers, symbolSize, true);
    slivers.forEach((data, i) => {
      const local = expandSliver(n, 'primary', data, symbolSize, true);
      expect(Buffer.from(expanded[i]!.hash).equals(Buffer.from(local.root))).toBe(true);
      expect(expanded[i]!.symbols!.length).toBe(n);
      expect(Buffer.concat(expanded[i]!.symbols!).equals(Buffer.concat(local.symbols!))).toBe(true);
    });
  });

  it('decodes columns above the inline size on a worker', async () => {
    const n = 100;
    const p = 34;
    const symbolSize = 2 * Math.ceil(INLINE_EXPANSION_BYTES / p / 2) + 2;
    const columns = [randomBlob(p * symbolSize, 3), randomBlob(p * symbolSize, 4)];
    const expanded = columns.map((data) => expandSliver(n, 'secondary', data, symbolSize, true).symbols!);
    const rows = Array.from({ length: p }, (_, i) => n - 1 - 2 * i);
    const decoded = await pool.decodeColumns(
      n,
      symbolSize,
      rows,
      expanded.map((symbols) => rows.map((r) => symbols[r]!)),
    );
    decoded.forEach((column, i) => {
      expect(Buffer.from(column).equals(Buffer.from(columns[i]!))).toBe(true);
    });
  });
});
