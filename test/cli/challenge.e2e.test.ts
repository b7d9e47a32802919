/**
 * Storage challenges (a devnet extension) through the built binary against a detached 4-node devnet
 * (12 shards, 3 per node): honest nodes pass and pay nothing; after a stake move and two epoch
 * changes a node that lost 50 % of its slivers fails, is penalized 1 % of its pool's stake per shard,
 * its pool's stake (read through the SDK) drops by exactly that and its staker's StakedWal (the
 * contract's `staked_wal_value`, through `stake list`) by exactly its shares' part; a corrupt node and a stopped node fail and pay; every blob stays
 * readable; settings and history survive `dev down` / `dev up`; help says "devnet extension".
 * (The on-chain refusals are in test/contract-runtime/natives/challenge-natives.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bcs } from '@mysten/sui/bcs';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { deriveDynamicFieldID, normalizeSuiAddress } from '@mysten/sui/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractLayouts } from '../../devnet/contract-runtime/contract-layouts.js';
import { walrusPackageAddresses } from '../../devnet/contract-runtime/deploy.js';
import {
  assertFreshBuild,
  detachedProject,
  QUIET_DEVNET,
  removeDevnetProject,
  runWalrus,
  type WalrusResult,
} from './devnet-project.js';

let project: string;
const walrus = (args: string[]): WalrusResult => runWalrus(project, args);

interface NodeOutcome {
  nodeId: string;
  passed: boolean;
  signersWeight: number;
  nShards: number;
  sampled: number;
  error?: string;
  penalty?: { amount: string; reason: string; byCommission: boolean };
}
interface Outcome {
  round: string;
  epoch: number;
  automatic: boolean;
  penalty: { mode: string; bpsPerShard: number };
  nodes: NodeOutcome[];
}
interface Stake {
  objectId: string;
  nodeId: string;
  principal: string;
  activationEpoch: number;
  state: string;
  value: string | null;
  penalty: string | null;
}
let descriptor: { rpcUrl: string; nodes: Array<{ nodeId: string }> };
let client: SuiGrpcClient;

function ok(args: string[]): WalrusResult {
  const result = walrus(args);
  expect(result.code, `walrus ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}
const trigger = (...args: string[]) =>
  ok(['challenge', 'trigger', ...args, '--json']).json() as unknown as Outcome;
const outcomeOf = (outcome: Outcome, index: number) =>
  outcome.nodes.find((n) => n.nodeId === descriptor.nodes[index]!.nodeId)!;

interface PoolValue {
  wal_balance: bigint;
  num_shares: bigint;
  exchange_rates: { id: { id: { bytes: string } } };
}

/** An object's Move value, read (BCS) with the official Sui client and decoded with the contracts' layouts. */
async function moveValue<T>(objectId: string, type: string): Promise<T> {
  const { object } = await client.core.getObject({ objectId, include: { content: true } });
  return contractLayouts(walrusPackageAddresses()).decode(type, object.content as Uint8Array) as T;
}

/** A node's StakingPool. */
function pool(index: number): Promise<PoolValue> {
  const walrus = normalizeSuiAddress(walrusPackageAddresses().walrus);
  return moveValue<PoolValue>(descriptor.nodes[index]!.nodeId, `${walrus}::staking_pool::StakingPool`);
}

/** The shares `principal` bought at `epoch`'s share price (the pool's `exchange_rates` table entry). */
async function sharesOf(index: number, principal: bigint, epoch: number): Promise<bigint> {
  const table = (await pool(index)).exchange_rates.id.id.bytes;
  const fieldId = deriveDynamicFieldID(table, 'u32', bcs.u32().serialize(epoch).toBytes());
  const walrus = normalizeSuiAddress(walrusPackageAddresses().walrus);
  const type = `0x2::dynamic_field::Field<u32, ${walrus}::staking_pool::PoolExchangeRate>`;
  const rate = (await moveValue<{ value: { wal_amount: bigint; share_amount: bigint } }>(fieldId, type))
    .value;
  return rate.wal_amount === 0n || rate.share_amount === 0n
    ? principal
    : (principal * rate.share_amount) / rate.wal_amount;
}

beforeAll(() => {
  assertFreshBuild();
  const started = detachedProject('walrus-challenge-e2e-', { ...QUIET_DEVNET, nodes: 4, shards: 12 });
  project = started.project;
  descriptor = started.up.json() as unknown as typeof descriptor;
  client = new SuiGrpcClient({ network: 'localnet', baseUrl: descriptor.rpcUrl });
}, 120_000);

afterAll(() => removeDevnetProject(project));

describe('walrus challenge', () => {
  const file = () => join(project, 'a.bin');
  let blobId: string;
  const readable = (name: string) => {
    const copy = join(project, name);
    ok(['blob', 'read', blobId, '-o', copy]);
    expect(readFileSync(copy)).toEqual(readFileSync(file()));
  };

  it('trigger: every honest node passes with all peers signing, and pays nothing', () => {
    writeFileSync(file(), randomBytes(3000));
    const stored = ok(['blob', 'store', file(), '--epochs', '5', '--json']);
    blobId = (stored.json().blobs as Array<{ blobId: string }>)[0]!.blobId;
    const outcome = trigger();
    expect(outcome.nodes).toHaveLength(4);
    expect(outcome.penalty).toEqual({ mode: 'stake', bpsPerShard: 100 });
    expect(JSON.stringify(outcome.nodes.map((n) => n.error ?? null))).toBe(
      JSON.stringify([null, null, null, null]),
    );
    for (const node of outcome.nodes) {
      expect(node).toMatchObject({ passed: true, signersWeight: 12, nShards: 12, sampled: 1 });
      expect(node.penalty).toBeUndefined();
    }
  });

  it('after a stake move and two epoch changes, a node that lost 50 % of its slivers fails and its stakers lose exactly the penalty', async () => {
    ok(['stake', 'add', '--node', '2', '--amount', '50']);
    const epoch = (ok(['epoch', 'advance', '--json']).json() as { epoch: number }).epoch;
    ok(['epoch', 'advance']);
    const stakes = () => ok(['stake', 'list', '--json']).json().stakes as Stake[];
    const mine = stakes().find((s) => s.nodeId === descriptor.nodes[2]!.nodeId)!;
    expect(mine.state).toBe('active');
    expect(mine.penalty).toBe('0');
    const valueBefore = BigInt(mine.value!);
    const before = await pool(2);
    const poolBefore = before.wal_balance;
    const shares = await sharesOf(2, BigInt(mine.principal), mine.activationEpoch);
    const totalShares = before.num_shares;
    expect(valueBefore).toBe((shares * poolBefore) / totalShares);

    expect(
      (ok(['node', 'lose', '2', '--fraction', '0.5', '--json']).json() as { lost: number }).lost,
    ).toBeGreaterThan(0);
    const outcome = trigger();
    expect(outcome.epoch).toBe(epoch + 1);
    expect(Object.fromEntries(outcome.nodes.map((n) => [n.nodeId, n.passed]))).toEqual(
      Object.fromEntries(descriptor.nodes.map((n, i) => [n.nodeId, i !== 2])),
    );
    const penalty = BigInt(outcomeOf(outcome, 2).penalty!.amount);
    expect(outcomeOf(outcome, 2).penalty).toMatchObject({ reason: 'failed', byCommission: false });
    expect(penalty).toBe((poolBefore * 3n * 100n) / 10_000n); // 1 % per shard, 3 shards
    for (const i of [0, 1, 3]) expect(outcomeOf(outcome, i).penalty).toBeUndefined();
    // The pool's stake drops by exactly the penalty, and the staker's StakedWal, through the
    // contract's own view, by exactly its shares' part of it (the pool's other stake is the operator's).
    const poolAfter = (await pool(2)).wal_balance;
    expect(poolBefore - poolAfter).toBe(penalty);
    const after = stakes().find((s) => s.objectId === mine.objectId)!;
    const drop = valueBefore - BigInt(after.value!);
    expect(drop).toBe(valueBefore - (shares * poolAfter) / totalShares);
    expect(drop > 0n && drop < penalty).toBe(true);
    expect(BigInt(after.penalty!)).toBe(drop);
    expect(ok(['stake', 'list']).stdout).toMatch(/penalties [\d.,]+ WAL/);
    expect(ok(['challenge', 'show', outcome.round]).stdout).toMatch(/FAILED.*penalized [\d.,]+ WAL/);
    readable('copy-lose.bin');
    ok(['node', 'heal', '2']);
  });

  it('a corrupt node fails and pays; the blob stays readable', () => {
    ok(['node', 'corrupt', '1']);
    const outcome = trigger('--node', '1');
    expect(outcome.nodes).toEqual([
      expect.objectContaining({
        nodeId: descriptor.nodes[1]!.nodeId,
        passed: false,
        penalty: expect.objectContaining({ reason: 'failed' }),
      }),
    ]);
    ok(['node', 'heal', '1']);
    readable('copy-corrupt.bin');
  });

  it('a node stopped through a round fails and pays; the others pass', () => {
    ok(['node', 'stop', '3']);
    try {
      const outcome = trigger();
      expect(outcomeOf(outcome, 3)).toMatchObject({ passed: false, penalty: { reason: 'failed' } });
      for (const i of [0, 1, 2])
        expect(outcomeOf(outcome, i)).toMatchObject({ passed: true, signersWeight: 9 });
    } finally {
      ok(['node', 'start', '3']);
    }
    readable('copy-stopped.bin');
  });

  it('config (penalty, automatic rounds) and the history survive dev down / dev up', () => {
    const missing = walrus(['challenge', 'show', '99']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No challenge round "99"/);
    const config = ok([
      'challenge',
      'config',
      '--sample',
      '8',
      '--window',
      '30000',
      '--penalty',
      'commission',
      '--auto',
      'on',
      '--auto-at',
      '90',
      '--json',
    ]).json();
    expect(config).toMatchObject({
      sample: 8,
      windowMs: 30000,
      penalty: 'commission',
      auto: true,
      autoAtFraction: 0.9,
    });
    const rounds = (ok(['challenge', 'list', '--json']).json().rounds as Outcome[]).map((r) => r.round);
    expect(rounds).toEqual(['1', '2', '3', '4']);
    ok(['dev', 'down']);
    ok(['dev', 'up', '--detach']);
    expect(ok(['challenge', 'config', '--json']).json()).toEqual(config);
    expect((ok(['challenge', 'list', '--json']).json().rounds as Outcome[]).map((r) => r.round)).toEqual(
      rounds,
    );
    expect(ok(['challenge', 'list']).stdout).toMatch(/Round 2 .*1 penalized/);
    ok(['challenge', 'config', '--auto', 'off']);
    const bad = walrus(['challenge', 'config', '--penalty', 'all']);
    expect(bad.code).toBe(1);
    for (const command of [
      ['challenge', 'trigger', '--help'],
      ['challenge', 'config', '--help'],
    ])
      expect(ok(command).stdout).toMatch(/devnet extension/i);
  });
});
