import { renameSync, writeFileSync } from 'node:fs';
import { BlobNotCertifiedError, NotEnoughSliversReceivedError } from '@mysten/walrus';
import { ErrorCode } from '../errors/codes.js';
import { NetworkError } from '../errors/network-error.js';
import { UserError } from '../errors/user-error.js';
import { parseBlobId } from './blob-input.js';
import { guard, type WalrusSession } from './walrus-session.js';

/** Reads a blob's bytes with `WalrusClient.readBlob` (decoded and checked against its blob id). */
export async function readBlob(session: WalrusSession, blobId: string): Promise<Uint8Array> {
  const id = parseBlobId(blobId);
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

/** Writes bytes to `path` atomically (temp file + rename): no half-written output on failure. */
export function writeFileAtomically(path: string, bytes: Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}
