/**
 * Issue 9 item 1 through the built binary: `walrus dev up --detach --epoch-duration 5s`, store a file, leave the
 * devnet idle until its Walrus epoch moved by two (nobody transacts meanwhile; the test only reads the chain),
 * then store again: it succeeds and is certified in the current epoch. Before the fix the clock stood still
 * without traffic, so the epochs did not move and the next store straddled the overdue epoch change.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWalrus, runWalrusAsync } from './devnet-project.js';

const EPOCH = '5s';
const EPOCH_MS = 5000;

let project: string;
let home: string;
const walrus = (...args: string[]) => runWalrus(project, args, { env: { WALRUS_HOME: home } });
let descriptor: { rpcUrl: string; objects: { system: string; staking: string } };

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'walrus-idle-e2e-'));
  home = join(project, 'home');
  writeFileSync(
    join(project, 'walrus.config.json'),
    JSON.stringify({
      devnet: { accounts: { count: 2 }, ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 } },
    }),
  );
  const up = walrus('dev', 'up', '--detach', '--epoch-duration', EPOCH, '--json');
  expect(up.code, up.stderr).toBe(0);
  descriptor = up.json() as unknown as typeof descriptor;
}, 120_000);
afterAll(() => {
  walrus('dev', 'down');
  rmSync(project, { recursive: true, force: true });
});

/** The staking state, read fresh through the SDK over the descriptor's RPC URL. */
async function stakingState() {
  const suiClient = new SuiGrpcClient({ network: 'localnet', baseUrl: descriptor.rpcUrl });
  const client = new WalrusClient({
    suiClient,
    packageConfig: { systemObjectId: descriptor.objects.system, stakingPoolId: descriptor.objects.staking },
    storageNodeUrlScheme: 'http',
  });
  return client.stakingState();
}

/** `walrus blob store`, run without blocking the test's own HTTP connections. */
async function store(name: string) {
  const file = join(project, name);
  writeFileSync(file, randomBytes(2048));
  const result = await runWalrusAsync(project, ['blob', 'store', file, '--epochs', '20', '--json'], {
    env: { WALRUS_HOME: home },
  });
  expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);
  return (result.json().blobs as Array<{ blobId: string; endEpoch: number }>)[0]!;
}

describe('a detached devnet left idle for two epochs', () => {
  it('changes epochs on its own, and the next store succeeds', async () => {
    await store('first.bin');
    const start = await stakingState();

    // Wait, reading only, until two epoch changes have happened and the last one is done.
    const deadline = Date.now() + 12 * EPOCH_MS;
    let state = start;
    while (!(state.epoch >= start.epoch + 2 && state.epoch_state.$kind === 'EpochChangeDone')) {
      if (Date.now() > deadline)
        throw new Error(`epoch stayed at ${state.epoch} (${state.epoch_state.$kind})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await stakingState();
    }

    const second = await store('second.bin');
    const after = await stakingState();
    // Stored for 20 epochs from the epoch it was written in: the current one (or the next, had it just changed).
    expect(second.endEpoch - 20).toBeGreaterThanOrEqual(state.epoch);
    expect(second.endEpoch - 20).toBeLessThanOrEqual(after.epoch);
    const read = await runWalrusAsync(
      project,
      ['blob', 'read', second.blobId, '--output', join(project, 'back.bin'), '--json'],
      { env: { WALRUS_HOME: home } },
    );
    expect(read.code, read.stderr).toBe(0);
  });
});
