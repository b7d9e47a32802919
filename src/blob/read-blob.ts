import { BlobNotCertifiedError, NotEnoughSliversReceivedError } from '@mysten/walrus';
import { ErrorCode } from '../errors/codes.js';
import { NetworkError } from '../errors/network-error.js';
import { UserError } from '../errors/user-error.js';
import { parseBlobId } from './blob-input.js';
import { guard, type WalrusSession } from './walrus-session.js';

/** Attempts before a read gives up on transient failures (a node down or serving bad data). */
const READ_ATTEMPTS = 8;

/**
 * Reads a blob's bytes with `WalrusClient.readBlob` (decoded and checked against its blob id). The SDK picks
 * nodes at random and can fail a read when the node it asks first is down or serves corrupt data, although
 * enough good nodes exist; such reads are retried, with the client's caches cleared.
 */
export async function readBlob(session: WalrusSession, blobId: string): Promise<Uint8Array> {
  const id = parseBlobId(blobId);
  let attempt = 0;
  for (;;) {
    try {
      return await readOnce(session, id);
    } catch (error) {
      attempt++;
      if (error instanceof UserError) throw error;
      if (attempt >= READ_ATTEMPTS) throw await explainReadFailure(session, id, error);
      session.walrus.reset();
    }
  }
}

/** After reads kept failing: ask the nodes for the blob's status, to say whether it exists at all. */
async function explainReadFailure(session: WalrusSession, id: string, error: unknown): Promise<Error> {
  try {
    const status = await session.walrus.getVerifiedBlobStatus({ blobId: id });
    if (status.type === 'nonexistent')
      return new UserError(ErrorCode.NotFound, `Blob ${id} is not stored on this network.`);
    if (status.type === 'invalid')
      return new UserError(ErrorCode.NotFound, `Blob ${id} was marked invalid (inconsistently encoded).`);
    if (status.initialCertifiedEpoch === null) {
      return new UserError(
        ErrorCode.NotFound,
        `Blob ${id} is registered but not certified: its upload did not finish.`,
      );
    }
  } catch {
    // The status could not be read either: report the read's own failure.
  }
  if (error instanceof UserError || error instanceof NetworkError) return error;
  return new NetworkError(
    ErrorCode.NetworkError,
    `Could not read blob ${id} from the storage nodes: ${(error as Error).message}`,
    {
      hint: 'Too few nodes answered with good data; check `walrus node list` (devnet) or try again.',
    },
  );
}

async function readOnce(session: WalrusSession, id: string): Promise<Uint8Array> {
  try {
    return await guard(() => session.walrus.readBlob({ blobId: id }));
  } catch (error) {
    if (error instanceof BlobNotCertifiedError) {
      throw new UserError(ErrorCode.NotFound, `Blob ${id} does not exist or is not certified.`);
    }
    if (error instanceof NotEnoughSliversReceivedError) {
      throw new NetworkError(
        ErrorCode.NetworkError,
        `Not enough storage nodes answered for blob ${id}: ${error.message}`,
      );
    }
    throw error;
  }
}
