/**
 * RedStuff (RS2) size arithmetic, as the Walrus contracts and the SDK compute it
 * (`@mysten/walrus` does not export these helpers).
 */

const DIGEST_LEN = 32;
const BLOB_ID_LEN = 32;
/** Largest symbol for RS2: 2^16 − 1, rounded down to the required alignment of 2. */
const MAX_SYMBOL_SIZE = 65_534;
/** Storage is bought in units of 1 MiB of encoded size. */
export const BYTES_PER_UNIT = 1024 * 1024;

/** `f`, `p = n − 2f` (primary source symbols) and `s = n − f` (secondary) for `n` shards. */
export function sourceSymbols(nShards: number): { maxFaulty: number; primary: number; secondary: number } {
  const maxFaulty = Math.floor((nShards - 1) / 3);
  return { maxFaulty, primary: nShards - 2 * maxFaulty, secondary: nShards - maxFaulty };
}

/** Symbol size for a blob: ceil(max(len,1) / (p·s)), rounded up to even. */
export function symbolSize(size: number, nShards: number): number {
  const { primary, secondary } = sourceSymbols(nShards);
  const raw = Math.floor((Math.max(size, 1) - 1) / (primary * secondary)) + 1;
  return raw % 2 === 1 ? raw + 1 : raw;
}

/** Encoded length: all slivers plus the metadata every node keeps (2n hashes and the blob id per node). */
export function encodedBlobLength(size: number, nShards: number): number {
  const { primary, secondary } = sourceSymbols(nShards);
  return (
    nShards * (nShards * DIGEST_LEN * 2 + BLOB_ID_LEN) +
    (primary + secondary) * symbolSize(size, nShards) * nShards
  );
}

/** The largest blob `nShards` shards can store: p · s · 65534 bytes. */
export function maxBlobSize(nShards: number): number {
  const { primary, secondary } = sourceSymbols(nShards);
  return primary * secondary * MAX_SYMBOL_SIZE;
}

/** Storage units (MiB, rounded up) an encoded length needs. */
export function storageUnits(encodedLength: number): number {
  return Math.ceil(encodedLength / BYTES_PER_UNIT);
}
