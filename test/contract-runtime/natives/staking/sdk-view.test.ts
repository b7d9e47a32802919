/**
 * The unmodified SDK reading the staking state through `SuiGrpcClient` (over the ledger's in-process
 * transport): `WalrusClient.stakingState()`/`systemState()` parse `StakingInnerV1` and
 * `SystemStateInnerV1`, the committee's pools load by node id with the SDK's `StakingPool` layout,
 * and everything the SDK relies on agrees (node order, weights, shard count, epoch, keys, URLs).
 */
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walrusPackageAddresses } from '../../../../devnet/contract-runtime/deploy.js';
import { walrusLedgerModules } from '../../../../devnet/contract-runtime/natives/index.js';
import { accountKeypair } from '../../../../devnet/devnet-accounts.js';
import type { LedgerInstance } from '../../../../devnet/ledger/start-ledger.js';
import { startTestLedger } from '../../../ledger/fixtures/test-ledger.js';
import { loadSdkTypes } from '../../sdk-contracts.js';
import { type TestNode, WAL, WalrusTestNet } from './walrus-testnet.js';

describe('the SDK’s view of the staking state', () => {
  let instance: LedgerInstance;
  let net: WalrusTestNet;
  let nodes: TestNode[];
  let walrus: WalrusClient;
  let sui: SuiGrpcClient;

  beforeAll(async () => {
    instance = await startTestLedger({
      accounts: 7,
      ledger: { clock: 'manual', modules: walrusLedgerModules(walrusPackageAddresses()) },
    });
    net = WalrusTestNet.create({
      nShards: 16,
      epochDurationMs: 60_000n,
      on: { ledger: instance.ledger, signers: instance.accounts.map(accountKeypair) },
    });
    nodes = await net.registerTestNodes(4);
    const staker = net.accounts[5]!;
    await net.giveWal(staker.toSuiAddress(), 101n * WAL);
    for (const [i, node] of nodes.entries()) await net.stakeOk(staker, node.nodeId, BigInt(10 + 5 * i) * WAL);
    await net.nextEpoch(nodes);
    sui = new SuiGrpcClient({ network: 'localnet', transport: instance.transport });
    walrus = new WalrusClient({
      suiClient: sui,
      packageConfig: {
        systemObjectId: net.deployment.objects.system,
        stakingPoolId: net.deployment.objects.staking,
      },
      storageNodeUrlScheme: 'http',
    });
  });

  afterAll(async () => {
    await instance?.stop();
  });

  it('parses StakingInnerV1 and SystemStateInnerV1, and the committees agree', async () => {
    const staking = await walrus.stakingState();
    const system = await walrus.systemState();
    expect(staking.epoch).toBe(1);
    expect(staking.n_shards).toBe(16);
    expect(staking.epoch_state.$kind).toBe('EpochChangeDone');
    expect(system.committee.epoch).toBe(1);
    expect(system.committee.n_shards).toBe(16);
    const entries = staking.committee[0].contents;
    expect(system.committee.members.map((m) => m.node_id)).toEqual(entries.map((e) => e.key));
    expect(system.committee.members.map((m) => m.weight)).toEqual(entries.map((e) => e.value.length));
    expect(entries.flatMap((e) => e.value).sort((a, b) => a - b)).toEqual([...Array(16).keys()]);
    expect(new Set(entries.map((e) => e.key))).toEqual(new Set(nodes.map((n) => n.nodeId)));
    expect(staking.previous_committee[0].contents).toEqual([]);
    expect(staking.next_committee).toBeNull();
  });

  it('loads the committee’s staking pools by node id with the SDK’s StakingPool layout', async () => {
    const sdkTypes = await loadSdkTypes();
    const poolType = sdkTypes.get('walrus::staking_pool::StakingPool');
    if (poolType?.kind !== 'type') throw new Error('The SDK has no StakingPool type');
    const staking = await walrus.stakingState();
    const ids = staking.committee[0].contents.map((e) => e.key);
    const { objects } = await sui.core.getObjects({ objectIds: ids, include: { content: true } });
    const system = await walrus.systemState();
    objects.forEach((object, i) => {
      if (object instanceof Error) throw object;
      expect(object.type).toBe(`${net.walrus}::staking_pool::StakingPool`);
      const pool = poolType.type.parse(object.content!) as {
        node_info: { node_id: string; network_address: string; public_key: { bytes: number[] } };
        wal_balance: string;
      };
      const node = nodes.find((n) => n.nodeId === ids[i])!;
      expect(pool.node_info.node_id).toBe(node.nodeId);
      expect(pool.node_info.network_address).toBe(`127.0.0.1:${9100 + node.index}`);
      expect(Uint8Array.from(pool.node_info.public_key.bytes)).toEqual(node.bls.publicKeyUncompressed);
      expect(Uint8Array.from(system.committee.members[i]!.public_key.bytes)).toEqual(
        node.bls.publicKeyUncompressed,
      );
      expect(BigInt(pool.wal_balance)).toBe(BigInt(10 + 5 * node.index) * WAL);
    });
  });

  it('finds the WAL type from stake_with_pool, as the SDK does', async () => {
    const { function: fn } = await sui.core.getMoveFunction({
      packageId: net.walrus,
      moduleName: 'staking',
      name: 'stake_with_pool',
    });
    const coin = fn.parameters[1]!;
    expect(JSON.stringify(coin)).toContain(`${net.addresses.wal}::wal::WAL`);
  });
});
