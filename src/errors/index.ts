export { ErrorCode } from './codes.js';
export { ConfigError, type ConfigIssue } from './config-error.js';
export { fileSystemErrorFrom } from './file-system-error.js';
export { InterruptedError } from './interrupted-error.js';
export { contractRefusedError, type MoveAbort, parseMoveAbort } from './move-abort.js';
export { NetworkError, networkErrorFrom } from './network-error.js';
export { toWalrusError } from './to-walrus-error.js';
export { UserError } from './user-error.js';
export {
  type ExitCode,
  isWalrusError,
  WalrusError,
  type WalrusErrorJson,
  type WalrusErrorOptions,
} from './walrus-error.js';
