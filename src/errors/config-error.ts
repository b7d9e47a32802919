import { ErrorCode } from './codes.js';
import { UserError } from './user-error.js';
import type { WalrusErrorOptions } from './walrus-error.js';

/** One problem found while validating a config: the dotted key path and what is wrong with it. */
export interface ConfigIssue {
  /** Dotted path of the offending key, e.g. `devnet.nodes`; empty for the config as a whole. */
  path: string;
  /** A complete sentence fragment naming the key, e.g. `devnet.nodes must be an integer between 1 and 64 (got "four")`. */
  message: string;
}

/** The config file is missing, unreadable or invalid. Exit code 1. */
export class ConfigError extends UserError {
  /** For {@link ErrorCode.ConfigInvalid}: every problem found, in the order of the file. */
  readonly issues: readonly ConfigIssue[];
  /** The config file concerned, when there is one. */
  readonly file: string | undefined;

  constructor(
    code: ErrorCode | (string & {}),
    message: string,
    options: WalrusErrorOptions & { issues?: readonly ConfigIssue[]; file?: string | undefined } = {},
  ) {
    super(code, message, options);
    this.issues = options.issues ?? [];
    this.file = options.file;
  }

  /** Builds the `CONFIG_INVALID` error for a list of issues found in `file` (or in an inline config). */
  static invalid(file: string | undefined, issues: readonly ConfigIssue[], hint?: string): ConfigError {
    const where = file ? `Invalid config in ${file}` : 'Invalid config';
    const message =
      issues.length === 1
        ? `${where}: ${issues[0]!.message}`
        : `${where}:\n${issues.map((issue) => `  - ${issue.message}`).join('\n')}`;
    return new ConfigError(ErrorCode.ConfigInvalid, message, { issues, file, hint });
  }
}
