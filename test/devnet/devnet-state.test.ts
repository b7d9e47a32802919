/**
 * A devnet on a state directory: settings the state fixed are refused, the epoch length applies on resume
 * (also when shorter than the one on chain), impossible topologies are refused before anything is touched, and
 * `fresh` keeps the old state until the new one is ready.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevnetStateMismatchError, NotAStateDirError, readDevnetState } from '../../devnet/devnet-state.js';
import { type StartDevnetOptions, startDevnet } from '../../devnet/start-devnet.js';

let stateDir: string;
const base: StartDevnetOptions = {
  autoEpochs: false,
  fsync: false,
  ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
};
let chainId: string;

beforeAll(async () => {
  stateDir = join(mkdtempSync(join(tmpdir(), 'walrus-state-test-')), 'devnet');
  const devnet = await startDevnet({
    ...base,
    nodes: 1,
    shards: 4,
    accounts: 2,
    epochDurationMs: 3_600_000,
    stateDir,
  });
  chainId = devnet.descriptor.chainId;
  await devnet.stop();
}, 120_000);
afterAll(() => rmSync(join(stateDir, '..'), { recursive: true, force: true }));

describe('a devnet resumed from its state directory', () => {
  it('records what genesis fixed', () => {
    expect(readDevnetState(stateDir)).toMatchObject({
      nodes: 1,
      shards: 4,
      accounts: 2,
      epochDurationMs: 3_600_000,
    });
  });

  it('refuses other nodes, shards or accounts, naming them, and touches nothing', async () => {
    const before = readFileSync(join(stateDir, 'walrus.json'), 'utf8');
    const error = await startDevnet({ ...base, nodes: 2, shards: 8, stateDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevnetStateMismatchError);
    expect((error as DevnetStateMismatchError).conflicts.map((c) => c.setting)).toEqual(['nodes', 'shards']);
    expect(readFileSync(join(stateDir, 'walrus.json'), 'utf8')).toBe(before);
  });

  it('applies a shorter epoch length, on the wall clock too', async () => {
    const devnet = await startDevnet({ ...base, autoEpochs: true, epochDurationMs: 1000, stateDir });
    try {
      expect(devnet.descriptor.chainId).toBe(chainId);
      expect(devnet.descriptor.epochDurationMs).toBe(1000);
      const start = await devnet.epochs.epoch();
      // The chain's epochs last 1 h; the devnet's clock now changes them every second: wait for one to pass.
      await expect
        .poll(() => devnet.epochs.epoch(), { timeout: 30_000, interval: 200 })
        .toBeGreaterThan(start);
    } finally {
      await devnet.stop();
    }
    expect(readDevnetState(stateDir)?.epochDurationMs).toBe(1000);
  });

  it('refuses fewer shards than nodes before touching the state', async () => {
    const before = readFileSync(join(stateDir, 'walrus.json'), 'utf8');
    await expect(startDevnet({ ...base, nodes: 10, shards: 5, fresh: true, stateDir })).rejects.toThrow(
      /at least one shard per node/,
    );
    expect(readFileSync(join(stateDir, 'walrus.json'), 'utf8')).toBe(before);
  });

  it('fresh: a failed new genesis puts the old state back', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      await expect(
        startDevnet({ ...base, fresh: true, stateDir, ports: { ...base.ports, rpc: taken } }),
      ).rejects.toThrow(/already in use/);
    } finally {
      blocker.close();
    }
    const devnet = await startDevnet({ ...base, stateDir });
    expect(devnet.descriptor.chainId).toBe(chainId);
    await devnet.stop();
    expect(existsSync(stateDir)).toBe(true);
  });

  it('fresh: refuses to replace a directory that holds no devnet state', async () => {
    const other = mkdtempSync(join(tmpdir(), 'walrus-not-state-'));
    writeFileSync(join(other, 'notes.txt'), 'mine');
    try {
      await expect(startDevnet({ ...base, fresh: true, stateDir: other })).rejects.toThrow(NotAStateDirError);
      expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('mine');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('fresh: replaces the state once the new genesis is ready', async () => {
    const devnet = await startDevnet({ ...base, nodes: 2, shards: 8, fresh: true, stateDir });
    expect(devnet.descriptor.chainId).not.toBe(chainId);
    expect(devnet.descriptor.nodes).toHaveLength(2);
    await devnet.stop();
    expect(readDevnetState(stateDir)).toMatchObject({ nodes: 2, shards: 8 });
  });
});
