import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Cleanups } from './boot/cleanups.js';
import { deployContracts } from './boot/contracts-step.js';
import { devnetDescriptor } from './boot/descriptor-step.js';
import { devnetApi } from './boot/devnet-api.js';
import { startEpochs } from './boot/epoch-step.js';
import { startDevnetLedger } from './boot/ledger-step.js';
import { prepareNodes } from './boot/nodes-step.js';
import { walrusPackageAddresses } from './contract-runtime/deploy.js';
import { DEVNET_DEFAULTS } from './defaults.js';
import { accountKeypair } from './devnet-accounts.js';
import {
  beginStateTransaction,
  type DevnetMetadata,
  DevnetStateMismatchError,
  readDevnetMetadata,
  readDevnetState,
  stateConflicts,
} from './devnet-state.js';
import type { Devnet, StartDevnetOptions } from './devnet-types.js';
import { Lifecycle } from './instance.js';

export type { BootStep, Devnet, DevnetNode, StartDevnetOptions } from './devnet-types.js';

/**
 * Starts a whole Walrus devnet in this process: ledger → contracts → nodes registered with proofs of possession
 * and staked → epoch 1 → ready (the steps in `boot/`). On a state directory that already holds a devnet, it
 * resumes it instead.
 * @example const devnet = await startDevnet({ shards: 100, autoEpochs: false, ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 } });
 */
export async function startDevnet(options: StartDevnetOptions = {}): Promise<Devnet> {
  const nShards = options.shards ?? DEVNET_DEFAULTS.shards;
  const nodeCount = options.nodes ?? DEVNET_DEFAULTS.nodes;
  const epochDurationMs = options.epochDurationMs ?? DEVNET_DEFAULTS.epochDurationMs;
  if (nShards < nodeCount)
    throw new Error(
      `A devnet needs at least one shard per node (got ${nShards} shards for ${nodeCount} nodes)`,
    );
  const existing = resumableState(options);
  const stateTransaction = options.stateDir
    ? beginStateTransaction(options.stateDir, options.fresh ?? false)
    : undefined;
  try {
    const devnet = await bootDevnet(options, existing, { nShards, nodeCount, epochDurationMs });
    stateTransaction?.commit();
    return devnet;
  } catch (error) {
    stateTransaction?.rollback();
    throw error;
  }
}

/**
 * The metadata of the state directory's devnet when this start resumes it (not `fresh`), after checking that no
 * option asks for what the state fixed otherwise ({@link DevnetStateMismatchError}).
 */
function resumableState(options: StartDevnetOptions): DevnetMetadata | undefined {
  if (!options.stateDir || options.fresh) return undefined;
  const state = readDevnetState(options.stateDir);
  if (!state) return undefined;
  const conflicts = stateConflicts(state, {
    nodes: options.nodes,
    shards: options.shards,
    accounts: options.accounts,
    accountBalance: options.accountBalance,
    storageNodeBase: options.ports?.storageNodeBase,
  });
  if (conflicts.length > 0) throw new DevnetStateMismatchError(options.stateDir, conflicts);
  return readDevnetMetadata(options.stateDir);
}

/** The devnet's lifecycle: starting runs the boot steps, stopping undoes them (last first). */
async function bootDevnet(
  options: StartDevnetOptions,
  existing: DevnetMetadata | undefined,
  settings: BootSettings,
): Promise<Devnet> {
  const cleanups = new Cleanups();
  let devnet: Devnet | undefined;
  const lifecycle: Lifecycle = new Lifecycle('the devnet', {
    start: async () => {
      try {
        devnet = await runBootSteps(options, existing, settings, cleanups, lifecycle);
      } catch (error) {
        await cleanups.run();
        throw error;
      }
    },
    stop: () => cleanups.run(),
  });
  await lifecycle.start();
  return devnet!;
}

interface BootSettings {
  nShards: number;
  nodeCount: number;
  epochDurationMs: number;
}

/** Runs the boot steps in order, registering in `cleanups` what undoes each. */
async function runBootSteps(
  options: StartDevnetOptions,
  existing: DevnetMetadata | undefined,
  { nShards, nodeCount, epochDurationMs }: BootSettings,
  cleanups: Cleanups,
  lifecycle: Lifecycle,
): Promise<Devnet> {
  const log = options.log ?? (() => {});
  const step = options.onStep ?? (() => {});
  const autoEpochs = options.autoEpochs ?? true;
  const addresses = existing?.addresses ?? walrusPackageAddresses();

  step('ledger', 'start');
  const ledger = await startDevnetLedger(options, existing, addresses);
  cleanups.add(() => ledger.stop());
  const nodeDirs = options.stateDir
    ? join(options.stateDir, 'nodes')
    : mkdtempSync(join(tmpdir(), 'walrus-devnet-nodes-'));
  if (!options.stateDir) cleanups.add(() => rmSync(nodeDirs, { recursive: true, force: true }));
  const suiClient = new SuiGrpcClient({ network: 'localnet', transport: ledger.transport });
  const signers = ledger.accounts.map(accountKeypair);
  step('ledger', 'done');

  step('contracts', 'start');
  const metadata =
    existing ??
    (await deployContracts({ ledger, suiClient, signers, addresses, nShards, epochDurationMs, options }));
  const deployment = metadata.deployment;
  log(`walrus deployed: system ${deployment.systemObjectId}, staking ${deployment.stakingObjectId}`);
  step('contracts', 'done');

  step('nodes', 'start');
  const { chainView, nodes } = await prepareNodes({
    suiClient,
    ledger,
    addresses,
    metadata,
    nodeCount,
    resumed: existing !== undefined,
    nodeDirs,
    options,
    log,
    cleanups,
  });
  step('nodes', 'done');

  step('epoch', 'start');
  const { walrusClient, epochs } = await startEpochs({
    suiClient,
    deployment,
    chainView,
    nodes,
    fallbackSigner: signers[0]!,
    epochDurationMs: metadata.epochDurationMs,
    autoEpochs,
    log,
    cleanups,
  });
  step('epoch', 'done');

  const descriptor = devnetDescriptor(ledger, metadata, nodes, options.stateDir);
  step('ready', 'done');
  return devnetApi({
    descriptor,
    ledger,
    suiClient,
    walrusClient,
    signers,
    nodes,
    deployment,
    chainView,
    epochs,
    autoEpochs,
    lifecycle,
  });
}
