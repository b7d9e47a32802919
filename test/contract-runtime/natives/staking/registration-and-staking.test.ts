/**
 * The staking natives on a real ledger: deployment, candidate registration with BLS proofs of
 * possession, staking (threshold, ownership), committee selection and the SDK's view of the state.
 */
import { describe, expect, it } from 'vitest';
import { deployWalrus, walrusPackageAddresses } from '../../../../devnet/contract-runtime/deploy.js';
import { ledgerFramework } from '../../../../devnet/contract-runtime/natives/framework/index.js';
import { walrusLedgerModules } from '../../../../devnet/contract-runtime/natives/index.js';
import { TransactionRejectedError } from '../../../../devnet/ledger/core/execution/execution-error.js';
import { Ledger } from '../../../../devnet/ledger/core/ledger.js';
import { BlsKeyPair } from '../../../../devnet/storage-node/bls-keys.js';
import { WAL, WalrusTestNet } from './walrus-testnet.js';

describe('deployWalrus', () => {
  it('publishes the packages at fixed addresses and shares System, Staking, exchange and treasury', () => {
    const net = WalrusTestNet.create({ nShards: 10, epochDurationMs: 60_000n });
    const { objects, packages, addresses } = net.deployment;
    expect(addresses).toEqual(walrusPackageAddresses());
    expect(walrusPackageAddresses()).toEqual(walrusPackageAddresses());
    expect(packages).toEqual({
      wal: addresses.wal,
      walrus: addresses.walrus,
      walExchange: addresses.wal_exchange,
    });
    for (const id of [objects.system, objects.staking, objects.exchange, objects.treasury]) {
      expect(net.object(id).owner.kind).toBe('shared');
    }
    expect(net.object(objects.system).type).toBe(`${addresses.walrus}::system::System`);
    expect(net.object(objects.staking).type).toBe(`${addresses.walrus}::staking::Staking`);
    expect(net.object(objects.walMetadata).owner.kind).toBe('immutable');
    expect(net.decode(objects.staking).package_id.bytes).toBe(addresses.walrus);
    expect(net.decode(objects.system).package_id.bytes).toBe(addresses.walrus);
    expect(net.deployment.initCap).toBeUndefined();
    expect(net.deployment.digests).toHaveLength(4);

    const inner = net.stakingInner();
    expect(inner.n_shards).toBe(10);
    expect(inner.epoch).toBe(0);
    expect(inner.epoch_duration).toBe(60_000n);
    expect(inner.epoch_state.$kind).toBe('EpochChangeDone');
    expect(inner.committee.pos0.contents).toEqual([]);
    expect(net.systemInner().committee.epoch).toBe(0);

    // The whole supply exists once: the deployer's coin and the exchange.
    expect(net.totalSupply()).toBe(5_000_000_000n * WAL);
    expect(net.walEverywhere()).toBe(net.totalSupply());
    expect(net.decode(objects.exchange).wal.value).toBe(4_000_000_000n * WAL);
  });

  it('refuses a ledger without the packages, and can leave the InitCap unspent', () => {
    const bare = new Ledger({ framework: ledgerFramework(), clock: 'manual' });
    expect(() => deployWalrus(bare, { deployer: '0x1', nShards: 4, epochDurationMs: 1000n })).toThrow(
      /has no wal package/,
    );
    const net = WalrusTestNet.create();
    const ledger = new Ledger({
      framework: ledgerFramework(),
      clock: 'manual',
      genesisAccounts: [{ address: net.deployer.toSuiAddress(), balance: 10n ** 12n }],
      modules: walrusLedgerModules(walrusPackageAddresses()),
    });
    const partial = deployWalrus(ledger, {
      deployer: net.deployer,
      nShards: 4,
      epochDurationMs: 1000n,
      initialize: false,
    });
    expect(partial.objects.system).toBe('');
    expect(ledger.state.object(partial.initCap!)?.owner).toEqual({
      kind: 'address',
      address: net.deployer.toSuiAddress(),
    });
    expect(partial.digests).toHaveLength(3);
  });
});

describe('register_candidate', () => {
  it('creates the pool (id = node id) and the cap; the key is stored uncompressed; the cap receives commission', async () => {
    const net = WalrusTestNet.create();
    const [node] = await net.registerTestNodes(1, { commissionBps: 500, storagePrice: 7n, writePrice: 3n });
    const pool = net.pool(node!.nodeId);
    expect(pool.id.id.bytes).toBe(node!.nodeId);
    expect(pool.node_info.node_id.bytes).toBe(node!.nodeId);
    expect(new TextDecoder().decode(pool.node_info.name.bytes)).toBe('node-0');
    expect(new TextDecoder().decode(pool.node_info.network_address.bytes)).toBe('127.0.0.1:9100');
    expect(Buffer.from(pool.node_info.public_key.bytes)).toEqual(
      Buffer.from(node!.bls.publicKeyUncompressed),
    );
    expect(pool.commission_rate).toBe(500);
    expect(pool.voting_params).toEqual({ storage_price: 7n, write_price: 3n, node_capacity: 1n << 40n });
    expect(pool.state.$kind).toBe('Active');
    expect(pool.activation_epoch).toBe(0);
    expect(pool.commission_receiver).toMatchObject({ ObjectID: { pos0: { bytes: node!.capId } } });
    expect(pool.governance_authorized).toMatchObject({ Address: { pos0: node!.operator.toSuiAddress() } });
    // The pool is a child of the pools ObjectTable's field, keeping its own id (the SDK reads it by id).
    expect(net.object(node!.nodeId).owner.kind).toBe('object');

    const cap = net.decode(node!.capId);
    expect(cap.node_id.bytes).toBe(node!.nodeId);
    expect(net.object(node!.capId).owner).toEqual({
      kind: 'address',
      address: node!.operator.toSuiAddress(),
    });
    expect(net.stakingInner().pools.size).toBe(1n);
  });

  it('refuses a bad proof of possession: another signer, another epoch, another key, garbage', async () => {
    const net = WalrusTestNet.create();
    const [alice, bob] = net.accounts;
    const bls = BlsKeyPair.generate(new Uint8Array(48).fill(7));
    const other = BlsKeyPair.generate(new Uint8Array(48).fill(8));
    const attempts = [
      bls.proofOfPossession(0, bob!.toSuiAddress()), // signed for another address
      bls.proofOfPossession(1, alice!.toSuiAddress()), // signed for another epoch
      other.proofOfPossession(0, alice!.toSuiAddress()), // signed by another key
      new Uint8Array(96).fill(1), // not a signature
    ];
    for (const proofOfPossession of attempts) {
      const record = await net.registerCandidate(alice!, bls, { name: 'bad', proofOfPossession });
      // EInvalidProofOfPossession, raised in staking_pool::new (called by staking::register_candidate).
      expect(net.abortOf(record)).toEqual(net.walrusAbort('staking_pool', 'new', 2));
      expect(record.status.success === false && record.status.message).toBe(
        `MoveAbort in ${net.walrus}::staking_pool::new with code 2 (command 1)`,
      );
    }
    // A key that is not 48 bytes: messages::EInvalidKeyLength.
    const short = await net.registerCandidate(alice!, bls, {
      name: 'short',
      publicKey: bls.publicKeyUncompressed,
      proofOfPossession: bls.proofOfPossession(0, alice!.toSuiAddress()),
    });
    expect(net.abortOf(short)).toEqual(net.walrusAbort('messages', 'new_proof_of_possession_msg', 6));
    expect(net.stakingInner().pools.size).toBe(0n);

    const ok = await net.registerCandidate(alice!, bls, {
      name: 'good',
      proofOfPossession: bls.proofOfPossession(0, alice!.toSuiAddress()),
    });
    expect(ok.status).toEqual({ success: true });
  });
});

describe('stake_with_pool', () => {
  it('stakes from 1 WAL on, activating next epoch; refuses less, and unknown nodes', async () => {
    const net = WalrusTestNet.create();
    const [node] = await net.registerTestNodes(1);
    const staker = net.accounts[5]!;
    await net.giveWal(staker.toSuiAddress(), 10n * WAL);

    const tooLittle = await net.stake(staker, node!.nodeId, WAL - 1n);
    // EStakeBelowThreshold, raised in staked_wal::mint (called by staking::stake_with_pool).
    expect(net.abortOf(tooLittle)).toEqual(net.walrusAbort('staked_wal', 'mint', 4));
    expect(tooLittle.status.success === false && tooLittle.status.message).toBe(
      `MoveAbort in ${net.walrus}::staked_wal::mint with code 4 (command 1)`,
    );
    const unknown = await net.stake(staker, net.deployment.objects.system, WAL);
    expect(net.abortOf(unknown)).toEqual(net.walrusAbort('staking_inner', 'pool_mut', 7)); // EPoolNotFound

    const stakedWal = await net.stakeOk(staker, node!.nodeId, WAL);
    const staked = net.decode(stakedWal);
    expect(staked).toMatchObject({
      node_id: { bytes: node!.nodeId },
      principal: { value: WAL },
      activation_epoch: 1,
      state: { $kind: 'Staked' },
    });
    expect(net.object(stakedWal).owner).toEqual({ kind: 'address', address: staker.toSuiAddress() });
    expect(net.walBalance(staker.toSuiAddress())).toBe(9n * WAL);
    expect(net.pool(node!.nodeId).pending_stake.pos0.contents).toEqual([{ key: 1, value: WAL }]);
    expect(net.activeSet().nodes.contents).toEqual([{ key: { bytes: node!.nodeId }, value: WAL }]);
    expect(net.activeSet().total_stake).toBe(WAL);
    expect(net.walEverywhere()).toBe(net.totalSupply());
  });

  it("refuses another account's StakedWal, and withdraws never-active stake at once", async () => {
    const net = WalrusTestNet.create();
    const [node] = await net.registerTestNodes(1);
    const [alice, bob] = [net.accounts[5]!, net.accounts[6]!];
    await net.giveWal(alice.toSuiAddress(), 5n * WAL);
    const stakedWal = await net.stakeOk(alice, node!.nodeId, 5n * WAL);

    await expect(net.requestWithdraw(bob, stakedWal)).rejects.toBeInstanceOf(TransactionRejectedError);
    await expect(net.withdraw(bob, stakedWal)).rejects.toThrow(/not by the sender/);

    // Not active yet (activation epoch 1, no committee selected): no request needed, and none allowed.
    const request = await net.requestWithdraw(alice, stakedWal);
    expect(net.abortOf(request)).toEqual(net.walrusAbort('staking_pool', 'request_withdraw_stake', 10)); // EWithdrawDirectly
    const withdrawn = await net.withdraw(alice, stakedWal);
    expect(withdrawn.status).toEqual({ success: true });
    expect(net.walBalance(alice.toSuiAddress())).toBe(5n * WAL);
    expect(net.pool(node!.nodeId).pending_stake.pos0.contents).toEqual([]);
    expect(net.activeSet().nodes.contents).toEqual([]);
  });
});

describe('committee selection', () => {
  it('voting_end picks the committee by D’Hondt over stake, sorted by node id, with quorum votes', async () => {
    const net = WalrusTestNet.create({ nShards: 10 });
    const nodes = await net.registerTestNodes(4, { capacity: 1000n });
    const staker = net.accounts[6]!;
    await net.giveWal(staker.toSuiAddress(), 101n * WAL);
    const stakes = [40n, 30n, 20n, 10n];
    for (const [i, node] of nodes.entries()) await net.stakeOk(staker, node.nodeId, stakes[i]! * WAL);

    const vote = await net.votingEnd();
    expect(vote.status).toEqual({ success: true });
    expect(vote.events.map((e) => e.type)).toEqual([`${net.walrus}::events::EpochParametersSelected`]);
    const inner = net.stakingInner();
    expect(inner.epoch_state.$kind).toBe('NextParamsSelected');
    const next = inner.next_committee.vec[0].pos0.contents as Array<{
      key: { bytes: string };
      value: number[];
    }>;
    // D'Hondt of 10 shards over 40:30:20:10 → 4, 3, 2, 1 (cap ceil(20/4) = 5).
    const counts = new Map(next.map((e) => [e.key.bytes, e.value.length]));
    expect(nodes.map((n) => counts.get(n.nodeId))).toEqual([4, 3, 2, 1]);
    // Sorted by node id; the first committee gets consecutive shard ranges in that order.
    const ids = next.map((e) => e.key.bytes);
    expect(ids).toEqual([...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
    expect(next.flatMap((e) => e.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Capacity votes, scaled to the system: 1000 * 10 / weight = 2500, 3333, 5000, 10000. The largest
    // value voted at least by a quorum (3w >= 2n + 1, so 7 of 10 shards) is 2500.
    expect(inner.next_epoch_params.vec[0]).toEqual({
      total_capacity_size: 2500n,
      storage_price_per_unit_size: 5n,
      write_price_per_unit_size: 1n,
    });

    // A second vote in the same epoch is refused (wrong state), as is staking for E+1 now: E+2.
    const again = await net.votingEnd();
    expect(net.abortOf(again)).toEqual(net.walrusAbort('staking_inner', 'voting_end', 0)); // EWrongEpochState
    const late = await net.stakeOk(staker, nodes[0]!.nodeId, WAL);
    expect(net.decode(late).activation_epoch).toBe(2);
  });

  it('caps a node at a tenth of the shards from 20 nodes on', async () => {
    const net = WalrusTestNet.create({ nShards: 100, accounts: 22 });
    const nodes = await net.registerTestNodes(20);
    const staker = net.accounts[21]!;
    await net.giveWal(staker.toSuiAddress(), 1000n * WAL);
    await net.stakeOk(staker, nodes[0]!.nodeId, 500n * WAL); // half the stake
    for (const node of nodes.slice(1)) await net.stakeOk(staker, node.nodeId, 10n * WAL);
    expect((await net.votingEnd()).status).toEqual({ success: true });
    const next = net.stakingInner().next_committee.vec[0].pos0.contents as Array<{
      key: { bytes: string };
      value: number[];
    }>;
    const big = next.find((e) => e.key.bytes === nodes[0]!.nodeId)!;
    expect(big.value).toHaveLength(10);
    expect(next.reduce((sum, e) => sum + e.value.length, 0)).toBe(100);
    expect(Math.max(...next.map((e) => e.value.length))).toBe(10);
  });

  it('refuses voting_end without stake, and before half an epoch after the last change', async () => {
    const net = WalrusTestNet.create({ epochDurationMs: 10_000n });
    const nodes = await net.registerTestNodes(2);
    const empty = await net.votingEnd();
    expect(net.abortOf(empty)).toEqual(net.walrusAbort('staking_inner', 'dhondt', 3)); // ENoStake

    const staker = net.accounts[6]!;
    await net.giveWal(staker.toSuiAddress(), 10n * WAL);
    for (const node of nodes) await net.stakeOk(staker, node.nodeId, 5n * WAL);
    const tooEarly = await net.initiateEpochChange();
    expect(net.abortOf(tooEarly)).toEqual(net.walrusAbort('staking_inner', 'next_bls_committee', 6)); // ENextCommitteeIsEmpty
    expect(await net.nextEpoch(nodes)).toBe(1);
    expect(net.stakingInner().epoch_state.$kind).toBe('EpochChangeDone');

    net.advanceClock(4_999n);
    const early = await net.votingEnd();
    expect(net.abortOf(early)).toEqual(net.walrusAbort('staking_inner', 'voting_end', 0)); // EWrongEpochState
    net.advanceClock(1n);
    expect((await net.votingEnd()).status).toEqual({ success: true });
    net.advanceClock(4_999n);
    const earlyChange = await net.initiateEpochChange();
    expect(net.abortOf(earlyChange)).toEqual(net.walrusAbort('staking_inner', 'initiate_epoch_change', 0)); // EWrongEpochState
    net.advanceClock(1n);
    expect((await net.initiateEpochChange()).status).toEqual({ success: true });
  });
});

describe('the SDK’s view after an epoch change', () => {
  it('staking and system committees agree: node order, weights, n_shards and epoch', async () => {
    const net = WalrusTestNet.create({ nShards: 12 });
    const nodes = await net.registerTestNodes(4);
    const staker = net.accounts[6]!;
    await net.giveWal(staker.toSuiAddress(), 100n * WAL);
    for (const [i, node] of nodes.entries())
      await net.stakeOk(staker, node.nodeId, BigInt(10 * (i + 1)) * WAL);
    expect(await net.nextEpoch(nodes)).toBe(1);

    const staking = net.stakingInner();
    const system = net.systemInner();
    const committee = staking.committee.pos0.contents as Array<{ key: { bytes: string }; value: number[] }>;
    expect(system.committee.members.map((m: { node_id: { bytes: string } }) => m.node_id.bytes)).toEqual(
      committee.map((e) => e.key.bytes),
    );
    expect(system.committee.members.map((m: { weight: number }) => m.weight)).toEqual(
      committee.map((e) => e.value.length),
    );
    expect(system.committee.n_shards).toBe(12);
    expect(system.committee.epoch).toBe(1);
    expect(staking.epoch).toBe(1);
    // Members carry each pool's (uncompressed) key; the aggregate key is their sum, compressed.
    for (const member of system.committee.members) {
      const node = nodes.find((n) => n.nodeId === member.node_id.bytes)!;
      expect(Buffer.from(member.public_key.bytes)).toEqual(Buffer.from(node.bls.publicKeyUncompressed));
    }
    expect(system.committee.total_aggregated_key.bytes).toHaveLength(48);
    // Every shard is held exactly once.
    expect(committee.flatMap((e) => e.value).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    // Prices and capacity come from the votes.
    expect(system.storage_price_per_unit_size).toBe(5n);
    expect(system.write_price_per_unit_size).toBe(1n);
  });
});
