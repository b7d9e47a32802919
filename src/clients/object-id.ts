import { isValidSuiObjectId, normalizeSuiObjectId } from '@mysten/sui/utils';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';

/** Normalizes and validates an object id argument. */
export function parseObjectId(value: string): string {
  const id = normalizeSuiObjectId(value);
  if (!/^0x[0-9a-fA-F]+$/.test(value) || !isValidSuiObjectId(id)) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `"${value}" is not an object id (0x followed by up to 64 hex digits).`,
      { hint: 'Copy the object id from `walrus blob list` or `walrus stake list`.' },
    );
  }
  return id;
}
