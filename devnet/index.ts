/**
 * `walrus-devkit/devnet`: the local network as a library. Kept apart from the package root so config files
 * (which import `defineConfig` from `walrus-devkit`) never load the ledger.
 */

export { ABORT_CODES } from './contract-runtime/generated/move-types.js';
export { DEVNET_DEFAULTS, DEVNET_LIMITS } from './defaults.js';
export type { DescriptorAccount, DevnetDescriptor } from './descriptor.js';
export { isProcessAlive, readDescriptor } from './descriptor.js';
export { registerDevnetControls } from './devnet-controls.js';
export {
  DevnetStateMismatchError,
  type DevnetStateSettings,
  readDevnetState,
  type StateConflict,
  stateConflicts,
} from './devnet-state.js';
export { Ledger, type LedgerOptions } from './ledger/core/ledger.js';
export {
  accountKeypair,
  DEVNET_MNEMONIC,
  type DevnetAccount,
  deriveDevnetAccounts,
} from './ledger/genesis/accounts.js';
export { type LedgerInstance, type StartLedgerOptions, startLedger } from './ledger/start-ledger.js';
export {
  type BootStep,
  type Devnet,
  type DevnetNode,
  type StartDevnetOptions,
  startDevnet,
} from './start-devnet.js';
export { StorageNode, type StorageNodeOptions } from './storage-node/storage-node.js';
