import { ErrorCode } from './codes.js';
import { WalrusError, type WalrusErrorJson, type WalrusErrorOptions } from './walrus-error.js';

/**
 * The user interrupted the command (Ctrl-C / SIGINT). Exit code 130. The message says what was already done (and
 * paid), the hint how to resume; `details` adds the same facts to the `--json` error document for scripts.
 */
export class InterruptedError extends WalrusError {
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: WalrusErrorOptions & { details?: Record<string, unknown> } = {}) {
    super(ErrorCode.Interrupted, message, 130, options);
    this.details = options.details;
  }

  override toJSON(): WalrusErrorJson & { details?: Record<string, unknown> } {
    return { ...super.toJSON(), ...(this.details ? { details: this.details } : {}) };
  }
}
