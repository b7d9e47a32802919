import { ErrorCode } from '../errors/codes.js';
import { toWalrusError } from '../errors/to-walrus-error.js';
import { UserError } from '../errors/user-error.js';
import { WalrusError } from '../errors/walrus-error.js';

interface OclifErrorLike {
  message: string;
  code?: unknown;
  oclif?: { exit?: number | false };
  parse?: unknown;
}

function asOclifError(error: unknown): OclifErrorLike | undefined {
  if (error instanceof Error && typeof (error as OclifErrorLike).oclif === 'object')
    return error as OclifErrorLike;
  return undefined;
}

/** oclif's `ExitError` (from `this.exit(n)`): a deliberate exit, not a failure to render. */
export function exitRequest(error: unknown): number | undefined {
  const oclif = asOclifError(error);
  if (oclif?.code === 'EEXIT' && typeof oclif.oclif?.exit === 'number') return oclif.oclif.exit;
  return undefined;
}

/**
 * Maps anything a command run can throw to a {@link WalrusError}: oclif's parse errors become `INVALID_ARGUMENTS`
 * (exit 1, where oclif would use 2, which this CLI reserves for network failures), other oclif errors
 * `COMMAND_FAILED`, and the rest goes through {@link toWalrusError}.
 */
export function normalizeCliError(error: unknown): WalrusError {
  if (error instanceof WalrusError) return error;
  const oclif = asOclifError(error);
  if (oclif && oclif.code !== 'MODULE_NOT_FOUND') {
    const message = oclif.message.replace(/\n+See more help with --help\s*$/, '').trim();
    if (oclif.parse !== undefined) {
      return new UserError(ErrorCode.InvalidArguments, message, {
        hint: 'Add --help to the command to see its usage.',
        cause: error,
      });
    }
    return new UserError(ErrorCode.CommandFailed, message, { cause: error });
  }
  return toWalrusError(error);
}
