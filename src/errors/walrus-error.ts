import type { ErrorCode } from './codes.js';

/**
 * Process exit code of a failure: 1 for user errors (bad input, bad config), 2 for network failures, 130 for an
 * interrupt (SIGINT), as shells report a process stopped by Ctrl-C.
 */
export type ExitCode = 1 | 2 | 130;

export interface WalrusErrorOptions {
  /** One line telling the user what to do about it. */
  hint?: string | undefined;
  /** The underlying error, kept for `--verbose` output. */
  cause?: unknown;
}

/** The JSON shape of an error, as printed under `error` in `--json` mode. */
export interface WalrusErrorJson {
  code: string;
  message: string;
  hint?: string;
}

/**
 * Base class of every error walrus-devkit raises on purpose. It carries a stable `code` (see {@link ErrorCode}),
 * the process `exitCode` the CLI ends with and an optional `hint`. The CLI prints `message` (and `hint`) as they are,
 * so write them for the user: one sentence naming what is wrong, no stack, no internal jargon.
 *
 * Prefer the subclasses: {@link UserError} (exit 1) and {@link NetworkError} (exit 2).
 */
export class WalrusError extends Error {
  readonly code: ErrorCode | (string & {});
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode | (string & {}),
    message: string,
    exitCode: ExitCode,
    options: WalrusErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = options.hint;
  }

  toJSON(): WalrusErrorJson {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

export function isWalrusError(value: unknown): value is WalrusError {
  return value instanceof WalrusError;
}
