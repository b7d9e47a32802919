/**
 * `devnet/storage-node`: Walrus storage nodes for the local devnet. The orchestrator starts them
 * with a {@link ChainView} (the Sui-backed one in the devnet, {@link InMemoryChainView} in tests),
 * in process ({@link StorageNode}) or each in its own process ({@link StorageNodeProcess}).
 */
export { ApiError, STORAGE_NODE_ERROR_DOMAIN } from './api-error.js';
export { type BlobStatusJson, blobStatusOf } from './blob-status.js';
export { BlsKeyPair, proofOfPossessionMessage, verifyBls } from './bls-keys.js';
export {
  activeObjects,
  type BlobChainState,
  type BlobObjectState,
  type ChainChange,
  type ChainEventId,
  type ChainView,
  type Committee,
  type CommitteeMember,
  isCertified,
  isRegistered,
} from './chain-view.js';
export {
  type BlobPersistence,
  type SignedConfirmation,
  signStorageConfirmation,
  storageConfirmationMessage,
  verifyStorageConfirmation,
} from './confirmations.js';
export { type FaultSwitches, NO_FAULTS } from './faults.js';
export { FileSliverStore } from './file-sliver-store.js';
export type { GcReport } from './gc.js';
export {
  InMemoryChainView,
  type InMemoryChainViewOptions,
  type RegisterBlobOptions,
} from './in-memory-chain-view.js';
export { StorageNodeProcess, type StorageNodeProcessOptions } from './node-process.js';
export type { RecoveryReport } from './recovery-queue.js';
export type { SliverStore } from './sliver-store.js';
export {
  StorageNode,
  type StorageNodeOptions,
  type StorageNodeStats,
  type StorageNodeStatus,
} from './storage-node.js';
