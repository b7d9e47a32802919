/**
 * A Walrus deployment with four staked nodes (10 shards, weights 4, 3, 2, 1) and storage challenges
 * set up, and the calls of `walrus::challenge` (a devnet extension) signed by the deployer, the
 * devnet's operator. Certificates are real BLS aggregates of the nodes' keys over
 * `challengeMessage`, as the storage nodes make them.
 */
import { bcs } from '@mysten/sui/bcs';
import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import type { TransactionRecord } from '../../../devnet/ledger/core/types.js';
import { challengeMessage, challengeSampleDigest } from '../../../devnet/storage-node/challenge-sample.js';
import { type TestNode, WAL, WalrusTestNet } from './staking/walrus-testnet.js';

export const WINDOW = 60_000n;
/** 1 % of the stake per shard held. */
export const BPS = 100;
const MiB = 1n << 20n;

/** The test network and its parts. */
export interface ChallengeNet {
  net: WalrusTestNet;
  nodes: TestNode[];
  /** Staked with every node: each pool's one StakedWal. */
  staker: Ed25519Keypair;
  stakeOf: Map<string, string>;
}

/**
 * Four nodes staked 40, 30, 20, 10 WAL by one staker, two epochs on (storage bought in between, so
 * pools hold rewards and commission), `challenge::create` run by the deployer.
 */
export async function challengeNet(): Promise<ChallengeNet> {
  const net = WalrusTestNet.create({ nShards: 10, epochDurationMs: 3_600_000n });
  const nodes = await net.registerTestNodes(4, {
    storagePrice: 1_000_000n,
    writePrice: 1n,
    capacity: 1n << 40n,
    commissionBps: 1000,
  });
  const staker = net.accounts[5]!;
  const buyer = net.accounts[6]!;
  await net.giveWal(staker.toSuiAddress(), 101n * WAL);
  await net.giveWal(buyer.toSuiAddress(), 1000n * WAL);
  const stakeOf = new Map<string, string>();
  for (const [i, node] of nodes.entries())
    stakeOf.set(node.nodeId, await net.stakeOk(staker, node.nodeId, [40n, 30n, 20n, 10n][i]! * WAL));
  await net.nextEpoch(nodes);
  await net.run(buyer, (tx) => {
    const pay = net.walCoinArg(tx, buyer.toSuiAddress(), 100n * WAL);
    const storage = tx.moveCall({
      target: `${net.walrus}::system::reserve_space`,
      arguments: [
        net.shared(tx, net.deployment.objects.system),
        tx.pure.u64(1000n * MiB),
        tx.pure.u32(3),
        pay,
      ],
    });
    tx.transferObjects([storage, pay], buyer.toSuiAddress());
  });
  await net.nextEpoch(nodes);
  await net.run(net.deployer, (tx) => {
    tx.moveCall({
      target: `${net.walrus}::challenge::create`,
      arguments: [net.shared(tx, net.deployment.objects.system)],
    });
  });
  return { net, nodes, staker, stakeOf };
}

/** The decoded `challenge::<name>` events of a transaction. */
export function challengeEvents(net: WalrusTestNet, record: TransactionRecord, name: string) {
  const type = `${normalizeSuiAddress(net.walrus)}::challenge::${name}`;
  return record.events
    .filter((e) => e.type === type)
    .map((e) => net.ledger.layouts.decode(e.type, e.contents) as Record<string, unknown>);
}

/** The BLS committee in signer-bitmap order. */
export function committeeOrder(net: WalrusTestNet, nodes: TestNode[]): TestNode[] {
  const members = net.systemInner().committee.members as Array<{ node_id: { bytes: string } }>;
  return members.map((m) => nodes.find((n) => n.nodeId === m.node_id.bytes)!);
}

/** A node's shards in the current committee. */
export function weightOf(net: WalrusTestNet, node: TestNode): number {
  const members = net.systemInner().committee.members as Array<{
    node_id: { bytes: string };
    weight: number;
  }>;
  return members.find((m) => m.node_id.bytes === node.nodeId)!.weight;
}

/** Options of {@link startChallenge}. */
export interface StartOptions {
  nodes?: string[];
  sample?: number;
  bps?: number;
  byCommission?: boolean;
  sender?: Ed25519Keypair;
}

/** `start_challenge`; the record, failed or not. */
export function startChallenge(net: WalrusTestNet, options: StartOptions = {}) {
  return net.execute(options.sender ?? net.deployer, (tx) => {
    tx.moveCall({
      target: `${net.walrus}::challenge::start_challenge`,
      arguments: [
        net.shared(tx, net.deployment.objects.system),
        tx.pure.vector('address', options.nodes ?? []),
        tx.pure.u16(options.sample ?? 64),
        tx.pure.u64(WINDOW),
        tx.pure.u16(options.bps ?? BPS),
        tx.pure.bool(options.byCommission ?? false),
        net.clock(tx),
      ],
    });
  });
}

/** Opens a round (failing the test if it cannot); its number, epoch and seed. */
export async function openRound(net: WalrusTestNet, options: StartOptions = {}) {
  const record = await startChallenge(net, options);
  if (!record.status.success) throw new Error(`start_challenge failed: ${record.status.message}`);
  const started = challengeEvents(net, record, 'ChallengeStarted')[0]!;
  return { round: started.round as bigint, epoch: started.epoch as number, seed: started.seed as Uint8Array };
}

/** The message peers sign for `node` in a round (a fixed sample digest). */
export function certificateMessage(epoch: number, round: bigint, node: TestNode): Uint8Array {
  return challengeMessage(epoch, round, node.nodeId, challengeSampleDigest([1n, 2n]));
}

/** `signers`' aggregate BLS signature of `message`. */
export function aggregate(signers: TestNode[], message: Uint8Array): Uint8Array {
  const bls = bls12_381.longSignatures;
  return bls.Signature.toBytes(
    bls.aggregateSignatures(signers.map((s) => bls.Signature.fromBytes(s.bls.sign(message)))),
  );
}

/**
 * `submit_challenge_certificate` of `message` with `signers` in the bitmap, signed by `signers`
 * (or with `signature`); the record, failed or not.
 */
export function submitCertificate(
  cn: ChallengeNet,
  message: Uint8Array,
  signers: TestNode[],
  signature = aggregate(signers, message),
) {
  const { net, nodes } = cn;
  const order = committeeOrder(net, nodes);
  const bitmap = new Uint8Array(Math.ceil(order.length / 8));
  for (const signer of signers) {
    const i = order.indexOf(signer);
    bitmap[i >> 3]! |= 1 << (i % 8);
  }
  return net.execute(net.deployer, (tx) => {
    tx.moveCall({
      target: `${net.walrus}::challenge::submit_challenge_certificate`,
      arguments: [
        net.shared(tx, net.deployment.objects.system),
        tx.pure.vector('u8', signature),
        tx.pure.vector('u8', bitmap),
        tx.pure.vector('u8', message),
        net.clock(tx),
      ],
    });
  });
}

/** `resolve_challenge`; the record, failed or not. */
export function resolveRound(net: WalrusTestNet) {
  const { system, staking, treasury } = net.deployment.objects;
  return net.call(net.deployer, 'challenge::resolve_challenge', (tx) => [
    net.shared(tx, system),
    net.shared(tx, staking),
    net.shared(tx, treasury),
    net.clock(tx),
  ]);
}

/** Fails the test unless the transaction succeeded. */
export async function ok(record: Promise<TransactionRecord>): Promise<TransactionRecord> {
  const done = await record;
  if (!done.status.success) throw new Error(`Transaction failed: ${done.status.message}`);
  return done;
}

/** `staking::staked_wal_value` of a stake, read by dry run by its owner, as the SDK would. */
export function stakedWalValue(cn: ChallengeNet, stakedWal: string): bigint {
  const { net, staker } = cn;
  const { record, commandOutputs } = net.simulate(staker, (tx) => {
    tx.moveCall({
      target: `${net.walrus}::staking::staked_wal_value`,
      arguments: [net.shared(tx, net.deployment.objects.staking, false), net.owned(tx, stakedWal)],
    });
  });
  if (!record.status.success) throw new Error(`staked_wal_value failed: ${record.status.message}`);
  return BigInt(bcs.u64().parse(commandOutputs[0]![0]!.bytes));
}
