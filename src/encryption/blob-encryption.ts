/**
 * The CLI's side of client-side encryption: a file sealed into an envelope (src/encryption/envelope.ts) before it is
 * stored, and a blob opened after it is read, with each way an envelope can fail to open turned into a user error
 * that says what is wrong and what to do. Nothing is written until the whole blob has verified.
 */
import { createReadStream } from 'node:fs';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { ENCRYPTION_KEY_ENV } from './encryption-key.js';
import {
  type CryptoKey,
  collect,
  DEFAULT_CHUNK_BYTES,
  DecryptFailure,
  decryptBytes,
  encryptedSize,
  encryptStream,
} from './envelope.js';

/** Seals the file at `path` (of `size` bytes), reading it a chunk at a time into one buffer of the envelope's size. */
export function encryptFile(key: CryptoKey, path: string, size: number): Promise<Uint8Array> {
  const source = createReadStream(path, { highWaterMark: DEFAULT_CHUNK_BYTES }) as AsyncIterable<Buffer>;
  return collect(encryptStream(key, source), encryptedSize(size));
}

/** Opens blob `blobId`'s bytes; a user error (DECRYPTION_FAILED) unless every chunk verifies. */
export async function decryptBlob(key: CryptoKey, blobId: string, sealed: Uint8Array): Promise<Uint8Array> {
  try {
    return await decryptBytes(key, sealed);
  } catch (error) {
    if (!(error instanceof DecryptFailure)) throw error;
    throw decryptError(blobId, error);
  }
}

function decryptError(blobId: string, failure: DecryptFailure): UserError {
  const keyHint = `Give the key it was stored with: --key-file <file>, or set ${ENCRYPTION_KEY_ENV}.`;
  switch (failure.kind) {
    case 'wrong-key':
      return new UserError(
        ErrorCode.DecryptionFailed,
        `Cannot decrypt blob ${blobId}: the key does not match the one it was encrypted with (or its header was altered). Nothing was written.`,
        { hint: keyHint },
      );
    case 'not-encrypted':
      return new UserError(
        ErrorCode.DecryptionFailed,
        `Blob ${blobId} is not encrypted with \`blob store --encrypt\`: ${failure.message}. Nothing was written.`,
        { hint: `Read it without --decrypt: walrus blob read ${blobId} -o <file>` },
      );
    case 'unsupported':
      return new UserError(
        ErrorCode.DecryptionFailed,
        `Blob ${blobId} is encrypted in a form this walrus-devkit does not read: ${failure.message}. Nothing was written.`,
        { hint: 'Decrypt it with the walrus-devkit version that stored it, or a newer one.' },
      );
    default:
      return new UserError(
        ErrorCode.DecryptionFailed,
        `Blob ${blobId} did not decrypt: ${failure.message}. The stored bytes are not the ones that were encrypted; nothing was written.`,
        {
          hint: 'Store the file again from the original (walrus blob store --encrypt <file>) and read the new blob id.',
        },
      );
  }
}
