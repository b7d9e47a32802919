/**
 * `walrus::challenge` (a devnet extension) on a real Walrus deployment: rounds open by the operator
 * only, with a seed; certificates are checked like blob certificates and refused when forged, under
 * quorum, replayed from an earlier round, for a node outside the round, or late; the round resolves
 * at its deadline or the epoch change, failing the nodes without a certificate (penalties:
 * challenge-penalties.test.ts).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { nodeSeed } from '../../../devnet/contract-runtime/natives/walrus/challenge.js';
import type { NativeContext } from '../../../devnet/ledger/core/natives/native-types.js';
import type { TransactionRecord } from '../../../devnet/ledger/core/types.js';
import { challengeNodeSeed, challengeSample } from '../../../devnet/storage-node/challenge-sample.js';
import {
  aggregate,
  type ChallengeNet,
  certificateMessage,
  challengeEvents,
  challengeNet,
  committeeOrder,
  ok,
  openRound,
  resolveRound,
  type StartOptions,
  startChallenge,
  submitCertificate,
  WINDOW,
} from './challenge-fixture.js';
import type { TestNode } from './staking/walrus-testnet.js';

let cn: ChallengeNet;
/** The committee in bitmap order; weights 4, 3, 2, 1 of 10 shards (a quorum is 7). */
let N: TestNode[];

const at = (module: string, fn: string, code: number) => cn.net.walrusAbort(module, fn, code);
const abortOf = (record: TransactionRecord) => cn.net.abortOf(record);
const eventsOf = (record: TransactionRecord, name: string) => challengeEvents(cn.net, record, name);
const start = (options: StartOptions = {}) => startChallenge(cn.net, options);
const open = (nodes: TestNode[] = []) => openRound(cn.net, { nodes: nodes.map((n) => n.nodeId) });
const submit = (signers: TestNode[], message: Uint8Array, signature?: Uint8Array) =>
  submitCertificate(cn, message, signers, signature);
const resolve = () => resolveRound(cn.net);
const certificate = (epoch: number, round: bigint, node: TestNode) => certificateMessage(epoch, round, node);
const node = (n: TestNode) => ({ bytes: n.nodeId });

beforeEach(async () => {
  cn = await challengeNet();
  N = committeeOrder(cn.net, cn.nodes).sort((a, b) => cn.nodes.indexOf(a) - cn.nodes.indexOf(b));
});

describe('opening a round', () => {
  it('opens with a seed, every member and its shards; the operator only, one round at a time', async () => {
    const create = await cn.net.execute(cn.net.deployer, (tx) => {
      tx.moveCall({
        target: `${cn.net.walrus}::challenge::create`,
        arguments: [cn.net.shared(tx, cn.net.deployment.objects.system)],
      });
    });
    expect(abortOf(create)).toEqual(at('challenge', 'create', 10)); // EAlreadyCreated
    expect(abortOf(await start({ sender: cn.net.accounts[7]! }))).toEqual(
      at('challenge', 'start_challenge', 0), // ENotOperator
    );
    expect(abortOf(await start({ sample: 0 }))).toEqual(at('challenge', 'start_challenge', 9)); // EInvalidSampleSize
    expect(abortOf(await start({ sample: 65 }))).toEqual(at('challenge', 'start_challenge', 9));
    expect(abortOf(await start({ bps: 10_001 }))).toEqual(at('challenge', 'start_challenge', 11)); // EInvalidPenalty
    const record = await ok(start());
    const [started] = eventsOf(record, 'ChallengeStarted');
    expect(started).toMatchObject({ epoch: 2, round: 1n, sample_size: 64 });
    expect(started!.nodes).toEqual(committeeOrder(cn.net, cn.nodes).map(node));
    expect((started!.seed as Uint8Array).length).toBe(32);
    expect(started!.deadline).toBe(cn.net.ledger.now() + WINDOW);
    expect(abortOf(await start())).toEqual(at('challenge', 'start_challenge', 1)); // ERoundOpen
  });

  it('node_seed on chain is the PRF the nodes use to pick their sample', async () => {
    const { seed } = await open();
    const record = await ok(
      cn.net.execute(cn.net.deployer, (tx) => {
        tx.moveCall({
          target: `${cn.net.walrus}::challenge::node_seed`,
          arguments: [tx.pure.vector('u8', seed), tx.pure.address(N[2]!.nodeId)],
        });
      }),
    );
    expect(record.status.success).toBe(true);
    // The native's PRF and the nodes' are one function (blake2b256 needs no context).
    const noContext = {} as NativeContext;
    expect(nodeSeed(noContext, seed, { bytes: N[2]!.nodeId })).toEqual(challengeNodeSeed(seed, N[2]!.nodeId));
    // The sample is a deterministic function of the seed and the node, and differs between nodes.
    const blobs = Array.from({ length: 200 }, (_, i) => BigInt(i) * 7919n + 1n);
    const a = challengeSample(seed, N[0]!.nodeId, blobs, 64);
    expect(a).toHaveLength(64);
    expect(new Set(a).size).toBe(64);
    expect(challengeSample(seed, N[0]!.nodeId, [...blobs].reverse(), 64)).toEqual(a);
    expect(challengeSample(seed, N[1]!.nodeId, blobs, 64)).not.toEqual(a);
    expect(challengeSample(seed, N[0]!.nodeId, blobs.slice(0, 5), 64)).toHaveLength(5);
    expect(challengeNodeSeed(seed, N[0]!.nodeId)).not.toEqual(challengeNodeSeed(seed, N[1]!.nodeId));
  });
});

describe('certificates', () => {
  it('a quorum certificate passes its node once and records the signers weight', async () => {
    const { round, epoch } = await open();
    const record = await ok(submit([N[0]!, N[1]!, N[3]!], certificate(epoch, round, N[3]!)));
    expect(eventsOf(record, 'ChallengePassed')).toEqual([
      { epoch, round, node_id: node(N[3]!), signers_weight: 8 },
    ]);
    expect(abortOf(await submit([N[0]!, N[1]!, N[3]!], certificate(epoch, round, N[3]!)))).toEqual(
      at('challenge', 'submit_challenge_certificate', 5), // EAlreadyPassed
    );
  });

  it('refuses a forged certificate and one with too little weight', async () => {
    const { round, epoch } = await open();
    const message = certificate(epoch, round, N[0]!);
    const verify = (code: number) => at('bls_aggregate', 'verify_certificate_and_weight', code);
    // Signed over another node's message: the aggregate does not verify on this one.
    const forged = aggregate([N[0]!, N[1]!, N[2]!], certificate(epoch, round, N[1]!));
    expect(abortOf(await submit([N[0]!, N[1]!, N[2]!], message, forged))).toEqual(verify(1)); // ESigVerification
    // The bitmap claims a signer who did not sign.
    const partial = aggregate([N[0]!, N[1]!], message);
    expect(abortOf(await submit([N[0]!, N[1]!, N[2]!], message, partial))).toEqual(verify(1));
    // 6 of 10 shards: below 2f+1.
    expect(abortOf(await submit([N[1]!, N[2]!, N[3]!], message))).toEqual(verify(2)); // ENotEnoughStake
    // A blob certificate signed by a quorum is no challenge certificate.
    const blobCert = Uint8Array.from([1, ...message.slice(1)]);
    expect(abortOf(await submit([N[0]!, N[1]!, N[2]!], blobCert))).toEqual(
      at('challenge', 'submit_challenge_certificate', 8), // EInvalidMsgType
    );
  });

  it('refuses a certificate replayed from an earlier round, and one for a node outside the round', async () => {
    const first = await open([N[0]!]);
    const old = certificate(first.epoch, first.round, N[0]!);
    cn.net.advanceClock(WINDOW + 1n);
    await ok(resolve());
    const second = await open([N[0]!]);
    expect(second.round).toBe(2n);
    expect(abortOf(await submit([N[0]!, N[1]!, N[2]!], old))).toEqual(
      at('challenge', 'submit_challenge_certificate', 3),
    ); // EWrongRound
    expect(
      abortOf(await submit([N[0]!, N[1]!, N[2]!], certificate(second.epoch, second.round, N[1]!))),
    ).toEqual(
      at('challenge', 'submit_challenge_certificate', 4), // ENotChallenged
    );
    await ok(submit([N[0]!, N[1]!, N[2]!], certificate(second.epoch, second.round, N[0]!)));
  });

  it('refuses a certificate after the deadline, and one after the epoch change', async () => {
    const { round, epoch } = await open();
    cn.net.advanceClock(WINDOW + 1n);
    expect(abortOf(await submit([N[0]!, N[1]!, N[2]!], certificate(epoch, round, N[0]!)))).toEqual(
      at('challenge', 'submit_challenge_certificate', 6), // EDeadlinePassed
    );
    await ok(resolve());
    const next = await open();
    await cn.net.nextEpoch(cn.nodes);
    // Signed for the round's epoch: the new committee's epoch check refuses it first.
    expect(abortOf(await submit([N[0]!, N[1]!, N[2]!], certificate(next.epoch, next.round, N[0]!)))).toEqual(
      at('messages', 'new_certified_message', 1), // EIncorrectEpoch
    );
    // Signed for the new epoch: the round belongs to the old one.
    expect(
      abortOf(await submit([N[0]!, N[1]!, N[2]!], certificate(next.epoch + 1, next.round, N[0]!))),
    ).toEqual(at('challenge', 'submit_challenge_certificate', 6));
  });
});

describe('resolving', () => {
  it('waits for the deadline, then fails every node without a certificate (or at the epoch change)', async () => {
    const { round, epoch } = await open();
    await ok(submit([N[0]!, N[1]!, N[2]!], certificate(epoch, round, N[0]!)));
    await ok(submit([N[0]!, N[2]!, N[3]!], certificate(epoch, round, N[2]!)));
    expect(abortOf(await resolve())).toEqual(at('challenge', 'resolve_challenge', 7)); // EDeadlineNotReached
    cn.net.advanceClock(WINDOW + 1n);
    const record = await ok(resolve());
    expect(eventsOf(record, 'ChallengeFailed')).toEqual(
      committeeOrder(cn.net, cn.nodes)
        .filter((n) => n === N[1] || n === N[3])
        .map((n) => ({ epoch, round, node_id: node(n), shards: n === N[1] ? 3 : 1 })),
    );
    expect(abortOf(await resolve())).toEqual(at('challenge', 'resolve_challenge', 2)); // ENoRound

    const next = await open([N[1]!]);
    expect(next.round).toBe(round + 1n);
    await cn.net.nextEpoch(cn.nodes);
    expect(eventsOf(await ok(resolve()), 'ChallengeFailed')).toHaveLength(1);
  });
});
