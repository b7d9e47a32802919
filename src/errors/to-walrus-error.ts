import { ErrorCode } from './codes.js';
import { fileSystemErrorFrom } from './file-system-error.js';
import { contractRefusedError, parseMoveAbort } from './move-abort.js';
import { networkErrorFrom } from './network-error.js';
import { WalrusError } from './walrus-error.js';

/**
 * Normalises anything thrown into a {@link WalrusError}: WalrusErrors pass through, recognisable network failures
 * become a `NetworkError` (exit 2), file-system errors and Move aborts user errors naming the path or the contract's
 * reason (exit 1), and everything else becomes an `INTERNAL_ERROR` (exit 1) that keeps the original
 * error as `cause` so `--verbose` can show its stack.
 */
export function toWalrusError(error: unknown): WalrusError {
  if (error instanceof WalrusError) return error;
  const network = networkErrorFrom(error);
  if (network) return network;
  const fileSystem = fileSystemErrorFrom(error);
  if (fileSystem) return fileSystem;
  const abort = parseMoveAbort(error);
  if (abort) return contractRefusedError(abort, error);
  const message = error instanceof Error ? error.message : String(error);
  return new WalrusError(ErrorCode.Internal, message || 'Unexpected error.', 1, {
    cause: error,
    hint: 'This looks like a bug in walrus-devkit; re-run with --verbose for the stack trace and report it.',
  });
}
