/**
 * RedStuff (RS2) index arithmetic a storage node needs: source-symbol counts, symbol sizes, the
 * rotation that maps sliver pairs to shards, and blob-id strings. Facts from walrus-protocol.md §1;
 * the test suite holds these equal to the SDK's own helpers.
 */
import { fromBase64, toBase64 } from '@mysten/bcs';

/** Largest symbol size RS2 allows (an even number below 2^16). */
export const MAX_SYMBOL_SIZE = 65_534;

/** Byte length of a blob id and of every digest. */
export const DIGEST_LENGTH = 32;

/** The code parameters of a shard count. */
export interface EncodingParams {
  /** Number of shards `n` (also the number of sliver pairs of every blob). */
  nShards: number;
  /** `f = floor((n - 1) / 3)`. */
  maxFaulty: number;
  /** `p = n - 2f`: source symbols of the primary code, the symbol count of a secondary sliver. */
  primarySymbols: number;
  /** `s = n - f`: source symbols of the secondary code, the symbol count of a primary sliver. */
  secondarySymbols: number;
}

/**
 * The code parameters for `nShards` shards.
 * @example encodingParams(4) // { nShards: 4, maxFaulty: 1, primarySymbols: 2, secondarySymbols: 3 }
 */
export function encodingParams(nShards: number): EncodingParams {
  if (!Number.isInteger(nShards) || nShards < 4 || nShards > 65_535) {
    throw new RangeError(`The shard count must be an integer from 4 to 65535 (got ${nShards})`);
  }
  const maxFaulty = Math.floor((nShards - 1) / 3);
  return {
    nShards,
    maxFaulty,
    primarySymbols: nShards - 2 * maxFaulty,
    secondarySymbols: nShards - maxFaulty,
  };
}

/**
 * The symbol size of a blob of `length` bytes: `ceil(max(length, 1) / (p * s))` rounded up to even.
 * Returns `undefined` when the blob is too large for the shard count.
 */
export function symbolSizeFor(length: number | bigint, nShards: number): number | undefined {
  const { primarySymbols, secondarySymbols } = encodingParams(nShards);
  const cells = BigInt(primarySymbols * secondarySymbols);
  const len = BigInt(length) < 1n ? 1n : BigInt(length);
  let size = (len + cells - 1n) / cells;
  if (size % 2n === 1n) size += 1n;
  return size > BigInt(MAX_SYMBOL_SIZE) ? undefined : Number(size);
}

/** The largest blob `nShards` shards can store: `p * s * 65534` bytes. */
export function maxBlobSize(nShards: number): number {
  const { primarySymbols, secondarySymbols } = encodingParams(nShards);
  return primarySymbols * secondarySymbols * MAX_SYMBOL_SIZE;
}

/** Number of symbols in a sliver of the given type. */
export function sliverSymbolCount(type: SliverType, nShards: number): number {
  const params = encodingParams(nShards);
  return type === 'primary' ? params.secondarySymbols : params.primarySymbols;
}

/** A sliver's axis: `primary` slivers are rows, `secondary` slivers are columns. */
export type SliverType = 'primary' | 'secondary';

/** The blob id's 32 bytes read as a big-endian integer, mod `nShards`. */
export function rotationOffset(blobId: Uint8Array, nShards: number): number {
  let acc = 0;
  for (const byte of blobId) acc = (acc * 256 + byte) % nShards;
  return acc;
}

/** The shard that stores sliver pair `pairIndex` of a blob. */
export function shardForPair(pairIndex: number, blobId: Uint8Array, nShards: number): number {
  return (pairIndex + rotationOffset(blobId, nShards)) % nShards;
}

/** The sliver pair a shard stores for a blob (inverse of {@link shardForPair}). */
export function pairForShard(shard: number, blobId: Uint8Array, nShards: number): number {
  return (nShards + shard - rotationOffset(blobId, nShards)) % nShards;
}

/**
 * The sliver index of a sliver of pair `pairIndex`: the pair index for a primary sliver,
 * `n - 1 - pairIndex` for a secondary one (the mapping is its own inverse).
 */
export function sliverIndexOf(type: SliverType, pairIndex: number, nShards: number): number {
  return type === 'primary' ? pairIndex : nShards - 1 - pairIndex;
}

/** The pair holding the sliver of the given type and sliver index. */
export function pairIndexOf(type: SliverType, sliverIndex: number, nShards: number): number {
  return type === 'primary' ? sliverIndex : nShards - 1 - sliverIndex;
}

/** `n * (n * 64 + 32) + n * (p + s) * symbol_size`: what storage must cover for a blob. */
export function encodedBlobLength(length: number, nShards: number): number | undefined {
  const symbolSize = symbolSizeFor(length, nShards);
  if (symbolSize === undefined) return undefined;
  const { primarySymbols, secondarySymbols } = encodingParams(nShards);
  return nShards * (nShards * 64 + 32) + nShards * (primarySymbols + secondarySymbols) * symbolSize;
}

const BLOB_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Parses a blob id printed as URL-safe base64 without padding; `undefined` if malformed.
 * @example parseBlobId('Y5pf0f9YyuZ8fGTJS1-2lqlkmsUDr5Aq0ETjV0dwSBQ')
 */
export function parseBlobId(text: string): Uint8Array | undefined {
  if (!BLOB_ID_PATTERN.test(text)) return undefined;
  const bytes = fromBase64(`${text.replaceAll('-', '+').replaceAll('_', '/')}=`);
  if (bytes.length !== DIGEST_LENGTH || blobIdToString(bytes) !== text) return undefined;
  return bytes;
}

/** Prints a blob id's 32 bytes as URL-safe base64 without padding (the SDK's form). */
export function blobIdToString(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
}

/** Parses a Sui object id (`0x` and up to 64 hex digits) into 32 bytes; `undefined` if malformed. */
export function parseObjectId(text: string): Uint8Array | undefined {
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(text)) return undefined;
  const hex = text.slice(2).padStart(64, '0');
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The canonical `0x` + 64 lowercase hex digits form of an object id. */
export function normalizeObjectId(text: string): string | undefined {
  const bytes = parseObjectId(text);
  return bytes ? `0x${Buffer.from(bytes).toString('hex')}` : undefined;
}
