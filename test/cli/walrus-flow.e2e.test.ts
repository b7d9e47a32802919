/**
 * The user's path through the built binary against a detached devnet with 4 nodes and 100 shards:
 * store a 5 MiB file, read it back identical, extend it, stake on a node, advance two epochs and see the
 * reward, burn the blob; and every documented error path of the blob and stake commands.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_PORTS, assertFreshBuild, runWalrus, type WalrusResult } from './devnet-project.js';

let project: string;
let suiConfig: string;

type Result = WalrusResult;
const walrus = (args: string[], input?: string): Result =>
  runWalrus(project, args, { ...(input !== undefined ? { input } : {}), env: { SUI_CONFIG_DIR: suiConfig } });

let descriptor: { nodes: Array<{ nodeId: string }>; accounts: Array<{ address: string }> };

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'walrus-flow-e2e-'));
  suiConfig = mkdtempSync(join(tmpdir(), 'walrus-sui-config-'));
  assertFreshBuild();
  const ports = ANY_PORTS;
  writeFileSync(
    join(project, 'walrus.config.json'),
    JSON.stringify({ devnet: { nodes: 4, shards: 100, epochDuration: '1h', accounts: { count: 2 }, ports } }),
  );
  const up = walrus(['dev', 'up', '--detach', '--json']);
  expect(up.code, up.stderr).toBe(0);
  descriptor = up.json() as unknown as typeof descriptor;
}, 120_000);

afterAll(() => {
  walrus(['dev', 'down']);
  rmSync(project, { recursive: true, force: true });
  rmSync(suiConfig, { recursive: true, force: true });
});

describe('a user stores, reads, extends, stakes, advances epochs and burns', () => {
  const file = () => join(project, 'asset.bin');
  let blobId: string;
  let objectId: string;
  let endEpoch: number;

  it('stores a 5 MiB file and pays exactly the cost it reports', () => {
    writeFileSync(file(), randomBytes(5 * 1024 * 1024));
    const dry = walrus(['blob', 'store', file(), '--epochs', '2', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    const [priced] = dry.json().blobs as Array<{
      blobId?: string;
      encodedSize: number;
      cost: { total: string };
    }>;
    expect(priced!.blobId).toBeUndefined();
    expect(priced!.encodedSize).toBeGreaterThan(5 * 1024 * 1024 * 4);

    const stored = walrus(['blob', 'store', file(), '--epochs', '2', '--json']);
    expect(stored.code, stored.stderr).toBe(0);
    const [blob] = stored.json().blobs as Array<{
      blobId: string;
      objectId: string;
      endEpoch: number;
      spent: string;
      cost: { total: string };
    }>;
    expect(blob!.spent).toBe(blob!.cost.total);
    expect(blob!.cost.total).toBe(priced!.cost.total);
    expect(BigInt(blob!.spent)).toBeGreaterThan(0n);
    ({ blobId, objectId, endEpoch } = blob!);
    expect(stored.stderr).toMatch(/certified/);
  });

  it('reads it back identical', () => {
    const copy = join(project, 'copy.bin');
    const read = walrus(['blob', 'read', blobId, '-o', copy, '--json']);
    expect(read.code, read.stderr).toBe(0);
    expect(readFileSync(copy).equals(readFileSync(file()))).toBe(true);
  });

  it('extends it', () => {
    const extended = walrus(['blob', 'extend', objectId, '--epochs', '2', '--json']);
    expect(extended.code, extended.stderr).toBe(0);
    expect(extended.json().endEpoch).toBe(endEpoch + 2);
  });

  it('stakes on a node, advances two epochs and sees the reward', () => {
    const staked = walrus([
      'stake',
      'add',
      '--node',
      descriptor.nodes[0]!.nodeId,
      '--amount',
      '500',
      '--json',
    ]);
    expect(staked.code, staked.stderr).toBe(0);
    const stakedWal = staked.json().stakedWal as string;
    const before = walrus(['stake', 'list', '--json']).json().stakes as Array<{
      objectId: string;
      rewards: string;
      state: string;
    }>;
    expect(before.find((s) => s.objectId === stakedWal)).toMatchObject({ rewards: '0', state: 'pending' });
    const advanced = walrus(['epoch', 'advance', '--count', '2', '--json']);
    expect(advanced.code, advanced.stderr).toBe(0);
    const after = walrus(['stake', 'list', '--json']).json().stakes as Array<{
      objectId: string;
      rewards: string;
      state: string;
    }>;
    const stake = after.find((s) => s.objectId === stakedWal)!;
    expect(stake.state).toBe('active');
    expect(BigInt(stake.rewards)).toBeGreaterThan(0n);
  });

  it('burns it', () => {
    const burned = walrus(['blob', 'burn', objectId, '--json']);
    expect(burned.code, burned.stderr).toBe(0);
    expect(burned.json().burned).toEqual([objectId]);
    const listed = walrus(['blob', 'list', '--json']).json().blobs as Array<{ objectId: string }>;
    expect(listed.some((b) => b.objectId === objectId)).toBe(false);
  });
});

describe('node and epoch controls', () => {
  it('lists nodes, stops, corrupts, wipes and heals them while blobs stay readable', () => {
    const listed = walrus(['node', 'list', '--json']).json().nodes as Array<{
      status: string;
      shards: number[];
    }>;
    expect(listed).toHaveLength(4);
    expect(listed.every((n) => n.status === 'started')).toBe(true);
    expect(listed.reduce((sum, n) => sum + n.shards.length, 0)).toBe(100);
    const small = join(project, 'controls.txt');
    writeFileSync(small, 'still readable');
    const [stored] = walrus(['blob', 'store', small, '--epochs', '3', '--json']).json().blobs as Array<{
      blobId: string;
    }>;
    const readBack = () => {
      const out = join(project, 'controls-copy.txt');
      const read = walrus(['blob', 'read', stored!.blobId, '-o', out]);
      return read.code === 0 ? readFileSync(out, 'utf8') : read.stderr;
    };
    expect(walrus(['node', 'stop', '1', '--json']).json()).toMatchObject({ index: 1, status: 'stopped' });
    expect(readBack()).toBe('still readable');
    expect(walrus(['node', 'start', '1', '--json']).json()).toMatchObject({ status: 'started' });
    expect(walrus(['node', 'corrupt', '2', '--json']).json()).toMatchObject({
      faults: { corruptSlivers: true },
    });
    expect(walrus(['node', 'heal', '2', '--json']).json()).toMatchObject({
      faults: { corruptSlivers: false },
    });
    expect(walrus(['node', 'wipe', '3', '--json']).json()).toMatchObject({ status: 'started' });
    expect(readBack()).toBe('still readable');
    const unknown = walrus(['node', 'stop', '9', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.json().error!.message).toMatch(/No storage node "9"/);
  });

  it('reports the epoch', () => {
    const info = walrus(['epoch', 'info', '--json']).json();
    expect(info).toMatchObject({ nShards: 100, state: 'EpochChangeDone', epochDurationMs: 3_600_000 });
    expect(info.epoch).toBeGreaterThanOrEqual(3);
  });
});

describe('errors a user can make get a clear message and exit code 1', () => {
  const expectError = (result: Result, code: string, message: RegExp) => {
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.json().error).toMatchObject({ code });
    expect(result.json().error!.message).toMatch(message);
    expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m);
  };

  it('missing file, directory, file over the maximum size', () => {
    expectError(
      walrus(['blob', 'store', join(project, 'nope.bin'), '--json']),
      'FILE_NOT_FOUND',
      /No such file/,
    );
    mkdirSync(join(project, 'dir'), { recursive: true });
    expectError(
      walrus(['blob', 'store', join(project, 'dir'), '--json']),
      'INVALID_ARGUMENTS',
      /is a directory/,
    );
    const big = join(project, 'big.bin');
    const fd = openSync(big, 'w');
    closeSync(fd);
    spawnSync('truncate', ['-s', String(150 * 1024 * 1024), big]);
    expectError(
      walrus(['blob', 'store', big, '--json']),
      'BLOB_TOO_LARGE',
      /largest blob is .* with 100 shards|with 100 shards the largest blob/,
    );
  });

  it('malformed blob id, unknown object, not your object', () => {
    expectError(
      walrus(['blob', 'read', 'not-a-blob-id', '-o', join(project, 'x'), '--json']),
      'INVALID_ARGUMENTS',
      /is not a blob id/,
    );
    expectError(
      walrus(['blob', 'extend', '0x1234', '--epochs', '1', '--json']),
      'NOT_FOUND',
      /does not exist/,
    );
    const small = join(project, 'small.txt');
    writeFileSync(small, 'hello');
    const stored = walrus(['blob', 'store', small, '--json']).json().blobs as Array<{ objectId: string }>;
    const transferred = walrus([
      'blob',
      'transfer',
      stored[0]!.objectId,
      descriptor.accounts[1]!.address,
      '--json',
    ]);
    expect(transferred.code, transferred.stderr).toBe(0);
    expectError(
      walrus(['blob', 'extend', stored[0]!.objectId, '--epochs', '1', '--json']),
      'NOT_OWNER',
      /belongs to/,
    );
  });

  it('not enough WAL', () => {
    const poor = Ed25519Keypair.generate();
    walrus(['account', 'import', '--stdin'], poor.getSecretKey());
    expect(walrus(['account', 'fund', poor.toSuiAddress()]).code).toBe(0);
    expect(walrus(['account', 'use', poor.toSuiAddress()]).code).toBe(0);
    expectError(
      walrus(['blob', 'store', join(project, 'small.txt'), '--json']),
      'INSUFFICIENT_FUNDS',
      /Not enough WAL/,
    );
    expectError(
      walrus(['stake', 'add', '--node', descriptor.nodes[0]!.nodeId, '--amount', '1', '--json']),
      'INSUFFICIENT_FUNDS',
      /Not enough WAL/,
    );
    expect(walrus(['account', 'fund', poor.toSuiAddress(), '--wal', '5']).code).toBe(0);
    const stored = walrus(['blob', 'store', join(project, 'small.txt'), '--json']);
    expect(stored.code, stored.stderr).toBe(0);
    expect(walrus(['account', 'use', '0']).code).toBe(0);
  });

  it('a stake below 1 WAL', () => {
    expectError(
      walrus(['stake', 'add', '--node', descriptor.nodes[0]!.nodeId, '--amount', '0.5', '--json']),
      'INVALID_ARGUMENTS',
      /smallest stake is 1 WAL/,
    );
  });
});
