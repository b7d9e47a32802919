/**
 * The `staking::calculate_rewards` view on a real ledger, read with dry runs: nothing before a stake
 * is active, then what its shares earned (the pool's share price at the current epoch against its
 * activation epoch's), frozen at the withdrawal epoch once a withdrawal is requested, and exactly
 * what `withdraw_stake` pays on top of the principal.
 */

import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestNode, WAL, WalrusTestNet } from './walrus-testnet.js';

const STORAGE_PRICE = 1_000_000n; // FROST per MiB and epoch
const UNITS = 10_240n; // storage bought: 10 GiB

describe('staking::calculate_rewards', () => {
  let net: WalrusTestNet;
  let nodes: TestNode[];
  let staker: Ed25519Keypair;
  let late: Ed25519Keypair;
  /** 20 WAL with node 0 from epoch 1; withdrawal requested in epoch 2 (withdraw epoch 3). */
  let early = '';
  /** 5 WAL with node 0 from epoch 2; withdrawal requested in epoch 4 (withdraw epoch 5). */
  let joined = '';
  /** 10 WAL with node 0 from epoch 4, never withdrawn: node 0 stays in the committee. */
  let anchor = '';
  const rewards = (owner: Ed25519Keypair, stakedWal: string) => net.calculateRewards(owner, stakedWal);
  const rewardsPool = (node: TestNode) => net.pool(node.nodeId).rewards_pool.value as bigint;

  beforeAll(async () => {
    net = WalrusTestNet.create({ nShards: 10, epochDurationMs: 1_000_000n });
    nodes = await net.registerTestNodes(2, { storagePrice: STORAGE_PRICE, writePrice: 1n });
    [staker, late] = [net.accounts[5]!, net.accounts[6]!];
    await net.giveWal(staker.toSuiAddress(), 40n * WAL);
    await net.giveWal(late.toSuiAddress(), 5n * WAL);
    early = await net.stakeOk(staker, nodes[0]!.nodeId, 20n * WAL);
    await net.stakeOk(staker, nodes[1]!.nodeId, 10n * WAL);
  });

  it('is 0 before the stake is active and while it has earned nothing', async () => {
    // Epoch 0: activation at epoch 1.
    expect(net.decode(early).activation_epoch).toBe(1);
    expect(rewards(staker, early)).toBe(0n);
    expect(await net.nextEpoch(nodes)).toBe(1);
    // Epoch 1: active from now on, but no epoch has ended with it yet.
    expect(rewards(staker, early)).toBe(0n);

    // Storage paid for epochs 1..5, so each of these epochs ends with rewards.
    const buyer = net.accounts[7]!;
    await net.giveWal(buyer.toSuiAddress(), UNITS * STORAGE_PRICE * 5n);
    await net.reserveSpace(buyer, UNITS, 5, UNITS * STORAGE_PRICE * 5n);

    // A stake made in epoch 1 activates at epoch 2: nothing before then.
    joined = await net.stakeOk(late, nodes[0]!.nodeId, 5n * WAL);
    expect(net.decode(joined).activation_epoch).toBe(2);
    expect(rewards(late, joined)).toBe(0n);
  });

  it('counts the rewards of every ended epoch after activation, at the pool’s share price', async () => {
    const node = nodes[0]!;
    expect(rewardsPool(node)).toBe(0n);
    expect(await net.nextEpoch(nodes)).toBe(2);
    // The stake was node 0's only one during epoch 1: all of the pool's epoch-1 rewards are its own.
    const epoch1 = rewardsPool(node);
    expect(epoch1).toBeGreaterThan(0n);
    expect(rewards(staker, early)).toBe(epoch1);
    // The stake joining at epoch 2 has earned nothing yet.
    expect(rewards(late, joined)).toBe(0n);

    // Requesting the withdrawal (leaving at epoch 3) does not change what was earned so far.
    expect((await net.requestWithdraw(staker, early)).status.success).toBe(true);
    expect(net.decode(early).state).toMatchObject({ Withdrawing: { withdraw_epoch: 3 } });
    expect(rewards(staker, early)).toBe(epoch1);

    // Shares: 20 WAL at one WAL per share (epoch 1), 5 WAL at the epoch-2 price (20 WAL + epoch1 for 20).
    const before = net.pool(node.nodeId);
    const earlyShares = 20n * WAL;
    const joinedShares = (5n * WAL * earlyShares) / (20n * WAL + epoch1);
    expect(before.num_shares).toBe(earlyShares + joinedShares);
    expect(before.wal_balance).toBe(25n * WAL + epoch1);

    // Epoch 2 → 3: both stakes earn, in proportion to their shares, at the epoch-3 price: the
    // epoch-2 rewards (less commission) added to the pool before the withdrawal leaves.
    expect(await net.nextEpoch(nodes)).toBe(3);
    const after = net.pool(node.nodeId);
    const epoch2 = (after.rewards_pool.value as bigint) - (before.rewards_pool.value as bigint);
    expect(epoch2).toBeGreaterThan(0n);
    const valueAt3 = (shares: bigint) => (shares * (before.wal_balance + epoch2)) / before.num_shares;
    expect(rewards(staker, early)).toBe(valueAt3(earlyShares) - 20n * WAL);
    expect(rewards(late, joined)).toBe(valueAt3(joinedShares) - 5n * WAL);
    expect(rewards(late, joined)).toBeGreaterThan(0n);
    expect(rewards(staker, early)).toBeGreaterThan(epoch1);
    // The withdrawn stake's shares left at that price.
    expect(after.num_shares).toBe(joinedShares);
  });

  it('stops at the withdrawal epoch and equals what withdraw_stake pays', async () => {
    const node = nodes[0]!;
    // Epoch 3 is the withdrawal epoch of `early`; its shares left the pool at epoch 3's price.
    const atWithdrawal = rewards(staker, early);
    const joinedAt3 = rewards(late, joined);
    const poolAt3 = rewardsPool(node);
    anchor = await net.stakeOk(staker, node.nodeId, 10n * WAL);
    expect(net.decode(anchor).activation_epoch).toBe(4);

    expect(await net.nextEpoch(nodes)).toBe(4);
    expect(rewards(staker, anchor)).toBe(0n); // active from epoch 4: nothing earned yet
    // Epoch 3 ended with rewards: the remaining stake earned, the withdrawing one did not.
    expect(rewardsPool(node)).toBeGreaterThan(poolAt3);
    expect(rewards(late, joined)).toBeGreaterThan(joinedAt3);
    expect(rewards(staker, early)).toBe(atWithdrawal);

    const balance = net.walBalance(staker.toSuiAddress());
    expect((await net.withdraw(staker, early)).status.success).toBe(true);
    expect(net.walBalance(staker.toSuiAddress()) - balance).toBe(20n * WAL + atWithdrawal);
  });

  it('also for a later stake, whatever the epochs after its withdrawal epoch earn', async () => {
    // Epoch 4: `joined` leaves at epoch 5.
    expect((await net.requestWithdraw(late, joined)).status.success).toBe(true);
    expect(net.decode(joined).state).toMatchObject({ Withdrawing: { withdraw_epoch: 5 } });
    const at4 = rewards(late, joined);
    expect(await net.nextEpoch(nodes)).toBe(5);
    const atWithdrawal = rewards(late, joined);
    expect(atWithdrawal).toBeGreaterThan(at4); // epoch 4 ended with rewards
    const anchorAt5 = rewards(staker, anchor);
    expect(anchorAt5).toBeGreaterThan(0n);
    expect(await net.nextEpoch(nodes)).toBe(6);
    // Epoch 5 ended with rewards for node 0 (the anchor earned them), but not for the leaving stake.
    expect(rewards(staker, anchor)).toBeGreaterThan(anchorAt5);
    expect(rewards(late, joined)).toBe(atWithdrawal);

    const balance = net.walBalance(late.toSuiAddress());
    expect((await net.withdraw(late, joined)).status.success).toBe(true);
    expect(net.walBalance(late.toSuiAddress()) - balance).toBe(5n * WAL + atWithdrawal);
    expect(net.walEverywhere()).toBe(net.totalSupply());
  });
});
