/**
 * `walrus::challenge` (a devnet extension) on a real ledger: rounds open by the operator only, with
 * a seed; certificates are checked like blob certificates and refused when forged, under quorum,
 * replayed from an earlier round, for a node outside the round, or late; the round resolves at its
 * deadline or the epoch change, failing the nodes without a certificate.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { nodeSeed } from '../../../devnet/contract-runtime/natives/walrus/challenge.js';
import { Ledger } from '../../../devnet/ledger/core/ledger.js';
import { CLOCK_ID } from '../../../devnet/ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../devnet/ledger/core/natives/native-types.js';
import type { TransactionRecord } from '../../../devnet/ledger/core/types.js';
import {
  challengeMessage,
  challengeNodeSeed,
  challengeSample,
  challengeSampleDigest,
} from '../../../devnet/storage-node/challenge-sample.js';
import {
  ADDRESSES,
  advance,
  aggregateSignature,
  bitmapOf,
  deploy,
  expectSuccess,
  objectArg,
  run,
  type TestEnv,
  testLedgerModules,
  testSender,
} from './natives-fixture.js';

const W = ADDRESSES.walrus;
/** The fixture's committee: node ids 0x1..0x4 with 3, 3, 2, 2 shards. */
const NODE = (i: number) => normalizeSuiAddress(`0x${(i + 1).toString(16)}`);
const WINDOW = 60_000n;

let ledger: Ledger;
let env: TestEnv;

function abortOf(record: TransactionRecord) {
  if (record.status.success) throw new Error('expected an abort');
  const a = record.status.abort;
  return a && { module: a.module, function: a.function, code: Number(a.code) };
}
const at = (module: string, fn: string, code: number) => ({ module, function: fn, code });

function eventsOf(record: TransactionRecord, name: string) {
  return record.events
    .filter((e) => e.type === `${W}::challenge::${name}`)
    .map((e) => ledger.layouts.decode(e.type, e.contents) as Record<string, unknown>);
}

const create = (sender = env.address) =>
  run(ledger, sender, (tx) => {
    tx.moveCall({ target: `${W}::challenge::create`, arguments: [objectArg(ledger, tx, env.systemId)] });
  });

const start = (nodes: string[] = [], sample = 64, sender = env.address) =>
  run(ledger, sender, (tx) => {
    tx.moveCall({
      target: `${W}::challenge::start_challenge`,
      arguments: [
        objectArg(ledger, tx, env.systemId),
        tx.pure.vector('address', nodes),
        tx.pure.u16(sample),
        tx.pure.u64(WINDOW),
        objectArg(ledger, tx, CLOCK_ID, true),
      ],
    });
  });

const submit = (signers: number[], message: Uint8Array, signature?: Uint8Array) =>
  run(ledger, env.address, (tx) => {
    tx.moveCall({
      target: `${W}::challenge::submit_challenge_certificate`,
      arguments: [
        objectArg(ledger, tx, env.systemId),
        tx.pure.vector('u8', signature ?? aggregateSignature(env.nodes, signers, message)),
        tx.pure.vector('u8', bitmapOf(signers, env.nodes.length)),
        tx.pure.vector('u8', message),
        objectArg(ledger, tx, CLOCK_ID, true),
      ],
    });
  });

const resolve = () =>
  run(ledger, env.address, (tx) => {
    tx.moveCall({
      target: `${W}::challenge::resolve_challenge`,
      arguments: [objectArg(ledger, tx, env.systemId), objectArg(ledger, tx, CLOCK_ID, true)],
    });
  });

/** Opens a round and returns its number, epoch and seed from `ChallengeStarted`. */
async function open(nodes: string[] = []) {
  const started = eventsOf(expectSuccess(await start(nodes)), 'ChallengeStarted')[0]!;
  return { round: started.round as bigint, epoch: started.epoch as number, seed: started.seed as Uint8Array };
}

const certificate = (epoch: number, round: bigint, node: string) =>
  challengeMessage(epoch, round, node, challengeSampleDigest([1n, 2n]));

beforeEach(async () => {
  const sender = testSender();
  ledger = new Ledger({
    clock: 'manual',
    genesisAccounts: [
      { address: sender.toSuiAddress(), balance: 1_000_000n * 1_000_000_000n },
      { address: testSender(9).toSuiAddress(), balance: 1_000_000n * 1_000_000_000n },
    ],
    modules: testLedgerModules(),
  });
  env = await deploy(ledger, sender);
  expectSuccess(await create());
});

describe('opening a round', () => {
  it('opens with a seed, every member and its shards; the operator only, one round at a time', async () => {
    expect(abortOf(await create())).toEqual(at('challenge', 'create', 10)); // EAlreadyCreated
    expect(abortOf(await start([], 64, testSender(9).toSuiAddress()))).toEqual(
      at('challenge', 'start_challenge', 0), // ENotOperator
    );
    expect(abortOf(await start([], 0))).toEqual(at('challenge', 'start_challenge', 9)); // EInvalidSampleSize
    expect(abortOf(await start([], 65))).toEqual(at('challenge', 'start_challenge', 9));
    const record = expectSuccess(await start());
    const [started] = eventsOf(record, 'ChallengeStarted');
    expect(started).toMatchObject({ epoch: 1, round: 1n, sample_size: 64 });
    expect(started!.nodes).toEqual([0, 1, 2, 3].map((i) => ({ bytes: NODE(i) })));
    expect((started!.seed as Uint8Array).length).toBe(32);
    expect(started!.deadline).toBe(ledger.now() + WINDOW);
    expect(abortOf(await start())).toEqual(at('challenge', 'start_challenge', 1)); // ERoundOpen
  });

  it('node_seed on chain is the PRF the nodes use to pick their sample', async () => {
    const { seed } = await open();
    const record = expectSuccess(
      await run(ledger, env.address, (tx) => {
        tx.moveCall({
          target: `${W}::challenge::node_seed`,
          arguments: [tx.pure.vector('u8', seed), tx.pure.address(NODE(2))],
        });
      }),
    );
    expect(record.status.success).toBe(true);
    // The native's PRF and the nodes' are one function (blake2b256 needs no context).
    const noContext = {} as NativeContext;
    expect(nodeSeed(noContext, seed, { bytes: NODE(2) })).toEqual(challengeNodeSeed(seed, NODE(2)));
    // The sample is a deterministic function of the seed and the node, and differs between nodes.
    const blobs = Array.from({ length: 200 }, (_, i) => BigInt(i) * 7919n + 1n);
    const a = challengeSample(seed, NODE(0), blobs, 64);
    expect(a).toHaveLength(64);
    expect(new Set(a).size).toBe(64);
    expect(challengeSample(seed, NODE(0), [...blobs].reverse(), 64)).toEqual(a);
    expect(challengeSample(seed, NODE(1), blobs, 64)).not.toEqual(a);
    expect(challengeSample(seed, NODE(0), blobs.slice(0, 5), 64)).toHaveLength(5);
    expect(challengeNodeSeed(seed, NODE(0))).not.toEqual(challengeNodeSeed(seed, NODE(1)));
  });
});

describe('certificates', () => {
  it('a quorum certificate passes its node once and records the signers weight', async () => {
    const { round, epoch } = await open();
    const record = expectSuccess(await submit([0, 1, 2], certificate(epoch, round, NODE(3))));
    expect(eventsOf(record, 'ChallengePassed')).toEqual([
      { epoch, round, node_id: { bytes: NODE(3) }, signers_weight: 8 },
    ]);
    expect(abortOf(await submit([0, 1, 2], certificate(epoch, round, NODE(3))))).toEqual(
      at('challenge', 'submit_challenge_certificate', 5), // EAlreadyPassed
    );
  });

  it('refuses a forged certificate and one with too little weight', async () => {
    const { round, epoch } = await open();
    const message = certificate(epoch, round, NODE(0));
    const verify = (code: number) => at('bls_aggregate', 'verify_certificate_and_weight', code);
    // Signed over another node's message: the aggregate does not verify on this one.
    const forged = aggregateSignature(env.nodes, [0, 1, 2], certificate(epoch, round, NODE(1)));
    expect(abortOf(await submit([0, 1, 2], message, forged))).toEqual(verify(1)); // ESigVerification
    // The bitmap claims a signer who did not sign.
    const partial = aggregateSignature(env.nodes, [0, 1], message);
    expect(abortOf(await submit([0, 1, 2], message, partial))).toEqual(verify(1));
    // 6 of 10 shards: below 2f+1.
    expect(abortOf(await submit([0, 1], message))).toEqual(verify(2)); // ENotEnoughStake
    // A blob certificate signed by a quorum is no challenge certificate.
    const blobCert = Uint8Array.from([1, ...message.slice(1)]);
    expect(abortOf(await submit([0, 1, 2], blobCert))).toEqual(
      at('challenge', 'submit_challenge_certificate', 8), // EInvalidMsgType
    );
  });

  it('refuses a certificate replayed from an earlier round, and one for a node outside the round', async () => {
    const first = await open([NODE(0)]);
    const old = certificate(first.epoch, first.round, NODE(0));
    ledger.advanceClock(WINDOW + 1n);
    expectSuccess(await resolve());
    const second = await open([NODE(0)]);
    expect(second.round).toBe(2n);
    expect(abortOf(await submit([0, 1, 2], old))).toEqual(at('challenge', 'submit_challenge_certificate', 3)); // EWrongRound
    expect(abortOf(await submit([0, 1, 2], certificate(second.epoch, second.round, NODE(1))))).toEqual(
      at('challenge', 'submit_challenge_certificate', 4), // ENotChallenged
    );
    expectSuccess(await submit([0, 1, 2], certificate(second.epoch, second.round, NODE(0))));
  });

  it('refuses a certificate after the deadline, and one after the epoch change', async () => {
    const { round, epoch } = await open();
    ledger.advanceClock(WINDOW + 1n);
    expect(abortOf(await submit([0, 1, 2], certificate(epoch, round, NODE(0))))).toEqual(
      at('challenge', 'submit_challenge_certificate', 6), // EDeadlinePassed
    );
    expectSuccess(await resolve());
    const next = await open();
    await advance(env);
    // Signed for the round's epoch: the new committee's epoch check refuses it first.
    expect(abortOf(await submit([0, 1, 2], certificate(next.epoch, next.round, NODE(0))))).toEqual(
      at('messages', 'new_certified_message', 1), // EIncorrectEpoch
    );
    // Signed for the new epoch: the round belongs to the old one.
    expect(abortOf(await submit([0, 1, 2], certificate(next.epoch + 1, next.round, NODE(0))))).toEqual(
      at('challenge', 'submit_challenge_certificate', 6),
    );
  });
});

describe('resolving', () => {
  it('waits for the deadline, then fails every node without a certificate (or at the epoch change)', async () => {
    const { round, epoch } = await open();
    expectSuccess(await submit([0, 1, 2], certificate(epoch, round, NODE(0))));
    expectSuccess(await submit([1, 2, 3], certificate(epoch, round, NODE(2))));
    expect(abortOf(await resolve())).toEqual(at('challenge', 'resolve_challenge', 7)); // EDeadlineNotReached
    ledger.advanceClock(WINDOW + 1n);
    const record = expectSuccess(await resolve());
    expect(eventsOf(record, 'ChallengeFailed')).toEqual([
      { epoch, round, node_id: { bytes: NODE(1) }, shards: 3 },
      { epoch, round, node_id: { bytes: NODE(3) }, shards: 2 },
    ]);
    expect(abortOf(await resolve())).toEqual(at('challenge', 'resolve_challenge', 2)); // ENoRound

    const next = await open([NODE(1)]);
    expect(next.round).toBe(round + 1n);
    await advance(env);
    expect(eventsOf(expectSuccess(await resolve()), 'ChallengeFailed')).toHaveLength(1);
  });
});
