/**
 * Storage challenges (a devnet extension) end to end on an in-process 4-node devnet: honest nodes
 * pass with certificates from their peers; a node serving corrupted symbols and a stopped node fail
 * and are penalized; rounds work again after an epoch change; automatic rounds open by themselves
 * through the admin controls; reads keep working.
 */
import type { WalrusClient } from '@mysten/walrus';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChallengeConfig, ChallengeRecord } from '../../devnet/index.js';
import { registerDevnetControls } from '../../devnet/index.js';
import type { AdminRoute } from '../../devnet/ledger/http/admin.js';
import type { Devnet } from '../../devnet/start-devnet.js';
import { devnetDashboardSource } from '../../src/dev/dashboard-source.js';
import {
  randomBlob,
  readWithRetries,
  sameBytes,
  settle,
  startTestDevnet,
  walrusClientFor,
} from './helpers.js';

let devnet: Devnet;
let client: WalrusClient;
const blobs: Array<{ blobId: string; bytes: Uint8Array }> = [];

beforeAll(async () => {
  devnet = await startTestDevnet({ shards: 12, fsync: false });
  client = walrusClientFor(devnet);
  for (let i = 0; i < 3; i++) {
    const bytes = randomBlob(2000 + i * 500);
    const { blobId } = await client.writeBlob({
      blob: bytes,
      deletable: false,
      epochs: 3,
      signer: devnet.signers[0]!,
    });
    blobs.push({ blobId, bytes });
  }
  await settle(devnet);
});
afterAll(async () => {
  await devnet?.stop();
});

const byNode = (outcome: Awaited<ReturnType<Devnet['challenge']>>) =>
  new Map(outcome.nodes.map((n) => [n.nodeId, n]));

describe('storage challenges', () => {
  it('honest nodes pass with every peer signing; each proves its whole sample', async () => {
    const outcome = await devnet.challenge({ sampleSize: 64 });
    expect(outcome.nodes.map((n) => n.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(outcome.nodes).toHaveLength(4);
    for (const node of outcome.nodes) {
      expect(node).toMatchObject({ passed: true, signersWeight: 12, nShards: 12, sampled: 3, refusals: [] });
      expect(node.proofBytes).toBeGreaterThan(0);
      expect(node.penalty).toBeUndefined();
    }
  });

  it('a sample smaller than the blob count proves only the sampled blobs', async () => {
    const outcome = await devnet.challenge({ sampleSize: 2, nodes: [devnet.nodes[0]!.nodeId] });
    // Only node 0 is challenged (a peer that did not answer it in time would be listed too, penalized).
    expect(byNode(outcome).get(devnet.nodes[0]!.nodeId)).toMatchObject({ passed: true, sampled: 2 });
  });

  it('a node serving corrupted symbols fails; the others pass; reads still work', async () => {
    const bad = devnet.nodes[1]!;
    await bad.node.setFaults({ corruptSlivers: true });
    try {
      const outcome = byNode(await devnet.challenge());
      expect(outcome.get(bad.nodeId)).toMatchObject({ passed: false, signersWeight: 3 });
      expect(outcome.get(bad.nodeId)!.refusals).toHaveLength(3);
      expect(outcome.get(bad.nodeId)!.error).toMatch(/ENotEnoughStake|verify_certificate_and_weight|code 2/);
      for (const n of devnet.nodes.filter((x) => x !== bad)) expect(outcome.get(n.nodeId)!.passed).toBe(true);
      for (const { blobId, bytes } of blobs)
        expect(sameBytes((await readWithRetries(client, blobId)).bytes, bytes)).toBe(true);
    } finally {
      await bad.node.setFaults({ corruptSlivers: false });
    }
  });

  it('a node stopped through the round fails; the others still gather a quorum', async () => {
    const down = devnet.nodes[2]!;
    await down.stop();
    try {
      const outcome = byNode(await devnet.challenge());
      expect(outcome.get(down.nodeId)).toMatchObject({ passed: false, penalty: { reason: 'failed' } });
      for (const n of devnet.nodes.filter((x) => x !== down)) {
        expect(outcome.get(n.nodeId)).toMatchObject({ passed: true, signersWeight: 9 });
      }
    } finally {
      await down.start();
      await settle(devnet);
    }
  });

  it('a node that lost half its slivers (recovery off) fails; every blob stays readable', async () => {
    const lossy = devnet.nodes[3]!;
    const slivers = (await lossy.node.stats()).slivers;
    expect(await lossy.node.lose(0.5)).toBe(slivers / 2);
    try {
      const outcome = byNode(await devnet.challenge({ penalty: 'commission' }));
      expect(outcome.get(lossy.nodeId)).toMatchObject({
        passed: false,
        signersWeight: 3,
        penalty: { reason: 'failed', byCommission: true },
      });
      for (const n of devnet.nodes.filter((x) => x !== lossy)) {
        expect(outcome.get(n.nodeId)!.passed).toBe(true);
        expect(outcome.get(n.nodeId)!.penalty).toBeUndefined();
      }
      for (const { blobId, bytes } of blobs) {
        expect(sameBytes((await readWithRetries(client, blobId)).bytes, bytes)).toBe(true);
      }
      expect((await lossy.node.stats()).slivers).toBe(slivers / 2);
    } finally {
      await lossy.node.setFaults({ noRecovery: false });
      await settle(devnet);
    }
    expect((await lossy.node.stats()).slivers).toBe(slivers);
  });

  it('rounds work after an epoch change', async () => {
    const before = await devnet.challenge({ nodes: [devnet.nodes[3]!.nodeId] });
    await devnet.advanceEpoch();
    await settle(devnet);
    const after = await devnet.challenge();
    expect(after.epoch).toBe(before.epoch + 1);
    expect(BigInt(after.round)).toBe(BigInt(before.round) + 1n);
    expect(after.nodes.every((n) => n.passed)).toBe(true);
  });

  it('automatic rounds open by themselves once per epoch, with the configured penalty', async () => {
    const routes = new Map<string, AdminRoute>();
    registerDevnetControls(devnet, (key, route) => routes.set(key, route));
    const call = async <T>(key: string, body: Record<string, unknown> = {}) =>
      (await routes.get(key)!(body)) as T;
    const epoch = await devnet.epochs.epoch();
    const config = await call<ChallengeConfig>('POST /challenge/config', {
      auto: true,
      autoAtFraction: 0,
      penaltyBpsPerShard: 50,
    });
    expect(config).toMatchObject({ auto: true, autoAtFraction: 0, penalty: 'stake', penaltyBpsPerShard: 50 });
    await expect(call('POST /challenge/config', { penalty: 'everything' })).rejects.toThrow(
      /"penalty" must be/,
    );
    const automatic = async () =>
      (await call<{ rounds: ChallengeRecord[] }>('GET /challenges')).rounds.filter((r) => r.automatic);
    await vi.waitFor(async () => expect(await automatic()).toHaveLength(1), {
      timeout: 120_000,
      interval: 250,
    });
    await call('POST /challenge/config', { auto: false });
    const [round] = await automatic();
    expect(round).toMatchObject({ epoch, penalty: { mode: 'stake', bpsPerShard: 50 } });
    expect(round!.nodes.every((n) => n.passed)).toBe(true);
  });

  it("the dashboard shows each node's last round", async () => {
    const source = devnetDashboardSource(devnet);
    try {
      const outcome = await devnet.challenge({ nodes: [devnet.nodes[0]!.nodeId] });
      const shown = () => source.getState().nodes.find((n) => n.index === 0)?.lastChallenge;
      await new Promise<void>((resolve) => {
        const unsubscribe = source.subscribe(() => {
          if (shown() === undefined) return;
          unsubscribe();
          resolve();
        });
      });
      expect(shown()).toBe(`round ${outcome.round} passed`);
      expect(source.getState().nodes.find((n) => n.index === 1)?.lastChallenge).toBeUndefined();
    } finally {
      source.close();
    }
  });
});
