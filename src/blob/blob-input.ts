import { statSync } from 'node:fs';
import { blobIdFromInt, blobIdToInt } from '@mysten/walrus';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { formatBytes } from '../util/format.js';
import { maxBlobSize } from './blob-math.js';

/** Checks that `path` is a readable file no larger than `nShards` can store; returns its size. */
export function checkBlobFile(path: string, nShards: number): number {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new UserError(ErrorCode.FileNotFound, `No such file: ${path}`, {
      hint: 'Check the path; a relative path starts from the working directory.',
    });
  }
  if (stat.isDirectory()) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `${path} is a directory; store files one by one (a shell glob works: dir/*).`,
      { hint: `For example: walrus blob store ${path.replace(/\/+$/, '')}/*` },
    );
  }
  checkBlobSize(stat.size, nShards, path);
  return stat.size;
}

/** Throws BlobTooLarge when `size` bytes (called `label` in the message) exceed what `nShards` can store. */
export function checkBlobSize(size: number, nShards: number, label: string): void {
  const max = maxBlobSize(nShards);
  if (size > max) {
    throw new UserError(
      ErrorCode.BlobTooLarge,
      `${label} is ${formatBytes(size)}; with ${nShards} shards the largest blob is ${formatBytes(max)} (${max} bytes).`,
      { hint: 'Split the file, or run a devnet with more shards (devnet.shards, up to 1000).' },
    );
  }
}

/** Validates a blob id (URL-safe base64 of 32 bytes, 43 characters) and returns it unchanged. */
export function parseBlobId(value: string): string {
  const valid = /^[A-Za-z0-9_-]{43}$/.test(value);
  if (valid) {
    try {
      if (blobIdFromInt(blobIdToInt(value)) === value) return value;
    } catch {
      // fall through
    }
  }
  throw new UserError(ErrorCode.InvalidArguments, `"${value}" is not a blob id.`, {
    hint: 'A blob id is 43 characters of URL-safe base64, e.g. as printed by `walrus blob store`.',
  });
}
