/**
 * Whole-blob RedStuff (RS2) decoder on the kernel, from any `p` primary slivers (walrus-wasm's
 * `decodePrimarySlivers`): primary sliver i holds row i's symbols at the `s` source columns, so each
 * source column is decoded from its `p` known rows by the secondary code, and the blob is rows
 * `0..p` of those columns, cut to its length. It does not check the result against a blob id:
 * re-encode with `encodeBlob` for that.
 */
import { encodingParams, symbolSizeFor } from '../storage-node/encoding.js';
import { decodeSymbols } from './kernel.js';

/** A primary sliver given to the decoder. */
export interface PrimarySliverInput {
  /** The sliver (= pair) index. */
  index: number;
  /** Its `s` symbols. */
  data: Uint8Array;
}

/**
 * Decodes a blob of `length` bytes from at least `p` distinct primary slivers (the first `p` are
 * used).
 * @example decodeBlob(100, bytes.length, slivers.map((s, i) => ({ index: i, data: s })))
 */
export function decodeBlob(
  nShards: number,
  length: number,
  slivers: readonly PrimarySliverInput[],
): Uint8Array {
  const { primarySymbols: p, secondarySymbols: s } = encodingParams(nShards);
  const symbolSize = symbolSizeFor(length, nShards);
  if (symbolSize === undefined)
    throw new RangeError(`${length} bytes is more than ${nShards} shards can store`);
  const distinct = [...new Map(slivers.map((sliver) => [sliver.index, sliver])).values()].slice(0, p);
  if (distinct.length < p) {
    throw new RangeError(`decoding needs ${p} distinct primary slivers, got ${distinct.length}`);
  }
  for (const sliver of distinct) {
    if (sliver.data.length !== s * symbolSize) {
      throw new RangeError(
        `primary sliver ${sliver.index} has ${sliver.data.length} bytes, not ${s * symbolSize}`,
      );
    }
  }
  const rows = distinct.map((sliver) => sliver.index);
  const blob = new Uint8Array(p * s * symbolSize);
  for (let c = 0; c < s; c++) {
    const column = decodeSymbols(
      p,
      nShards - p,
      symbolSize,
      rows,
      distinct.map((sliver) => sliver.data.subarray(c * symbolSize, (c + 1) * symbolSize)),
    );
    for (let r = 0; r < p; r++) {
      blob.set(column.subarray(r * symbolSize, (r + 1) * symbolSize), (r * s + c) * symbolSize);
    }
  }
  return blob.slice(0, length);
}
