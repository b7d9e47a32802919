import { guard, type WalrusSession } from '../clients/walrus-session.js';
import { ErrorCode } from '../errors/codes.js';
import { NetworkError } from '../errors/network-error.js';
import { UserError } from '../errors/user-error.js';
import { formatWallClock } from '../util/format.js';
import { parseBlobId } from './blob-input.js';
import { expiredBlobInfo } from './blob-objects.js';
import { type BlobStream, openBlobStream } from './blob-stream.js';
import { type ReadNode, readCommittees } from './read-committee.js';
import { ReadFailure, type RefusedSliver, readVerified } from './verified-read.js';

/** Attempts of a read whose committee changed under it (an epoch change). */
const READ_ATTEMPTS = 3;

/** Options of {@link readBlob}. */
export interface ReadBlobOptions {
  /** A sliver a node served did not match the blob's metadata (it was dropped; the node is named). */
  onRefused?: (refused: RefusedSliver) => void;
  /** A note on a retry (the CLI prints it with `--verbose`). */
  onRetry?: (reason: string) => void;
  /** A streamed read ({@link openBlobRead}) rebuilt a systematic sliver from recovery symbols, with why. */
  onRecovered?: (pairIndex: number, reason: string) => void;
  /** A streamed read ({@link openBlobRead}) left the sliver-by-sliver path for a whole-blob decode, with why. */
  onFallback?: (reason: string) => void;
}

/**
 * Reads a blob's bytes, checking every node's answer against the blob id (src/blob/verified-read.ts): bad slivers
 * are dropped and their node reported, down nodes skipped. The read does not go through `WalrusClient.readBlob`, so
 * none of the SDK's random refusals (src/blob/sdk-refusals.ts) can occur. The one transient failure retried is a
 * committee change under the read: too few slivers while the Walrus epoch moved on; it is retried with the client's
 * caches cleared, and reported through `onRetry`. Every other failure is reported as it is.
 */
export async function readBlob(
  session: WalrusSession,
  blobId: string,
  options: ReadBlobOptions = {},
): Promise<{ bytes: Uint8Array; refused: RefusedSliver[] }> {
  const refused: RefusedSliver[] = [];
  const onRefused = (r: RefusedSliver) => {
    refused.push(r);
    options.onRefused?.(r);
  };
  const { bytes } = await withCommittee(session, blobId, options, (id, nShards, nodes) =>
    readVerified(id, nShards, nodes, { onRefused }),
  );
  return { bytes, refused };
}

/**
 * Opens a blob for a streamed read (src/blob/blob-stream.ts): its metadata is fetched and checked against the blob
 * id now, with the same committee choice, retries and errors as {@link readBlob}; its bytes are fetched sliver by
 * sliver, each checked before it is yielded, as they are consumed. A failure while streaming is the same user or
 * network error as one of `readBlob`.
 */
export async function openBlobRead(
  session: WalrusSession,
  blobId: string,
  options: ReadBlobOptions = {},
): Promise<BlobStream> {
  const stream = await withCommittee(session, blobId, options, (id, nShards, nodes) =>
    openBlobStream(id, nShards, nodes, options),
  );
  return {
    ...stream,
    bytes: (start, end) => explained(stream.blobId, stream.bytes(start, end)),
  };
}

async function* explained(
  id: string,
  chunks: AsyncGenerator<Uint8Array, void, undefined>,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    yield* chunks;
  } catch (error) {
    throw explain(id, error);
  }
}

/**
 * Runs `read` on the read committees (src/blob/read-committee.ts) in order until one succeeds. A read that finds
 * too few slivers while the Walrus epoch moved on is retried with the client's caches cleared (reported through
 * `onRetry`); every other failure is reported as it is.
 */
async function withCommittee<T>(
  session: WalrusSession,
  blobId: string,
  options: ReadBlobOptions,
  read: (id: string, nShards: number, nodes: readonly ReadNode[]) => Promise<T>,
): Promise<T> {
  const id = parseBlobId(blobId);
  for (let attempt = 1; ; attempt++) {
    const epoch = await session.epoch();
    try {
      return await onCommittees(session, id, read);
    } catch (error) {
      if (error instanceof ReadFailure && error.kind === 'not-found')
        throw await notFound(session, id, error);
      if (!(error instanceof ReadFailure) || error.kind !== 'not-enough-nodes') throw explain(id, error);
      session.walrus.reset();
      const now = await session.epoch();
      if (now === epoch || attempt >= READ_ATTEMPTS) throw explain(id, error);
      options.onRetry?.(
        `The committee changed during the read (epoch ${epoch} → ${now}); reading ${id} again.`,
      );
    }
  }
}

async function onCommittees<T>(
  session: WalrusSession,
  id: string,
  read: (id: string, nShards: number, nodes: readonly ReadNode[]) => Promise<T>,
): Promise<T> {
  const { nShards, committees } = await guard(() => readCommittees(session));
  let failure: ReadFailure | undefined;
  for (const nodes of committees) {
    try {
      return await read(id, nShards, nodes);
    } catch (error) {
      if (!(error instanceof ReadFailure)) throw error;
      failure = error;
    }
  }
  throw failure!;
}

/** A blob the nodes do not know: if the signer holds its expired Blob object, say it expired and when. */
async function notFound(session: WalrusSession, id: string, failure: ReadFailure): Promise<unknown> {
  const expired = await expiredBlobInfo(session, id).catch(() => undefined);
  if (!expired) return explain(id, failure);
  return new UserError(
    ErrorCode.NotFound,
    `Blob ${id} has expired: its storage ended when epoch ${expired.endEpoch} began (about ${formatWallClock(expired.endedAtMs)}), and the storage nodes dropped it.`,
    {
      hint: `Store the file again with \`walrus blob store\`; \`walrus blob burn ${expired.objectId}\` drops the expired object.`,
    },
  );
}

function explain(id: string, failure: unknown): unknown {
  if (!(failure instanceof ReadFailure)) return failure;
  if (failure.kind === 'not-found') {
    return new UserError(ErrorCode.NotFound, `Blob ${id} does not exist or is not certified.`, {
      hint: `Check the id, or its status: walrus blob status ${id}`,
    });
  }
  if (failure.kind === 'inconsistent') return new UserError(ErrorCode.NotFound, failure.message);
  return new NetworkError(ErrorCode.NetworkError, `Could not read blob ${id}: ${failure.message}`, {
    hint: 'Too few storage nodes answered with good data; check `walrus node list` (devnet) or try again later.',
  });
}
