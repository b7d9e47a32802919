/**
 * Natives of `walrus::redstuff`: sizes of RedStuff-encoded blobs (encoding type RS2 = 1), exactly as
 * the SDK and the storage nodes compute them. The module has no structs and no public functions; the
 * twins of its `public(package)` functions are exported for `blob` and `system_state_inner`.
 */
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import { MOVE_CONSTANTS } from '../../generated/move-types.js';
import { abort } from '../support/natives-kit.js';

/** RS2 (RedStuff with Reed-Solomon), the sizes of a sliver hash and a blob id, the largest symbol. */
const { RS2, DIGEST_LEN, BLOB_ID_LEN, MAX_SYMBOL_SIZE } = MOVE_CONSTANTS.redstuff;

/**
 * The bytes storage must cover for a blob of `unencodedLength` bytes: all slivers on all nodes plus
 * each node's copy of the metadata. Aborts for another encoding, fewer than 4 shards or a blob too
 * large for the shard count.
 */
export function encodedBlobLength(
  ctx: NativeContext,
  unencodedLength: bigint,
  encodingType: number,
  nShards: number,
): bigint {
  if (encodingType !== RS2) abort(ctx, 'redstuff', 'encoded_blob_length', 'EInvalidEncodingType');
  const n = BigInt(nShards);
  const slivers =
    (primarySymbols(ctx, nShards) + secondarySymbols(ctx, nShards)) *
    symbolSize(ctx, unencodedLength, nShards);
  return n * (slivers + metadataSize(nShards));
}

/** Source symbols of a secondary sliver (`n - 2f`). */
export function primarySymbols(ctx: NativeContext, nShards: number): bigint {
  return BigInt(nShards) - 2n * maxByzantine(ctx, nShards);
}

/** Source symbols of a primary sliver (`n - f`). */
export function secondarySymbols(ctx: NativeContext, nShards: number): bigint {
  return BigInt(nShards) - maxByzantine(ctx, nShards);
}

/** `f = (n - 1) / 3`: the faulty shards tolerated; aborts below 4 shards. */
export function maxByzantine(ctx: NativeContext, nShards: number): bigint {
  if (nShards < 4) abort(ctx, 'redstuff', 'max_byzantine', 'ETooFewShards');
  return (BigInt(nShards) - 1n) / 3n;
}

/** `ceil(max(len, 1) / (p * s))`, rounded up to even; aborts above `MAX_SYMBOL_SIZE`. */
function symbolSize(ctx: NativeContext, unencodedLength: bigint, nShards: number): bigint {
  const length = unencodedLength > 1n ? unencodedLength : 1n;
  const symbols = primarySymbols(ctx, nShards) * secondarySymbols(ctx, nShards);
  let size = (length - 1n) / symbols + 1n;
  if (size % 2n === 1n) size += 1n;
  if (size > MAX_SYMBOL_SIZE) abort(ctx, 'redstuff', 'symbol_size', 'EBlobTooLarge');
  return size;
}

/** Per node: a primary and a secondary hash for every sliver pair, and the blob id. */
function metadataSize(nShards: number): bigint {
  return BigInt(nShards) * DIGEST_LEN * 2n + BLOB_ID_LEN;
}
