/**
 * Issue 5: blobs that no longer need storing leave every node's disk. A deletable blob deleted with
 * `executeDeleteBlobTransaction`, and a blob stored for one epoch once the devnet moved past its end epoch, are
 * gone from each node's store (its `stats()` and its directory `<stateDir>/nodes/<name>/store/blobs/<id>`), also
 * on a node that was down when it happened. What must stay, stays: another Blob object of the same blob id, and
 * an extended blob until its new end.
 *
 * The nodes handle a chain change asynchronously after the transaction that made it returns (and `idle()` does
 * not wait for that), so each check polls (observed: gone some 60–70 ms after the transaction or the epoch
 * change returned; the limit is 10 s).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DevnetNode } from '../../devnet/index.js';
import type { Devnet } from '../../devnet/start-devnet.js';
import {
  blobDirOnNode,
  currentEpoch,
  randomBlob,
  readWithRetries,
  sameBytes,
  settle,
  startTestDevnet,
  walrusClientFor,
} from './helpers.js';

let devnet: Devnet;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'walrus-devnet-gc-'));
  devnet = await startTestDevnet({ stateDir, fsync: false });
});
afterAll(async () => {
  await devnet?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const n of devnet.nodes) if (n.node.status !== 'started') await n.start();
  await settle(devnet);
});

const user = () => devnet.signers[2]!;

/** Whether each node (in order) has the blob's directory on disk. */
function onDisk(blobId: string): boolean[] {
  return devnet.nodes.map((n) => existsSync(blobDirOnNode(stateDir, n, blobId)));
}

/** Waits (up to 10 s; it takes some 60 ms) until no node has the blob on disk, nor counts it in `stats()`. */
async function expectGoneEverywhere(blobId: string, blobsBefore: number[]): Promise<void> {
  await vi.waitFor(
    async () => {
      expect(onDisk(blobId)).toEqual(devnet.nodes.map(() => false));
      const stats = await Promise.all(devnet.nodes.map((n) => n.node.stats()));
      expect(stats.map((s) => s.blobs)).toEqual(blobsBefore.map((b) => b - 1));
    },
    { timeout: 10_000, interval: 50 },
  );
}

async function blobCounts(): Promise<number[]> {
  return Promise.all(devnet.nodes.map(async (n) => (await n.node.stats()).blobs));
}

/** Writes `blob` for `epochs`, paid by the user. */
function write(blob: Uint8Array, epochs: number, deletable: boolean) {
  return devnet.walrusClient.writeBlob({ blob, deletable, epochs, signer: user() });
}

/** Deletes one of the user's deletable Blob objects. */
function deleteBlobObject(blobObjectId: string) {
  return devnet.walrusClient.executeDeleteBlobTransaction({ signer: user(), blobObjectId });
}

/**
 * Stops `down`, runs `whileDown` (what makes the blob garbage) and an epoch change, checks that `down` still has the
 * blob on disk; then starts it and waits until the blob is gone from every node.
 */
async function expectDroppedWhenBack(
  down: DevnetNode,
  blobId: string,
  blobsBefore: number[],
  whileDown: () => Promise<unknown>,
): Promise<void> {
  await down.stop();
  await whileDown();
  await devnet.advanceEpoch();
  expect(existsSync(blobDirOnNode(stateDir, down, blobId))).toBe(true);

  await down.start();
  await expectGoneEverywhere(blobId, blobsBefore);
}

async function storeOnAllNodes(size: number, epochs: number, deletable: boolean) {
  const stored = await write(randomBlob(size), epochs, deletable);
  // Uploaded to all four nodes (each confirms only once it holds every sliver of its shards).
  await settle(devnet);
  expect(onDisk(stored.blobId)).toEqual([true, true, true, true]);
  return stored;
}

describe('a deleted blob', () => {
  it('is gone from every node after the delete, and stays gone after the next epoch', async () => {
    const keeper = await storeOnAllNodes(5000, 20, false);
    const doomed = await storeOnAllNodes(20_000, 20, true);
    const before = await blobCounts();

    await deleteBlobObject(doomed.blobObject.id);
    await expectGoneEverywhere(doomed.blobId, before);

    await devnet.advanceEpoch();
    await settle(devnet);
    expect(onDisk(doomed.blobId)).toEqual([false, false, false, false]);
    expect(await blobCounts()).toEqual(before.map((b) => b - 1));
    // The nodes did not take anything else with it.
    expect(onDisk(keeper.blobId)).toEqual([true, true, true, true]);
  });

  it('is dropped by a node that was down during the delete, when it comes back', async () => {
    const doomed = await storeOnAllNodes(20_000, 20, true);
    const before = await blobCounts();
    await expectDroppedWhenBack(devnet.nodes[1]!, doomed.blobId, before, () =>
      deleteBlobObject(doomed.blobObject.id),
    );
  });

  it('stays stored while another Blob object of the same blob id lives', async () => {
    const bytes = randomBlob(30_000);
    const permanent = await write(bytes, 20, false);
    const deletable = await write(bytes, 20, true);
    expect(deletable.blobId).toBe(permanent.blobId);
    await settle(devnet);
    const before = await blobCounts();

    await deleteBlobObject(deletable.blobObject.id);
    await devnet.advanceEpoch();
    await settle(devnet);
    expect(onDisk(permanent.blobId)).toEqual([true, true, true, true]);
    expect(await blobCounts()).toEqual(before);
    const { bytes: read } = await readWithRetries(walrusClientFor(devnet), permanent.blobId);
    expect(sameBytes(read, bytes)).toBe(true);
  });
});

describe('an expired blob', () => {
  it('stored for 1 epoch, is gone from every node once the devnet is past its end epoch', async () => {
    const keeper = await storeOnAllNodes(5000, 20, false);
    const expiring = await storeOnAllNodes(20_000, 1, false);
    const epoch = await currentEpoch(devnet);
    expect(expiring.blobObject.storage.end_epoch).toBe(epoch + 1);
    const before = await blobCounts();

    expect(await devnet.advanceEpoch()).toBe(epoch + 1);
    await expectGoneEverywhere(expiring.blobId, before);
    expect(onDisk(keeper.blobId)).toEqual([true, true, true, true]);
  });

  it('is dropped by a node that was down when it expired, when it comes back', async () => {
    const expiring = await storeOnAllNodes(20_000, 1, false);
    const before = await blobCounts();
    await expectDroppedWhenBack(devnet.nodes[3]!, expiring.blobId, before, async () => {});
  });

  it('extended, stays until its new end epoch', async () => {
    const bytes = randomBlob(20_000);
    const stored = await write(bytes, 1, false);
    await devnet.walrusClient.executeExtendBlobTransaction({
      signer: user(),
      blobObjectId: stored.blobObject.id,
      epochs: 1,
    });
    await settle(devnet);
    const before = await blobCounts();

    await devnet.advanceEpoch();
    await settle(devnet);
    expect(onDisk(stored.blobId)).toEqual([true, true, true, true]);
    const { bytes: read } = await readWithRetries(walrusClientFor(devnet), stored.blobId);
    expect(sameBytes(read, bytes)).toBe(true);

    await devnet.advanceEpoch();
    await expectGoneEverywhere(stored.blobId, before);
  });
});
