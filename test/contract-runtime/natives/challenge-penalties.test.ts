/**
 * Storage-challenge penalties (a devnet extension, `challenge::resolve_challenge`) on a real Walrus
 * deployment: a node without a certificate, and one that signed too few of its peers' certificates,
 * forfeit the epoch's rewards and pay `bps` per shard of their pool's stake; every stake of the pool
 * is worth exactly that much less through `staking::staked_wal_value`, the WAL is burned (at once
 * from the rewards pool, the rest out of the principal when the stake leaves, at the next epoch
 * change) and WAL's supply adds up at every step. `by_commission` burns the commission instead.
 */
import { bcs } from '@mysten/sui/bcs';
import { deriveDynamicFieldID, normalizeSuiAddress } from '@mysten/sui/utils';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  BPS,
  type ChallengeNet,
  certificateMessage,
  challengeEvents,
  challengeNet,
  committeeOrder,
  ok,
  openRound,
  resolveRound,
  stakedWalValue,
  submitCertificate,
  WINDOW,
  weightOf,
} from './challenge-fixture.js';
import type { TestNode } from './staking/walrus-testnet.js';

let cn: ChallengeNet;
const net = () => cn.net;
const supplyAddsUp = () => expect(net().walEverywhere()).toBe(net().totalSupply());
const idOf = (e: Record<string, unknown>) => (e.node_id as { bytes: string }).bytes;
const worthOf = (node: TestNode) => stakedWalValue(cn, cn.stakeOf.get(node.nodeId)!);

/** The pool's `PenaltyDebt` (0 without one). */
function debtOf(node: TestNode): bigint {
  const bag = net().pool(node.nodeId).extra_fields.id.id.bytes as string;
  const key = `${normalizeSuiAddress(net().walrus)}::staking_pool::PenaltyDebt`;
  const id = deriveDynamicFieldID(bag, key, bcs.bool().serialize(false).toBytes());
  return net().ledger.state.object(id) ? (net().decode(id).value as bigint) : 0n;
}

/** Penalty WAL withheld from withdrawn stakes on the Staking object, not burned yet. */
function withheldOnStaking(): bigint {
  const key = `${normalizeSuiAddress(net().walrus)}::staking::PenaltyBurnKey`;
  const id = deriveDynamicFieldID(
    net().deployment.objects.staking,
    key,
    bcs.bool().serialize(false).toBytes(),
  );
  return net().ledger.state.object(id) ? (net().decode(id).value.value as bigint) : 0n;
}

/** Opens a round where the first three nodes certify each other and the last has no certificate. */
async function roundFailing(last: TestNode, byCommission = false) {
  const { round, epoch } = await openRound(net(), { byCommission });
  const honest = cn.nodes.filter((n) => n !== last);
  for (const node of honest) await ok(submitCertificate(cn, certificateMessage(epoch, round, node), honest));
  net().advanceClock(WINDOW + 1n);
}

beforeEach(async () => {
  cn = await challengeNet();
});

describe('penalties', () => {
  it('a failed node and one that did not answer its peers pay bps per shard of their stake, burned; stakers see exactly that', async () => {
    const [a, b, c, d] = cn.nodes as [TestNode, TestNode, TestNode, TestNode];
    const { round, epoch } = await openRound(net());
    // a and b (7 of 10 shards, a quorum) certify each other; c signs only its own certificate; d has none.
    await ok(submitCertificate(cn, certificateMessage(epoch, round, a), [a, b]));
    await ok(submitCertificate(cn, certificateMessage(epoch, round, b), [a, b]));
    await ok(submitCertificate(cn, certificateMessage(epoch, round, c), [a, b, c]));
    const before = new Map(cn.nodes.map((n) => [n, worthOf(n)]));
    const balances = new Map(cn.nodes.map((n) => [n, net().pool(n.nodeId).wal_balance as bigint]));
    const held = new Map(cn.nodes.map((n) => [n, net().pool(n.nodeId).rewards_pool.value as bigint]));
    const supply = net().totalSupply();
    net().advanceClock(WINDOW + 1n);
    const record = await ok(resolveRound(net()));

    expect(challengeEvents(net(), record, 'ChallengeFailed').map(idOf)).toEqual([d.nodeId]);
    const penalized = challengeEvents(net(), record, 'NodePenalized');
    const expected = (n: TestNode) => (balances.get(n)! * BigInt(weightOf(net(), n) * BPS)) / 10_000n;
    expect(penalized.map((e) => [idOf(e), e.amount, e.reason, e.by_commission])).toEqual(
      committeeOrder(net(), cn.nodes)
        .filter((n) => n === c || n === d)
        .map((n) => [n.nodeId, expected(n), n === d ? 0 : 1, false]),
    );
    for (const node of cn.nodes) {
      const paid = penalized.find((e) => idOf(e) === node.nodeId)?.amount ?? 0n;
      // One stake per pool: the staker's value drops by exactly the penalty (0 for a and b).
      expect(before.get(node)! - worthOf(node)).toBe(paid);
    }
    expect(expected(d) > 0n).toBe(true);
    // Burned at once: what the two pools' rewards pools held, up to the penalty; the rest is owed.
    const burnedNow = [c, d].reduce(
      (sum, n) => sum + (held.get(n)! < expected(n) ? held.get(n)! : expected(n)),
      0n,
    );
    expect(supply - net().totalSupply()).toBe(burnedNow);
    expect(debtOf(d)).toBe(expected(d) - (held.get(d)! < expected(d) ? held.get(d)! : expected(d)));
    supplyAddsUp();

    // d forfeits its next rewards: its pool's WAL does not grow at the epoch change, a's does.
    const dBefore = net().pool(d.nodeId).wal_balance as bigint;
    const aBefore = net().pool(a.nodeId).wal_balance as bigint;
    await net().nextEpoch(cn.nodes);
    expect(net().pool(d.nodeId).wal_balance).toBe(dBefore);
    expect(net().pool(a.nodeId).wal_balance > aBefore).toBe(true);
    supplyAddsUp();
  });

  it('what was not burned at once leaves with the stake: the staker gets the reduced value, the rest burns at the next epoch change', async () => {
    const d = cn.nodes[3]!;
    await roundFailing(d);
    const [penalty] = challengeEvents(net(), await ok(resolveRound(net())), 'NodePenalized');
    expect(debtOf(d) > 0n).toBe(true);
    const stake = cn.stakeOf.get(d.nodeId)!;
    const worth = worthOf(d);
    await ok(net().requestWithdraw(cn.staker, stake));
    await net().nextEpoch(cn.nodes);
    await net().nextEpoch(cn.nodes);
    const value = worthOf(d);
    expect(value <= worth).toBe(true); // it forfeited the rewards of the round's epoch
    const wallet = net().walBalance(cn.staker.toSuiAddress());
    await ok(net().withdraw(cn.staker, stake));
    expect(net().walBalance(cn.staker.toSuiAddress()) - wallet).toBe(value);
    // The principal left behind paid the debt; it waits on the Staking object for its burn.
    expect(debtOf(d)).toBe(0n);
    const withheld = withheldOnStaking();
    expect(withheld > 0n && withheld <= (penalty!.amount as bigint)).toBe(true);
    supplyAddsUp();
    const beforeChange = net().totalSupply();
    await net().nextEpoch(cn.nodes);
    expect(withheldOnStaking()).toBe(0n);
    expect(beforeChange - net().totalSupply() >= withheld).toBe(true);
    supplyAddsUp();
  });

  it('--penalty commission burns the commission, as mainnet slashing, and leaves the stake alone', async () => {
    const d = cn.nodes[3]!;
    const commission = net().pool(d.nodeId).commission.value as bigint;
    expect(commission > 0n).toBe(true);
    await roundFailing(d, true);
    const value = worthOf(d);
    const supply = net().totalSupply();
    const [penalty] = challengeEvents(net(), await ok(resolveRound(net())), 'NodePenalized');
    expect(penalty).toMatchObject({ amount: commission, reason: 0, by_commission: true });
    expect(net().pool(d.nodeId).commission.value).toBe(0n);
    expect(supply - net().totalSupply()).toBe(commission);
    expect(worthOf(d)).toBe(value);
    supplyAddsUp();
  });
});
