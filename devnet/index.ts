/**
 * `walrus-devkit/devnet`: the local network as a library. Kept apart from the package root so config files
 * (which import `defineConfig` from `walrus-devkit`) never load the ledger. `src/` reaches the devnet only
 * through this file and its light part `cli-api.ts` (test/project/layers.test.ts enforces it).
 */

export type { ChallengeConfig, ChallengeRecord } from './challenge-controls.js';
export { parseSeed, randomSeed } from './chaos/prng.js';
export type { ChaosReport } from './chaos/report.js';
export { formatReport as formatChaosReport } from './chaos/report.js';
export { type ChaosOptions, runChaos } from './chaos/run-chaos.js';
export { FAULT_KINDS, type FaultKind, parseFaultKinds } from './chaos/schedule.js';
export * from './cli-api.js';
export { contractLayouts } from './contract-runtime/contract-layouts.js';
export { ABORT_CODES } from './contract-runtime/generated/move-types.js';
export { ledgerFramework } from './contract-runtime/natives/framework/index.js';
export { CHALLENGE_DEFAULTS, CHAOS_DEFAULTS, DEVNET_DEFAULTS, DEVNET_LIMITS } from './defaults.js';
export {
  accountKeypair,
  DEVNET_MNEMONIC,
  type DevnetAccount,
  deriveDevnetAccounts,
  devnetKeypair,
} from './devnet-accounts.js';
export { type NodeReport, registerDevnetControls } from './devnet-controls.js';
export { createDevnetLog, type DevnetLog, logLedgerActivity } from './devnet-log.js';
export { InstanceStateError, type InstanceStatus, Lifecycle, type LifecycleSteps } from './instance.js';
export { Ledger, type LedgerOptions } from './ledger/core/ledger.js';
export { type LedgerInstance, type StartLedgerOptions, startLedger } from './ledger/start-ledger.js';
export {
  type BootStep,
  type Devnet,
  type DevnetNode,
  type StartDevnetOptions,
  startDevnet,
} from './start-devnet.js';
export { StorageNode, type StorageNodeOptions } from './storage-node/storage-node.js';
export type {
  ChallengeNodeOutcome,
  ChallengeOptions,
  ChallengeOutcome,
  ChallengePenalty,
  ChallengePenaltyMode,
} from './walrus-chain/challenge-round.js';
