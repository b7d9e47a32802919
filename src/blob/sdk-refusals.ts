/**
 * The unmodified `@mysten/walrus` (1.2.13) client's known transient read refusals: failures that depend on which
 * node it happened to ask first, so the same call can succeed when repeated, although enough good nodes exist.
 * Anything else is a real failure and is never retried. One check, used by the CLI's read and by the tests that
 * drive the SDK directly.
 *
 * - `inconsistent`: `InconsistentBlobError`. The SDK does not check slivers one by one; when a sliver from a node
 *   serving corrupted data is among the `p` it decodes, the result fails the blob-id check (no wrong bytes).
 * - `metadata-fallback`: `RangeError: Invalid array length` thrown in `getBlobMetadata`. When the first (random)
 *   node it asks for metadata fails, the SDK splits the remaining nodes into `floor((nodes − 1) / 10)`-sized
 *   chunks; with 10 committee nodes or fewer the size is 0 and `chunk(…, 0)` throws (docs/architecture.md,
 *   "Default topology", has the smallest reproduction).
 * - `epoch-change`: `BehindCurrentEpochError`: a node is already in a newer epoch than the client's cached state.
 */
import { BehindCurrentEpochError, InconsistentBlobError } from '@mysten/walrus';

export type SdkReadRefusal = 'inconsistent' | 'metadata-fallback' | 'epoch-change';

/** Which known transient refusal `error` is, or `undefined` for any other error. */
export function sdkReadRefusal(error: unknown): SdkReadRefusal | undefined {
  if (error instanceof InconsistentBlobError) return 'inconsistent';
  if (error instanceof BehindCurrentEpochError) return 'epoch-change';
  if (
    error instanceof RangeError &&
    error.message === 'Invalid array length' &&
    // Only the metadata fallback's chunking, not any RangeError of the same text.
    (error.stack ?? '').includes('getBlobMetadata')
  ) {
    return 'metadata-fallback';
  }
  return undefined;
}
