/**
 * Natives of `walrus::committee`: the shard assignment of a committee, node id → shard indices,
 * kept sorted by node id (the order of the epoch's `BlsCommittee` members). A new assignment moves as
 * few shards as possible. The module has no public functions; the twins of its `public(package)`
 * functions are exported for `staking_inner`.
 */
import { type IdValue, SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { CommitteeValue } from '../../generated/move-types.js';
import { abort, abortAt } from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';

/** ID equality (decoded ids are normalized addresses). */
export function sameId(a: IdValue, b: IdValue): boolean {
  return a.bytes === b.bytes;
}

const indexOf = <V>(map: VecMapValue<IdValue, V>, id: IdValue) =>
  map.contents.findIndex((e) => sameId(e.key, id));

/** A committee without nodes. */
export function empty(_ctx: NativeContext): CommitteeValue {
  return { pos0: { contents: [] } };
}

/** The first committee: nodes in id order get consecutive ranges of shards. */
export function initialize(ctx: NativeContext, assignment: VecMapValue<IdValue, number>): CommitteeValue {
  let next = 0;
  const sorted = sortByNodeId(ctx, assignment);
  return {
    pos0: {
      contents: sorted.contents.map(({ key, value }) => ({
        key: { bytes: key.bytes },
        value: Array.from({ length: value }, () => next++),
      })),
    },
  };
}

/**
 * The committee for the new shard counts in `assignment`: a node keeps as many of its current shards
 * as it is assigned; shards of departing or shrinking nodes go to the growing ones.
 */
export function transition(
  ctx: NativeContext,
  cmt: CommitteeValue,
  assignment: VecMapValue<IdValue, number>,
): CommitteeValue {
  if (cmt.pos0.contents.length === 0) return initialize(ctx, assignment);
  const sorted = sortByNodeId(ctx, assignment).contents;
  const total = sorted.reduce((sum, e) => sum + e.value, 0);
  if (BigInt(total) !== nShards(ctx, cmt)) abort(ctx, 'committee', 'transition', 'EInvalidShardAssignment');

  const free: number[] = [];
  for (const { key, value } of cmt.pos0.contents) {
    if (!sorted.some((e) => sameId(e.key, key))) free.push(...value);
  }
  const assigned = sorted.map(({ key, value: count }) => {
    const own = [...(cmt.pos0.contents[indexOf(cmt.pos0, key)]?.value ?? [])];
    while (own.length > count) free.push(own.pop()!);
    return own;
  });
  sorted.forEach(({ value: count }, i) => {
    const shards = assigned[i]!;
    while (shards.length < count) {
      const shard = free.pop();
      if (shard === undefined) abort(ctx, 'committee', 'transition', 'EInvalidShardAssignment');
      shards.push(shard);
    }
  });
  if (free.length) abort(ctx, 'committee', 'transition', 'EInvalidShardAssignment');
  return {
    pos0: { contents: sorted.map(({ key }, i) => ({ key: { bytes: key.bytes }, value: assigned[i]! })) },
  };
}

/** True if `nodeId` holds shards in the committee. */
export function contains(_ctx: NativeContext, cmt: CommitteeValue, nodeId: IdValue): boolean {
  return indexOf(cmt.pos0, nodeId) >= 0;
}

/** The shards of `nodeId`; aborts (vec_map's EKeyDoesNotExist) if it is not a member. */
export function shards(ctx: NativeContext, cmt: CommitteeValue, nodeId: IdValue): number[] {
  const index = indexOf(cmt.pos0, nodeId);
  if (index < 0) abortAt(ctx, { address: SUI_FRAMEWORK, module: 'vec_map', function: 'get_idx' }, 1);
  return cmt.pos0.contents[index]!.value;
}

/** The number of nodes. */
export function size(_ctx: NativeContext, cmt: CommitteeValue): bigint {
  return BigInt(cmt.pos0.contents.length);
}

/** The total number of shards assigned. */
export function nShards(_ctx: NativeContext, cmt: CommitteeValue): bigint {
  return BigInt(cmt.pos0.contents.reduce((sum, e) => sum + e.value.length, 0));
}

/** The underlying map (live). */
export function inner(_ctx: NativeContext, cmt: CommitteeValue): VecMapValue<IdValue, number[]> {
  return cmt.pos0;
}

/** Nodes that left (in `old`, not in `next`) and nodes that joined (in `next`, not in `old`). */
export function diff(
  _ctx: NativeContext,
  old: CommitteeValue,
  next: CommitteeValue,
): [left: IdValue[], joined: IdValue[]] {
  const left = old.pos0.contents.filter((e) => indexOf(next.pos0, e.key) < 0).map((e) => ({ ...e.key }));
  const joined = next.pos0.contents.filter((e) => indexOf(old.pos0, e.key) < 0).map((e) => ({ ...e.key }));
  return [left, joined];
}

/** Sorts a map by node id as an unsigned 256-bit integer (a stable sort, as Move's insertion sort). */
export function sortByNodeId<V>(_ctx: NativeContext, map: VecMapValue<IdValue, V>): VecMapValue<IdValue, V> {
  const contents = [...map.contents];
  contents.sort((a, b) => {
    const x = BigInt(a.key.bytes);
    const y = BigInt(b.key.bytes);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { contents };
}
