/**
 * What users of the unmodified WalrusClient see when storage nodes fail, on the default devnet topology
 * (src/config/defaults.ts: 11 nodes of 9–10 shards, 100 shards; f = 33: a write needs 67 confirmed shards, a read
 * 34 slivers).
 *
 * - f shards' worth of nodes stopped (3 nodes): every read and write succeeds, with no retry; the nodes catch up
 *   when they come back.
 * - more than f shards' worth stopped: a write fails with NotEnoughBlobConfirmationsError and leaves only a
 *   registered, uncertified Blob object.
 * - one node serving corrupted slivers: the SDK never returns wrong bytes (it may refuse a read with
 *   InconsistentBlobError: it does not drop bad slivers); the CLI's read (src/blob/verified-read.ts) refuses the
 *   node's slivers by their hash and always returns the right bytes.
 * - a wiped node recovers every sliver of its shards in one recovery pass, byte for byte.
 *
 * Every test leaves all nodes started and fault-free (afterEach), so they do not depend on their order.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BlobNotCertifiedError,
  NotEnoughBlobConfirmationsError,
  type WalrusClient,
  type WriteBlobStep,
} from '@mysten/walrus';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet, DevnetNode } from '../../devnet/start-devnet.js';
import type { ReadNode } from '../../src/blob/read-committee.js';
import { readVerified } from '../../src/blob/verified-read.js';
import { DEFAULTS } from '../../src/config/defaults.js';
import {
  blobDirOnNode,
  currentEpoch,
  liveCertifiedBlobIds,
  MiB,
  ownedBlobObjects,
  randomBlob,
  readRepeatedly,
  sameBytes,
  settle,
  shardsByNode,
  startTestDevnet,
  walrusClientFor,
} from './helpers.js';

let devnet: Devnet;
/**
 * The unmodified WalrusClient, built from the devnet's ids as an application connecting to it does. Not
 * `devnet.walrusClient`: the epoch driver shares that one and leaves it caching an `EpochChangeSync` staking
 * state (see the last test).
 */
let client: WalrusClient;
let stateDir: string;
/** Node log lines (recovery results and failures). */
const logLines: string[] = [];

beforeAll(async () => {
  // A state directory of our own, so the test knows where each node keeps its files.
  stateDir = mkdtempSync(join(tmpdir(), 'walrus-devnet-faults-'));
  devnet = await startTestDevnet({
    nodes: DEFAULTS.devnet.nodes,
    stateDir,
    fsync: false,
    log: (line) => logLines.push(line),
  });
  client = walrusClientFor(devnet);
});
afterAll(async () => {
  await devnet?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const n of devnet.nodes) {
    if (n.node.status !== 'started') await n.start();
    await n.node.setFaults({ corruptSlivers: false, slowMs: 0, refuseWrites: false });
  }
  await settle(devnet);
}, 180_000);

const user = () => devnet.signers[0]!;

/** `f`: the most shards that may fail (walrus-protocol.md §1). */
const f = () => Math.floor((devnet.descriptor.nShards! - 1) / 3);

/**
 * The most nodes whose shards add up to at most `maxShards` (smallest first), or, with `over`, the fewest whose
 * shards add up to more than `maxShards`.
 */
async function nodesWorth(maxShards: number, over = false): Promise<{ nodes: DevnetNode[]; shards: number }> {
  const shards = await shardsByNode(devnet);
  const sorted = [...devnet.nodes].sort(
    (a, b) => shards.get(a.nodeId)!.length - shards.get(b.nodeId)!.length,
  );
  const picked: DevnetNode[] = [];
  let total = 0;
  for (const node of sorted) {
    const next = total + shards.get(node.nodeId)!.length;
    if (!over && next > maxShards) break;
    picked.push(node);
    total = next;
    if (over && total > maxShards) break;
  }
  return { nodes: picked, shards: total };
}

/** The committee as the CLI's read sees it: every node with its URL and shards. */
async function readNodes(): Promise<ReadNode[]> {
  const shards = await shardsByNode(devnet);
  return devnet.nodes.map((n) => ({
    nodeId: n.nodeId,
    name: n.name,
    url: n.url,
    shards: shards.get(n.nodeId)!,
  }));
}

/** Slivers (primary + secondary) a node must hold: 2 per shard per live certified blob. */
async function expectedSlivers(
  node: DevnetNode,
): Promise<{ blobs: number; slivers: number; shards: number }> {
  const blobs = (await liveCertifiedBlobIds(devnet, await currentEpoch(devnet))).size;
  const shards = (await shardsByNode(devnet)).get(node.nodeId)!.length;
  return { blobs, slivers: 2 * shards * blobs, shards };
}

/** SHA-256 of every file in a node's store (relative path → digest). */
function storeDigests(node: DevnetNode): Map<string, string> {
  const root = join(stateDir, 'nodes', node.name, 'store', 'blobs');
  const digests = new Map<string, string>();
  for (const blob of readdirSync(root)) {
    for (const file of readdirSync(join(root, blob))) {
      const bytes = readFileSync(join(root, blob, file));
      digests.set(`${blob}/${file}`, createHash('sha256').update(bytes).digest('hex'));
    }
  }
  return digests;
}

describe("f shards' worth of nodes stopped", () => {
  // About a minute on an idle 2-core machine; the room is for a shared one.
  it('50 of 50 reads and 10 of 10 writes succeed with no retry; the nodes catch up when they come back', {
    timeout: 400_000,
  }, async () => {
    const before = randomBlob(64 * 1024);
    const stored = await client.writeBlob({ blob: before, deletable: false, epochs: 3, signer: user() });
    const down = await nodesWorth(f());
    expect(down.nodes.length).toBeGreaterThanOrEqual(3);
    for (const n of down.nodes) await n.stop();
    console.info(`[f down] stopped ${down.nodes.map((n) => n.name).join(', ')} (${down.shards} shards)`);

    // Every call, not a retried one: with more than 10 nodes the SDK's metadata fallback works.
    for (let i = 0; i < 50; i++) {
      expect(sameBytes(await client.readBlob({ blobId: stored.blobId }), before)).toBe(true);
    }
    const written: Array<{ blobId: string; bytes: Uint8Array }> = [];
    for (let i = 0; i < 10; i++) {
      const bytes = randomBlob(10_000 + i);
      const result = await client.writeBlob({ blob: bytes, deletable: true, epochs: 3, signer: user() });
      expect(result.blobObject.certified_epoch).not.toBeNull();
      written.push({ blobId: result.blobId, bytes });
    }
    for (const { blobId, bytes } of written) {
      expect(sameBytes(await client.readBlob({ blobId }), bytes)).toBe(true);
    }

    // Back up, they recover the slivers of the blobs written while they were away.
    for (const n of down.nodes) await n.start();
    await settle(devnet);
    for (const n of down.nodes) {
      const expected = await expectedSlivers(n);
      const stats = await n.node.stats();
      expect(stats.blobs).toBe(expected.blobs);
      expect(stats.slivers).toBe(expected.slivers);
    }
  });
});

describe("more than f shards' worth of nodes stopped", () => {
  it('a write fails with NotEnoughBlobConfirmationsError and nothing is certified', async () => {
    const owner = user().toSuiAddress();
    const down = await nodesWorth(f(), true);
    for (const n of down.nodes) await n.stop();
    let registered: { blobId: string; blobObjectId: string } | undefined;
    const write = client.writeBlob({
      blob: randomBlob(10_000),
      deletable: true,
      epochs: 2,
      signer: user(),
      onStep: (step: WriteBlobStep) => {
        if (step.step === 'registered') registered = { blobId: step.blobId, blobObjectId: step.blobObjectId };
      },
    });
    await expect(write).rejects.toThrow(NotEnoughBlobConfirmationsError);
    await expect(write).rejects.toThrow(/Too many failures while writing blob .* to nodes/);

    // It got as far as registering (and paying for) the Blob object, which stays uncertified.
    expect(registered).toBeDefined();
    const object = await client.getBlobObject(registered!.blobObjectId);
    expect(object.certified_epoch).toBeNull();
    const sameId = (await ownedBlobObjects(devnet, owner)).filter(
      (b) => b.id === registered!.blobObjectId || b.blob_id === object.blob_id,
    );
    expect(sameId).toHaveLength(1);
    expect(sameId[0]!.certified_epoch).toBeNull();

    // With every node back, the nodes agree it is registered and not certified, and it cannot be read.
    for (const n of down.nodes) await n.start();
    await settle(devnet);
    expect(await client.getVerifiedBlobStatus({ blobId: registered!.blobId })).toEqual({
      type: 'deletable',
      initialCertifiedEpoch: null,
      deletableCounts: { count_deletable_total: 1, count_deletable_certified: 0 },
    });
    await expect(client.readBlob({ blobId: registered!.blobId })).rejects.toThrow(BlobNotCertifiedError);
    expect((await liveCertifiedBlobIds(devnet, await currentEpoch(devnet))).has(registered!.blobId)).toBe(
      false,
    );
    // The nodes that were down do not heal an uncertified blob onto their disks.
    for (const n of down.nodes) {
      expect(existsSync(blobDirOnNode(stateDir, n, registered!.blobId))).toBe(false);
    }
  });
});

describe('a node serving corrupted slivers', () => {
  it('the SDK never returns wrong bytes; the CLI read refuses its slivers and returns the right bytes 20 of 20 times', {
    timeout: 120_000,
  }, async () => {
    const blob = randomBlob(300 * 1024);
    const { blobId } = await client.writeBlob({ blob, deletable: false, epochs: 3, signer: user() });
    const corrupt = devnet.nodes[1]!;
    await corrupt.node.setFaults({ corruptSlivers: true });

    // The SDK (1.2.13) does not check slivers one by one: when a corrupted one is among the 34 it decodes, the
    // result fails the blob-id check and the read is refused (InconsistentBlobError). Never wrong bytes.
    const reads = await readRepeatedly(client, blobId, blob, 20);
    console.info(
      `[corrupt node] SDK, 20 reads: ${reads.right} right bytes, refused ${JSON.stringify(reads.refused)}`,
    );
    expect(Object.keys(reads.refused).every((k) => k === 'inconsistent')).toBe(true);

    // The CLI's read: right bytes every time; the slivers it refused all came from the corrupt node, and it met at
    // least one (each read asks 34 of 100 random shards, of which the node holds 9 or 10).
    const nodes = await readNodes();
    let refused = 0;
    for (let i = 0; i < 20; i++) {
      const read = await readVerified(blobId, devnet.descriptor.nShards!, nodes);
      expect(sameBytes(read.bytes, blob)).toBe(true);
      expect(read.refused.every((r) => r.nodeId === corrupt.nodeId && /Merkle root/.test(r.reason))).toBe(
        true,
      );
      refused += read.refused.length;
    }
    console.info(`[corrupt node] CLI read, 20 reads: 20 right bytes, ${refused} slivers refused`);
    expect(refused).toBeGreaterThan(0);
  });
});

describe('a wiped node', () => {
  it('recovers every sliver of its shards in one recovery pass, byte for byte', {
    timeout: 120_000,
  }, async () => {
    // Something to recover, whatever ran before: sizes from empty to a few MiB.
    for (const size of [0, 1, 100_000, 4 * MiB]) {
      await client.writeBlob({
        blob: randomBlob(size),
        deletable: false,
        epochs: 3,
        signer: user(),
      });
    }
    await settle(devnet);
    const node = devnet.nodes[2]!;
    const expected = await expectedSlivers(node);
    expect(expected.shards).toBeGreaterThan(0);
    const before = await node.node.stats();
    expect(before.blobs).toBe(expected.blobs);
    expect(before.slivers).toBe(expected.slivers);
    const digests = storeDigests(node);

    logLines.length = 0;
    const started = performance.now();
    await node.node.wipe();
    expect((await node.node.stats()).slivers).toBeLessThan(expected.slivers);
    await node.node.idle();
    const seconds = (performance.now() - started) / 1000;

    const after = await node.node.stats();
    expect(after.blobs).toBe(expected.blobs);
    expect(after.slivers).toBe(expected.slivers);
    // One pass: no recovery failed (a failure is retried later by a timer, after idle() returned), and the
    // node's log lines (`recovered N slivers of <id> …`) add up to everything it holds.
    expect(logLines.filter((l) => l.startsWith(`[${node.name}] recovery of`))).toEqual([]);
    const recovered = logLines
      .filter((l) => l.startsWith(`[${node.name}] recovered`))
      .reduce((sum, l) => sum + Number(/recovered (\d+) slivers/.exec(l)![1]), 0);
    expect(recovered).toBe(expected.slivers);
    // The metadata and slivers it rebuilt are the very bytes it had stored from the uploads.
    expect(storeDigests(node)).toEqual(digests);
    console.info(
      `[timing] recovery pass after wipe: ${expected.slivers} slivers of ${expected.blobs} blobs in ${seconds.toFixed(1)} s`,
    );
  });
});

describe('devnet.walrusClient after an epoch change', () => {
  // The epoch driver has its own WalrusClient and the devnet resets the user's after each change, so the SDK
  // does not keep reading a cached `EpochChangeSync` state (in which it asks every node for the blob status
  // first, and with a node down that read would fail).
  it('reads with f = 1 node stopped', async () => {
    const blob = randomBlob(10_000);
    const { blobId } = await devnet.walrusClient.writeBlob({
      blob,
      deletable: false,
      epochs: 3,
      signer: user(),
    });
    await devnet.advanceEpoch();
    await settle(devnet);
    await devnet.nodes[0]!.stop();
    // No retry: a cached EpochChangeSync state would make this fail (NoBlobStatusReceivedError).
    const bytes = await devnet.walrusClient.readBlob({ blobId });
    expect(sameBytes(bytes, blob)).toBe(true);
  });
});
