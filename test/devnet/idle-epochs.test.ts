/**
 * Issue 9 item 1, in process: a devnet left idle for more than an epoch keeps changing epochs on time (the chain
 * clock follows the wall clock, the epoch driver acts on it), and the next write goes through the unmodified
 * `WalrusClient`. Nothing here sends a transaction between the two writes; the test waits on the chain's state,
 * never on a fixed delay.
 */
import { bcs } from '@mysten/sui/bcs';
import { RetryableWalrusClientError, type WalrusClient } from '@mysten/walrus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/start-devnet.js';
import {
  ownedBlobObjects,
  randomBlob,
  sameBytes,
  startTestDevnet,
  walBalance,
  walrusClientFor,
  writeBlobWithSdkRetry,
} from './helpers.js';

/** Short epochs, driven by the devnet itself. */
const EPOCH_MS = 4000;

let devnet: Devnet;
beforeAll(async () => {
  devnet = await startTestDevnet({ autoEpochs: true, epochDurationMs: EPOCH_MS });
});
afterAll(async () => {
  await devnet?.stop();
});

type StakingState = Awaited<ReturnType<WalrusClient['stakingState']>>;

/** Polls the chain (reads only) until `done(state)`; fails after `limitMs` of chain inactivity on that front. */
async function waitForState(done: (state: StakingState) => boolean, limitMs: number): Promise<StakingState> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const state = await walrusClientFor(devnet).stakingState();
    if (done(state)) return state;
    if (Date.now() > deadline) {
      throw new Error(
        `the chain did not reach the state in ${limitMs} ms (epoch ${state.epoch}, ${state.epoch_state.$kind})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Senders of every transaction after checkpoint `from`. */
function sendersSince(from: bigint): Set<string> {
  const { state } = devnet.ledger.ledger;
  const senders = new Set<string>();
  for (const checkpoint of state.checkpoints().slice(Number(from) + 1)) {
    for (const digest of checkpoint.transactions) {
      const record = state.transaction(digest);
      if (record) senders.add(bcs.TransactionData.parse(record.transactionBcs).V1!.sender);
    }
  }
  return senders;
}

describe('an idle devnet', () => {
  it('changes epochs on time with no user traffic, and the next write succeeds', async () => {
    const user = devnet.signers[1]!;
    // Setup, right after boot (the first write also loads the encoder): with the SDK's documented retry.
    const first = await writeBlobWithSdkRetry(devnet.walrusClient, {
      blob: randomBlob(1024),
      deletable: false,
      epochs: 10,
      signer: user,
    });
    const idleFrom = devnet.ledger.ledger.state.latestCheckpoint()!.sequenceNumber;
    const start = await walrusClientFor(devnet).stakingState();

    // Two epoch changes with nobody transacting but the network itself, each at its due time: wait until the
    // epoch moved by 2 and its change is done, early in the epoch (so the write below has most of it).
    const idle = await waitForState(
      (s) => s.epoch >= start.epoch + 2 && s.epoch_state.$kind === 'EpochChangeDone',
      10 * EPOCH_MS,
    );
    // The epoch driver sends as node 0's operator; each node signals its own shard sync.
    const network = new Set(devnet.nodes.map((n) => n.operator.toSuiAddress()));
    expect([...sendersSince(idleFrom)].filter((s) => !network.has(s))).toEqual([]);
    // The chain's clock kept pace: the Clock object is within a commit interval of the wall clock.
    const clock = await devnet.suiClient.core.getObject({ objectId: '0x6', include: { json: true } });
    const clockMs = Number((clock.object.json as { timestamp_ms: string }).timestamp_ms);
    expect(clockMs).toBeGreaterThanOrEqual(Number(idle.epoch_state.EpochChangeDone));

    // A client that reads the chain now (as every CLI command does) writes at once.
    const fresh = walrusClientFor(devnet);
    const second = await fresh.writeBlob({
      blob: randomBlob(1024),
      deletable: false,
      epochs: 10,
      signer: user,
    });
    expect(second.blobObject.certified_epoch).toBeGreaterThanOrEqual(idle.epoch);

    // The long-lived client still holds the committee of the first write's epoch: the nodes sign for the current
    // epoch, so the SDK refuses the confirmations with its RetryableWalrusClientError, and its documented
    // reset-and-retry path succeeds.
    const blob = randomBlob(1024);
    const stale = await devnet.walrusClient
      .writeBlob({ blob, deletable: false, epochs: 10, signer: user })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(stale).toBeInstanceOf(RetryableWalrusClientError);
    devnet.walrusClient.reset();
    const third = await devnet.walrusClient.writeBlob({ blob, deletable: false, epochs: 10, signer: user });
    expect(sameBytes(await fresh.readBlob({ blobId: third.blobId }), blob)).toBe(true);
    expect(await fresh.readBlob({ blobId: first.blobId })).toHaveLength(1024);
  });

  it("the SDK's reset-and-retry resumes a write whose client read the committee before an epoch change: registered and paid once", async () => {
    const user = devnet.signers[2]!;
    const client = walrusClientFor(devnet);
    await client.stakingState(); // the client now holds this epoch's committee
    await devnet.advanceEpoch();
    const blob = randomBlob(4096);
    const before = await walBalance(devnet, user.toSuiAddress());
    const cost = await walrusClientFor(devnet).storageCost(blob.length, 3);
    const steps: string[] = [];
    const written = await writeBlobWithSdkRetry(client, {
      blob,
      deletable: true,
      epochs: 3,
      signer: user,
      onStep: (step) => {
        steps.push(step.step);
      },
    });
    // Registered once, then the SDK refused the new epoch's confirmations; the retry resumed from the registration.
    expect(steps.filter((s) => s === 'registered')).toHaveLength(1);
    expect(before - (await walBalance(devnet, user.toSuiAddress()))).toBe(cost.totalCost);
    const mine = (await ownedBlobObjects(devnet, user.toSuiAddress())).filter(
      (b) => b.id === written.blobObject.id,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.certified_epoch).not.toBeNull();
    expect(sameBytes(await walrusClientFor(devnet).readBlob({ blobId: written.blobId }), blob)).toBe(true);
  });
});
