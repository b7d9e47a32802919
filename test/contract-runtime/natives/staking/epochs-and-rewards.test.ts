/**
 * Several Walrus epochs on a real ledger: storage is paid into the System's future accounting (the
 * storage side's `system::reserve_space`), each epoch change burns 3% of the finished epoch's
 * rewards, pays the rest to the old committee by shard weight with commission off the top, and
 * stakers withdraw principal plus rewards at E+1/E+2. WAL's supply adds up at every step.
 */

import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { beforeAll, describe, expect, it } from 'vitest';
import { BlsKeyPair } from '../../../../devnet/storage-node/bls-keys.js';
import { type TestNode, WAL, WalrusTestNet } from './walrus-testnet.js';

const STORAGE_PRICE = 1_000_000n; // FROST per MiB and epoch
const COMMISSION_BPS = 1000n;

type Committee = Array<{ key: { bytes: string }; value: number[] }>;

describe('epochs, rewards and withdrawals', () => {
  let net: WalrusTestNet;
  let nodes: TestNode[];
  let staker: Ed25519Keypair;
  let late: Ed25519Keypair;
  let buyer: Ed25519Keypair;
  const stakedWal = new Map<string, string>();
  let lateStake = '';

  const committee = (): Committee => net.stakingInner().committee.pos0.contents;
  const weightOf = (nodeId: string) => committee().find((e) => e.key.bytes === nodeId)?.value.length ?? 0;
  const supplyAddsUp = () => expect(net.walEverywhere()).toBe(net.totalSupply());

  beforeAll(async () => {
    net = WalrusTestNet.create({ nShards: 10, epochDurationMs: 3_600_000n });
    nodes = await net.registerTestNodes(4, {
      storagePrice: STORAGE_PRICE,
      writePrice: 1n,
      capacity: 1n << 40n,
      commissionBps: Number(COMMISSION_BPS),
    });
    [staker, late, buyer] = [net.accounts[5]!, net.accounts[6]!, net.accounts[7]!];
    await net.giveWal(staker.toSuiAddress(), 101n * WAL);
    await net.giveWal(late.toSuiAddress(), 11n * WAL);
    await net.giveWal(buyer.toSuiAddress(), 1000n * WAL);
    const stakes = [40n, 30n, 20n, 10n];
    for (const [i, node] of nodes.entries()) {
      stakedWal.set(node.nodeId, await net.stakeOk(staker, node.nodeId, stakes[i]! * WAL));
    }
  });

  it('leaves epoch 0: committee by stake, System and Staking agree, the change completes on a quorum', async () => {
    const vote = await net.votingEnd();
    expect(vote.status.success).toBe(true);
    const change = await net.initiateEpochChange();
    expect(change.status.success).toBe(true);
    expect(change.events.map((e) => e.type.split('::').pop())).toEqual(['EpochChangeStart']);
    expect(net.stakingInner().epoch_state).toMatchObject({ EpochChangeSync: { pos0: 0 } });
    expect(nodes.map((n) => weightOf(n.nodeId))).toEqual([4, 3, 2, 1]);

    // Sync signals: 4 + 3 = 7 of 10 shards is a quorum (3w >= 2n + 1).
    const byWeight = [...nodes].sort((a, b) => weightOf(b.nodeId) - weightOf(a.nodeId));
    const first = await net.epochSyncDone(byWeight[0]!, 1);
    expect(first.events.map((e) => e.type.split('::').pop())).toEqual(['ShardsReceived']);
    expect(net.stakingInner().epoch_state).toMatchObject({ EpochChangeSync: { pos0: 4 } });
    const again = await net.epochSyncDone(byWeight[0]!, 1);
    expect(net.abortOf(again)).toEqual(net.walrusAbort('staking_inner', 'epoch_sync_done', 2)); // EDuplicateSyncDone
    const wrongEpoch = await net.epochSyncDone(byWeight[1]!, 2);
    expect(net.abortOf(wrongEpoch)).toEqual(net.walrusAbort('staking_inner', 'epoch_sync_done', 1)); // EInvalidSyncEpoch
    const second = await net.epochSyncDone(byWeight[1]!, 1);
    expect(second.events.map((e) => e.type.split('::').pop())).toEqual(['EpochChangeDone', 'ShardsReceived']);
    expect(net.stakingInner().epoch_state.$kind).toBe('EpochChangeDone');
    for (const node of byWeight.slice(2))
      expect((await net.epochSyncDone(node, 1)).status.success).toBe(true);

    // Pools joined at epoch 1 at one WAL per share.
    for (const [i, node] of nodes.entries()) {
      const pool = net.pool(node.nodeId);
      expect(pool.wal_balance).toBe([40n, 30n, 20n, 10n][i]! * WAL);
      expect(pool.num_shares).toBe(pool.wal_balance);
      expect(pool.latest_epoch).toBe(1);
    }
    expect(net.systemInner().storage_price_per_unit_size).toBe(STORAGE_PRICE);
    supplyAddsUp();
  });

  it('epoch 1: storage is paid into future epochs; stake joins at E+1; withdrawals are requested', async () => {
    // 10 GiB for 3 epochs (1, 2, 3).
    const units = 10_240n;
    const cost = units * STORAGE_PRICE * 3n;
    const record = await net.reserveSpace(buyer, units, 3, cost);
    expect(record.status.success).toBe(true);
    const ring = net.systemInner().future_accounting;
    const paid = ring.ring_buffer.map(
      (e: { rewards_to_distribute: { value: bigint } }) => e.rewards_to_distribute.value,
    );
    expect(paid.slice(1, 4)).toEqual([units * STORAGE_PRICE, units * STORAGE_PRICE, units * STORAGE_PRICE]);

    // A new stake with node 0 activates at epoch 2 (no committee selected yet).
    lateStake = await net.stakeOk(late, nodes[0]!.nodeId, 10n * WAL);
    expect(net.decode(lateStake).activation_epoch).toBe(2);

    // The staker leaves node 3: in the current committee, none selected yet → withdrawable at epoch 2.
    const d = stakedWal.get(nodes[3]!.nodeId)!;
    expect((await net.requestWithdraw(staker, d)).status.success).toBe(true);
    expect(net.decode(d).state).toMatchObject({ Withdrawing: { withdraw_epoch: 2 } });
    const early = await net.withdraw(staker, d);
    expect(net.abortOf(early)).toEqual(net.walrusAbort('staking_pool', 'withdraw_stake', 8)); // EWithdrawEpochNotReached
    // Active stake with a committee member cannot be withdrawn without a request.
    const unrequested = await net.withdraw(staker, stakedWal.get(nodes[0]!.nodeId)!);
    expect(net.abortOf(unrequested)).toEqual(net.walrusAbort('staking_pool', 'withdraw_stake', 7)); // ENotWithdrawing
    // Node 3 will have no stake at the vote: it leaves the active set now.
    expect(net.activeSet().nodes.contents.map((e: { key: { bytes: string } }) => e.key.bytes)).not.toContain(
      nodes[3]!.nodeId,
    );
    supplyAddsUp();
  });

  it('epoch 1 → 2: burns 3%, pays the rest by shard weight less commission; shards stay where they can', async () => {
    const before = committee();
    const supply = net.totalSupply();
    const rewards = net.systemInner().future_accounting.ring_buffer[1].rewards_to_distribute.value as bigint;
    const burned = (rewards * 3n) / 100n;
    const distributed = rewards - burned;
    const pools = new Map(nodes.map((n) => [n.nodeId, net.pool(n.nodeId)]));

    expect(await net.nextEpoch(nodes)).toBe(2);
    expect(net.totalSupply()).toBe(supply - burned);

    let paidOut = 0n;
    for (const node of nodes) {
      const weight = BigInt(before.find((e) => e.key.bytes === node.nodeId)!.value.length);
      const share = (distributed * weight) / 10n;
      const commission = (share * COMMISSION_BPS) / 10_000n;
      const pool = net.pool(node.nodeId);
      const old = pools.get(node.nodeId)!;
      expect(pool.commission.value - old.commission.value).toBe(commission);
      expect(pool.rewards_pool.value - old.rewards_pool.value).toBe(share - commission);
      paidOut += share;
    }
    // The rounding remainder stays in the System for the new epoch.
    const ring = net.systemInner().future_accounting;
    const current = ring.ring_buffer[ring.current_index].rewards_to_distribute.value as bigint;
    expect(current).toBe(10_240n * STORAGE_PRICE + (distributed - paidOut));

    // Node 3 left (no stake); its shard went to node 0, which grew (stake 50 of 100). The others kept theirs.
    const after = committee();
    expect(after.map((e) => e.key.bytes)).not.toContain(nodes[3]!.nodeId);
    const shardsOf = (c: Committee, id: string) => c.find((e) => e.key.bytes === id)?.value ?? [];
    expect(shardsOf(after, nodes[0]!.nodeId)).toHaveLength(5);
    for (const node of nodes.slice(0, 3)) {
      expect(shardsOf(after, node.nodeId)).toEqual(expect.arrayContaining(shardsOf(before, node.nodeId)));
    }
    expect(shardsOf(after, nodes[0]!.nodeId)).toEqual(
      expect.arrayContaining(shardsOf(before, nodes[3]!.nodeId)),
    );
    // The System's committee follows, in the same order.
    expect(
      net.systemInner().committee.members.map((m: { node_id: { bytes: string } }) => m.node_id.bytes),
    ).toEqual(after.map((e) => e.key.bytes));
    supplyAddsUp();
  });

  it('withdraws the requested stake at epoch 2 with principal plus its rewards', async () => {
    const node = nodes[3]!;
    const pool = net.pool(node.nodeId);
    const reward = pool.rewards_pool.value as bigint;
    expect(reward).toBeGreaterThan(0n);
    // The withdrawal left the pool at epoch 2 at the epoch-2 share price.
    expect(pool.num_shares).toBe(0n);
    expect(pool.wal_balance).toBe(0n);
    const balance = net.walBalance(staker.toSuiAddress());
    const record = await net.withdraw(staker, stakedWal.get(node.nodeId)!);
    expect(record.status.success).toBe(true);
    expect(net.walBalance(staker.toSuiAddress()) - balance).toBe(10n * WAL + reward);
    expect(net.pool(node.nodeId).rewards_pool.value).toBe(0n);
    supplyAddsUp();
  });

  it('later stake earns from its activation on, in proportion to its shares', async () => {
    const node = nodes[0]!;
    // Epoch 2: the late stake is active now; it cannot be withdrawn without a request.
    const direct = await net.withdraw(late, lateStake);
    expect(net.abortOf(direct)).toEqual(net.walrusAbort('staking_pool', 'withdraw_stake', 7)); // ENotWithdrawing
    expect((await net.requestWithdraw(late, lateStake)).status.success).toBe(true);
    expect(net.decode(lateStake).state).toMatchObject({ Withdrawing: { withdraw_epoch: 3 } });
    expect((await net.requestWithdraw(staker, stakedWal.get(node.nodeId)!)).status.success).toBe(true);

    const before = net.pool(node.nodeId);
    expect(await net.nextEpoch(nodes)).toBe(3);
    const after = net.pool(node.nodeId);
    const earned = (after.rewards_pool.value as bigint) - (before.rewards_pool.value as bigint);
    expect(earned).toBeGreaterThan(0n);

    const lateBalance = net.walBalance(late.toSuiAddress());
    expect((await net.withdraw(late, lateStake)).status.success).toBe(true);
    const lateReward = net.walBalance(late.toSuiAddress()) - lateBalance - 10n * WAL;
    const stakerBalance = net.walBalance(staker.toSuiAddress());
    expect((await net.withdraw(staker, stakedWal.get(node.nodeId)!)).status.success).toBe(true);
    const stakerReward = net.walBalance(staker.toSuiAddress()) - stakerBalance - 40n * WAL;

    // The staker also earned epoch 1 alone; in epoch 2 both earned by their shares (10 WAL joined at
    // the epoch-2 price, 40 WAL at one WAL per share).
    const rate2 = { wal: before.wal_balance as bigint, shares: before.num_shares as bigint };
    const lateShares = (10n * WAL * rate2.shares) / rate2.wal;
    const epoch2PerShare = (earned * 10n ** 18n) / (before.num_shares as bigint);
    expect(lateReward).toBeGreaterThan(0n);
    // Within rounding, the late stake's reward is its shares' part of epoch 2's reward.
    const expectedLate = (lateShares * epoch2PerShare) / 10n ** 18n;
    expect(lateReward - expectedLate).toBeLessThanOrEqual(2n);
    expect(expectedLate - lateReward).toBeLessThanOrEqual(2n);
    expect(stakerReward).toBeGreaterThan(lateReward * 4n); // more shares, and an extra epoch
    // Everything the pool held for stakers went to them (up to rounding dust).
    expect(net.pool(node.nodeId).rewards_pool.value).toBeLessThanOrEqual(2n);
    supplyAddsUp();
  });

  it('collects commission with the node capability, and never twice', async () => {
    const node = nodes[1]!;
    const pool = net.pool(node.nodeId);
    const collect = () =>
      net.execute(node.operator, (tx) => {
        const auth = tx.moveCall({
          target: `${net.walrus}::auth::authenticate_with_object`,
          typeArguments: [`${net.walrus}::storage_node::StorageNodeCap`],
          arguments: [net.owned(tx, node.capId)],
        });
        const coin = tx.moveCall({
          target: `${net.walrus}::staking::collect_commission`,
          arguments: [net.shared(tx, net.deployment.objects.staking), tx.pure.id(node.nodeId), auth],
        });
        tx.transferObjects([coin], node.operator.toSuiAddress());
      });
    // The commission of the epoch that just ended is blocked until the next vote.
    const blocked = await collect();
    expect(blocked.status.success).toBe(true);
    const first = net.walBalance(node.operator.toSuiAddress());
    expect(first).toBeLessThan(pool.commission.value as bigint);
    net.advanceClock(net.epochDurationMs / 2n);
    expect((await net.votingEnd()).status.success).toBe(true);
    expect((await collect()).status.success).toBe(true);
    expect(net.walBalance(node.operator.toSuiAddress())).toBe(pool.commission.value);
    expect(net.pool(node.nodeId).commission.value).toBe(0n);

    // The operator's address is not the commission receiver (the cap is).
    const bySender = await net.execute(node.operator, (tx) => {
      const auth = tx.moveCall({ target: `${net.walrus}::auth::authenticate_sender` });
      const coin = tx.moveCall({
        target: `${net.walrus}::staking::collect_commission`,
        arguments: [net.shared(tx, net.deployment.objects.staking), tx.pure.id(node.nodeId), auth],
      });
      tx.transferObjects([coin], node.operator.toSuiAddress());
    });
    expect(net.abortOf(bySender)).toEqual(net.walrusAbort('staking_pool', 'collect_commission', 12)); // EAuthorizationFailure
    supplyAddsUp();
  });
});

describe('timing once the next committee is selected', () => {
  it('withdrawals leave at E+2, new stake joins at E+2, commission and key changes take effect later', async () => {
    const net = WalrusTestNet.create({ nShards: 10, epochDurationMs: 1_000_000n });
    const nodes = await net.registerTestNodes(2);
    const staker = net.accounts[5]!;
    await net.giveWal(staker.toSuiAddress(), 31n * WAL);
    const first = await net.stakeOk(staker, nodes[0]!.nodeId, 20n * WAL);
    await net.stakeOk(staker, nodes[1]!.nodeId, 10n * WAL);
    expect(await net.nextEpoch(nodes)).toBe(1);

    // Epoch 1: a commission change (for epoch 3) and a new key (from the next committee on).
    const node = nodes[0]!;
    const set = await net.nodeCall(node, 'set_next_commission', (tx) => [tx.pure.u16(2500)]);
    expect(set.status.success).toBe(true);
    const newKey = BlsKeyPair.generate(new Uint8Array(48).fill(42));
    const badKey = await net.nodeCall(node, 'set_next_public_key', (tx) => [
      tx.pure.vector('u8', newKey.publicKey),
      tx.pure.vector('u8', newKey.proofOfPossession(0, node.operator.toSuiAddress())), // stale epoch
    ]);
    expect(net.abortOf(badKey)).toEqual(net.walrusAbort('staking_pool', 'set_next_public_key', 2)); // EInvalidProofOfPossession
    const rotate = await net.nodeCall(node, 'set_next_public_key', (tx) => [
      tx.pure.vector('u8', newKey.publicKey),
      tx.pure.vector('u8', newKey.proofOfPossession(1, node.operator.toSuiAddress())),
    ]);
    expect(rotate.status.success).toBe(true);
    expect(Buffer.from(net.pool(node.nodeId).node_info.public_key.bytes)).toEqual(
      Buffer.from(node.bls.publicKeyUncompressed),
    );

    // The vote for epoch 2: both nodes stay.
    net.advanceClock(500_000n);
    expect((await net.votingEnd()).status.success).toBe(true);
    // Now a withdrawal counts for the selected committee too: it leaves at E+2 = 3.
    expect((await net.requestWithdraw(staker, first)).status.success).toBe(true);
    expect(net.decode(first).state).toMatchObject({ Withdrawing: { withdraw_epoch: 3 } });
    // And new stake misses the selected committee: it joins at E+2 = 3.
    const second = await net.stakeOk(staker, node.nodeId, WAL);
    expect(net.decode(second).activation_epoch).toBe(3);

    net.advanceClock(500_000n);
    expect((await net.initiateEpochChange()).status.success).toBe(true);
    for (const n of nodes) expect((await net.epochSyncDone(n, 2)).status.success).toBe(true);
    // Epoch 2: the committee (System and pool) uses the new key; the commission is unchanged yet.
    const member = net
      .systemInner()
      .committee.members.find((m: { node_id: { bytes: string } }) => m.node_id.bytes === node.nodeId);
    expect(Buffer.from(member.public_key.bytes)).toEqual(Buffer.from(newKey.publicKeyUncompressed));
    expect(Buffer.from(net.pool(node.nodeId).node_info.public_key.bytes)).toEqual(
      Buffer.from(newKey.publicKeyUncompressed),
    );
    expect(net.pool(node.nodeId).commission_rate).toBe(1000);
    const tooEarly = await net.withdraw(staker, first);
    expect(net.abortOf(tooEarly)).toEqual(net.walrusAbort('staking_pool', 'withdraw_stake', 8)); // EWithdrawEpochNotReached

    expect(await net.nextEpoch(nodes)).toBe(3);
    expect(net.pool(node.nodeId).commission_rate).toBe(2500);
    const balance = net.walBalance(staker.toSuiAddress());
    expect((await net.withdraw(staker, first)).status.success).toBe(true);
    expect(net.walBalance(staker.toSuiAddress()) - balance).toBe(20n * WAL); // no storage was sold: no rewards
    expect(net.walEverywhere()).toBe(net.totalSupply());
  });
});
