/**
 * `0x2::vec_map::VecMap<K, V>` as natives see it once decoded: `{ contents: [{ key, value }] }`.
 * Keys are compared by a caller-given function (IDs and addresses are strings; structs need their own).
 */
import type { VecMapValue } from './framework-values.js';

export type { VecMapValue };

const same = <K>(a: K, b: K) => a === b;

/** The value for `key`, or undefined. */
export function vecMapGet<K, V>(
  map: VecMapValue<K, V>,
  key: K,
  eq: (a: K, b: K) => boolean = same,
): V | undefined {
  return map.contents.find((e) => eq(e.key, key))?.value;
}

/** Inserts or replaces `key` (VecMap keeps insertion order). */
export function vecMapSet<K, V>(
  map: VecMapValue<K, V>,
  key: K,
  value: V,
  eq: (a: K, b: K) => boolean = same,
): void {
  const entry = map.contents.find((e) => eq(e.key, key));
  if (entry) entry.value = value;
  else map.contents.push({ key, value });
}

/** Removes `key`; returns its value or undefined. */
export function vecMapRemove<K, V>(
  map: VecMapValue<K, V>,
  key: K,
  eq: (a: K, b: K) => boolean = same,
): V | undefined {
  const index = map.contents.findIndex((e) => eq(e.key, key));
  if (index < 0) return undefined;
  return map.contents.splice(index, 1)[0]!.value;
}
