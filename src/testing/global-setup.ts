/**
 * `walrus-devkit/testing/global-setup`: vitest `globalSetup` that gives the whole run one devnet. It attaches to
 * the project's running devnet (`walrus dev up`) when there is one, else starts one in the vitest main process
 * (in memory, free ports, epochs only on demand; nodes, shards and accounts from the project's walrus.config, as
 * `walrus dev up` would) and stops it at teardown. Test workers reach it through its
 * descriptor's endpoints only (see `useDevnet`).
 *
 *   // vitest.config.ts
 *   export default defineConfig({ test: { globalSetup: ['walrus-devkit/testing/global-setup'], fileParallelism: false } });
 */

import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  type Devnet,
  isProcessAlive,
  readDescriptor,
  registerDevnetControls,
  startDevnet,
} from '../../devnet/index.js';
import { loadConfig } from '../config/resolve-config.js';
import { walrusHomeDir } from '../config/walrus-home.js';
import { PROVIDED_KEY, type ProvidedDevnet } from './provided.js';

/** The running devnet of the project in `cwd`, when its process is alive and its admin API answers. */
async function runningDevnet(cwd: string): Promise<ProvidedDevnet['descriptor'] | undefined> {
  const descriptor = readDescriptor(join(walrusHomeDir(cwd), 'devnet.json'));
  if (!descriptor || !isProcessAlive(descriptor.pid) || !descriptor.objects) return undefined;
  const status = await fetch(`${descriptor.adminUrl}/status`).catch(() => undefined);
  return status?.ok ? descriptor : undefined;
}

/**
 * Starts an in-memory devnet with the same admin controls as `walrus dev up`, on free loopback ports, with the
 * topology of the project's config (`devnet.nodes`, `shards`, `accounts`, `epochDuration`; defaults without one).
 */
async function startTestDevnet(cwd: string): Promise<Devnet> {
  const { devnet: config } = await loadConfig({ cwd });
  const devnet = await startDevnet({
    nodes: config.nodes,
    shards: config.shards,
    accounts: config.accounts.count,
    accountBalance: config.accounts.balanceMist,
    epochDurationMs: config.epochDurationMs,
    autoEpochs: false,
    fsync: false,
    ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
  });
  registerDevnetControls(devnet, devnet.ledger.addAdminRoute);
  return devnet;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const attached = process.env.WALRUS_TEST_DEVNET === 'new' ? undefined : await runningDevnet(process.cwd());
  if (attached) {
    project.provide(PROVIDED_KEY, { descriptor: attached, mode: 'attached' });
    return async () => {};
  }
  const devnet = await startTestDevnet(process.cwd());
  project.provide(PROVIDED_KEY, { descriptor: devnet.descriptor, mode: 'started' });
  return () => devnet.stop();
}
