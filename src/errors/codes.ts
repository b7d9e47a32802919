/**
 * Stable error codes. They appear in `--json` error documents (`{ "error": { "code": ... } }`) and are part of the
 * CLI's public contract: scripts may branch on them, so never rename one; add new codes instead.
 */
export const ErrorCode = {
  /** The command line named a command that does not exist. */
  UnknownCommand: 'UNKNOWN_COMMAND',
  /** A topic was given without one of its commands. */
  CommandRequired: 'COMMAND_REQUIRED',
  /** Flags or arguments did not parse (unknown flag, missing argument, bad value). */
  InvalidArguments: 'INVALID_ARGUMENTS',
  /** A command failed for a reason it reported itself (oclif `this.error()`). */
  CommandFailed: 'COMMAND_FAILED',
  /** The config file exists but does not satisfy the schema. */
  ConfigInvalid: 'CONFIG_INVALID',
  /** `--config` named a file that does not exist. */
  ConfigNotFound: 'CONFIG_NOT_FOUND',
  /** Several config files (or one plus a `walrus` key in package.json) sit in the same directory. */
  ConfigAmbiguous: 'CONFIG_AMBIGUOUS',
  /** The config file could not be read or evaluated (syntax error, import failure, ...). */
  ConfigLoadFailed: 'CONFIG_LOAD_FAILED',
  /** `--network` (or `defaultNetwork`) named a network that is neither built in nor configured. */
  UnknownNetwork: 'UNKNOWN_NETWORK',
  /** The running Node.js is older than the one walrus-devkit supports. */
  UnsupportedNode: 'UNSUPPORTED_NODE',
  /** A network endpoint could not be reached (connection refused, DNS failure, reset). */
  NetworkUnreachable: 'NETWORK_UNREACHABLE',
  /** A network request timed out. */
  NetworkTimeout: 'NETWORK_TIMEOUT',
  /** A network endpoint answered with an error. */
  NetworkError: 'NETWORK_ERROR',
  /** `walrus dev up` while a devnet already runs for this project. */
  DevnetAlreadyRunning: 'DEVNET_ALREADY_RUNNING',
  /** A devnet command found no running devnet (no live descriptor). */
  DevnetNotRunning: 'DEVNET_NOT_RUNNING',
  /** A port the devnet needs is taken. */
  PortInUse: 'PORT_IN_USE',
  /** `walrus dev up` asked for settings (nodes, shards, accounts, node ports) its existing state fixed otherwise. */
  DevnetStateMismatch: 'DEVNET_STATE_MISMATCH',
  /** The devnet process failed to start or to become ready. */
  DevnetStartFailed: 'DEVNET_START_FAILED',
  /** A file named on the command line does not exist. */
  FileNotFound: 'FILE_NOT_FOUND',
  /** A blob is larger than the network's shards can store. */
  BlobTooLarge: 'BLOB_TOO_LARGE',
  /** An object id or blob id that does not exist (or no longer exists). */
  NotFound: 'NOT_FOUND',
  /** An object that belongs to another account. */
  NotOwner: 'NOT_OWNER',
  /** Not enough WAL or SUI for the operation. */
  InsufficientFunds: 'INSUFFICIENT_FUNDS',
  /** The network has no Walrus deployment the CLI knows of. */
  NoWalrusDeployment: 'NO_WALRUS_DEPLOYMENT',
  /** A file could not be written: its path is a directory, socket or device we refuse, or the write failed. */
  WriteFailed: 'WRITE_FAILED',
  /** The command was interrupted (Ctrl-C / SIGINT); the message says what was done and how to resume. Exit 130. */
  Interrupted: 'INTERRUPTED',
  /** A file or directory could not be read or written (missing directory, a file in the way, no permission). */
  FileSystem: 'FILE_SYSTEM_ERROR',
  /** A Walrus or WAL contract refused the transaction (a Move abort) for a reason the CLI did not check first. */
  ContractRefused: 'CONTRACT_REFUSED',
  /** `walrus init` into a directory that holds files, without `--force`. */
  DirectoryNotEmpty: 'DIRECTORY_NOT_EMPTY',
  /** `walrus init` could not install the new project's dependencies (`npm install` failed). */
  InstallFailed: 'INSTALL_FAILED',
  /** `--encrypt`/`--decrypt` had no key, or the key given is not 32 bytes of hex, base64 or raw bytes. */
  EncryptionKeyInvalid: 'ENCRYPTION_KEY_INVALID',
  /** `blob read --decrypt` could not open the blob: wrong key, altered or truncated data, or not encrypted. */
  DecryptionFailed: 'DECRYPTION_FAILED',
  /** A failure walrus-devkit did not anticipate: a bug. */
  Internal: 'INTERNAL_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
