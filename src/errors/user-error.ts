import type { ErrorCode } from './codes.js';
import { WalrusError, type WalrusErrorOptions } from './walrus-error.js';

/** Something the user can fix: a bad flag, a bad config, an unknown name. Exit code 1. */
export class UserError extends WalrusError {
  constructor(code: ErrorCode | (string & {}), message: string, options: WalrusErrorOptions = {}) {
    super(code, message, 1, options);
  }
}
