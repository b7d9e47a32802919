/**
 * The arithmetic of the staking natives, without a ledger: D'Hondt apportionment, quorum votes,
 * stable shard assignment across committees, pending values and share prices.
 */
import { describe, expect, it } from 'vitest';
import type { CommitteeValue } from '../../../../devnet/contract-runtime/generated/move-types.js';
import * as committee from '../../../../devnet/contract-runtime/natives/walrus/committee.js';
import * as pending from '../../../../devnet/contract-runtime/natives/walrus/pending_values.js';
import {
  dhondt,
  quorumAbove,
  quorumBelow,
} from '../../../../devnet/contract-runtime/natives/walrus/staking_inner.js';
import { toShares, toWal } from '../../../../devnet/contract-runtime/natives/walrus/staking_pool.js';
import { MoveAbortError, type NativeContext } from '../../../../devnet/ledger/core/natives/native-types.js';

const ctx = {
  abort: (code: number | bigint) => {
    throw new MoveAbortError(BigInt(code));
  },
} as unknown as NativeContext;

const id = (n: number) => ({ bytes: `0x${n.toString(16).padStart(64, '0')}` });
const assignment = (counts: Array<[number, number]>) => ({
  contents: counts.map(([node, count]) => ({ key: id(node), value: count })),
});
const shardsOf = (c: CommitteeValue) => new Map(c.pos0.contents.map((e) => [e.key.bytes, e.value]));

describe("D'Hondt", () => {
  it('apportions by stake, ties to the earlier node', () => {
    expect(dhondt(ctx, 10, [40n, 30n, 20n, 10n])).toEqual([4, 3, 2, 1]);
    expect(dhondt(ctx, 4, [3n, 1n])).toEqual([3, 1]);
    expect(dhondt(ctx, 3, [1n, 1n, 1n])).toEqual([1, 1, 1]);
    expect(dhondt(ctx, 2, [1n, 1n, 1n])).toEqual([1, 1, 0]);
  });

  it('caps a node at ceil(2n / nodes) below 20 nodes and at n / 10 from 20 on', () => {
    expect(dhondt(ctx, 10, [1000n, 1n])).toEqual([10, 0]); // cap ceil(20 / 2) = 10
    expect(dhondt(ctx, 12, [1000n, 1n, 1n, 1n])).toEqual([6, 2, 2, 2]); // cap ceil(24 / 4) = 6
    const twenty = dhondt(ctx, 100, [1000n, ...Array<bigint>(19).fill(1n)]);
    expect(twenty[0]).toBe(10);
    expect(twenty.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...twenty)).toBe(10);
  });

  it('aborts without stake, or when the caps cannot place every shard', () => {
    expect(() => dhondt(ctx, 10, [0n, 0n])).toThrow(MoveAbortError);
    // 20 nodes, 100 shards, only one with stake: at most 10 shards placed.
    expect(() => dhondt(ctx, 100, [1n, ...Array<bigint>(19).fill(0n)])).toThrow(/code 3/);
  });
});

describe('quorum votes', () => {
  const weights = [4n, 3n, 2n, 1n];
  it('takes the largest capacity a quorum of shards votes at least', () => {
    expect(quorumAbove([2500n, 3333n, 5000n, 10000n], weights, 10n)).toBe(2500n);
    expect(quorumAbove([100n, 100n, 100n, 1n], weights, 10n)).toBe(100n);
    expect(quorumAbove([1n, 100n, 100n, 100n], weights, 10n)).toBe(1n);
  });

  it('takes the smallest price a quorum of shards votes at most', () => {
    expect(quorumBelow([5n, 5n, 5n, 5n], weights, 10n)).toBe(5n);
    expect(quorumBelow([1n, 9n, 5n, 7n], weights, 10n)).toBe(7n); // 4 (at 1) + 2 (at 5) + 1 (at 7) = 7 of 10
    expect(quorumBelow([10n, 1n, 1n, 1n], weights, 10n)).toBe(10n);
    expect(quorumBelow([], [], 10n)).toBe((1n << 64n) - 1n);
  });
});

describe('shard assignment', () => {
  it('gives the first committee consecutive ranges in node-id order', () => {
    const first = committee.initialize(
      ctx,
      assignment([
        [3, 2],
        [1, 3],
        [2, 1],
      ]),
    );
    expect(first.pos0.contents).toEqual([
      { key: id(1), value: [0, 1, 2] },
      { key: id(2), value: [3] },
      { key: id(3), value: [4, 5] },
    ]);
  });

  it('keeps shards where they are: growing nodes take the shards of shrinking and departing ones', () => {
    const first = committee.transition(
      ctx,
      committee.empty(ctx),
      assignment([
        [1, 4],
        [2, 3],
        [3, 2],
        [4, 1],
      ]),
    );
    const next = committee.transition(
      ctx,
      first,
      assignment([
        [5, 2],
        [1, 5],
        [2, 2],
        [3, 1],
      ]),
    );
    const before = shardsOf(first);
    const after = shardsOf(next);
    expect([...after.keys()]).toEqual([id(1), id(2), id(3), id(5)].map((i) => i.bytes));
    for (const node of [1, 2, 3]) {
      const kept = after.get(id(node).bytes)!;
      const had = before.get(id(node).bytes)!;
      const stays = Math.min(kept.length, had.length);
      expect(kept.filter((s) => had.includes(s))).toHaveLength(stays);
    }
    expect([...after.values()].flat().sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    // The same counts again move nothing.
    const same = committee.transition(
      ctx,
      next,
      assignment([
        [3, 1],
        [2, 2],
        [1, 5],
        [5, 2],
      ]),
    );
    expect(shardsOf(same)).toEqual(after);
  });

  it('refuses counts that do not add up to the shards', () => {
    const first = committee.initialize(
      ctx,
      assignment([
        [1, 5],
        [2, 5],
      ]),
    );
    expect(() =>
      committee.transition(
        ctx,
        first,
        assignment([
          [1, 5],
          [2, 4],
        ]),
      ),
    ).toThrow(/code 0/);
  });

  it('reports who left and who joined', () => {
    const a = committee.initialize(
      ctx,
      assignment([
        [1, 1],
        [2, 1],
      ]),
    );
    const b = committee.initialize(
      ctx,
      assignment([
        [2, 1],
        [3, 1],
      ]),
    );
    expect(committee.diff(ctx, a, b)).toEqual([[id(1)], [id(3)]]);
  });
});

describe('pending values and share prices', () => {
  it('adds, replaces, reduces and flushes by epoch', () => {
    const values = pending.empty(ctx);
    pending.insertOrAdd(ctx, values, 3, 5n);
    pending.insertOrAdd(ctx, values, 2, 1n);
    pending.insertOrAdd(ctx, values, 3, 5n);
    expect(pending.valueAt(ctx, values, 3)).toBe(10n);
    expect(pending.sumUpTo(ctx, values, 2)).toBe(1n);
    expect(pending.latestValueAt(ctx, values, 5)).toEqual({ vec: [10n] });
    expect(pending.latestValueAt(ctx, values, 1)).toEqual({ vec: [] });
    pending.reduce(ctx, values, 3, 4n);
    expect(() => pending.reduce(ctx, values, 3, 7n)).toThrow(/code 1/);
    expect(() => pending.reduce(ctx, values, 9, 1n)).toThrow(/code 0/);
    pending.reduce(ctx, values, 2, 1n);
    expect(values.pos0.contents).toEqual([{ key: 3, value: 6n }]);
    pending.insertOrReplace(ctx, values, 3, 2n);
    expect(pending.flush(ctx, values, 3)).toBe(2n);
    expect(pending.isEmpty(ctx, values)).toBe(true);
  });

  it('converts WAL and shares at a rate, one to one at the flat rate, rounding down', () => {
    expect(toShares({ wal_amount: 0n, share_amount: 0n }, 7n)).toBe(7n);
    expect(toWal({ wal_amount: 0n, share_amount: 0n }, 7n)).toBe(7n);
    const rate = { wal_amount: 150n, share_amount: 100n };
    expect(toShares(rate, 10n)).toBe(6n);
    expect(toWal(rate, 6n)).toBe(9n);
  });
});
