/**
 * Issue 9 item 1, the CLI's store path (`storeBlobs`, what `walrus blob store` runs) against an in-process devnet:
 * its client read the committee, then the epoch changed before it registered. The nodes sign confirmations for the
 * new epoch, the SDK refuses them with a `RetryableWalrusClientError`, and the store resumes at its registration
 * after resetting the client, as the SDK documents: certified, registered and paid once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBlobs } from '../../src/blob/store-blobs.js';
import type { WalrusSession } from '../../src/clients/walrus-session.js';
import {
  currentEpoch,
  ownedBlobObjects,
  randomBlob,
  sharedTestDevnet,
  walBalance,
  walrusClientFor,
  walType,
} from './helpers.js';

let dir: string;
const fixture = sharedTestDevnet();
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'store-across-epochs-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The session `openWalrusSession` would build, over the in-process devnet. */
function sessionFor(signerIndex: number): WalrusSession {
  const walrus = walrusClientFor(fixture.devnet);
  const signer = fixture.devnet.signers[signerIndex]!;
  return {
    connection: undefined as never, // not used by storeBlobs
    sui: fixture.devnet.suiClient,
    walrus,
    signer,
    walType: async () => walType(fixture.devnet),
    nShards: async () => (await walrus.systemState()).committee.n_shards,
    epoch: async () => (await walrus.systemState()).committee.epoch,
    walBalance: (owner = signer.toSuiAddress()) => walBalance(fixture.devnet, owner),
    walrusPackageId: async () => fixture.devnet.descriptor.packages!.walrus,
  };
}

describe('storeBlobs across an epoch change', () => {
  it.each([true, false])('deletable %s: resumes at its registration and pays once', async (deletable) => {
    const session = sessionFor(deletable ? 4 : 5);
    await session.nShards(); // the client now holds this epoch's committee
    const before = await currentEpoch(fixture.devnet);
    await fixture.devnet.advanceEpoch();
    const file = join(dir, `blob-${deletable}.bin`);
    writeFileSync(file, randomBlob(3000));
    const steps: string[] = [];
    const [stored] = await storeBlobs(session, {
      files: [file],
      epochs: 2,
      deletable,
      onStep: (_file, step) => steps.push(step),
    });
    expect(steps.filter((s) => s === 'registered')).toHaveLength(1);
    expect(stored!.spent).toBe(stored!.cost.total);
    const owner = session.signer.toSuiAddress();
    const objects = (await ownedBlobObjects(fixture.devnet, owner)).filter((b) => b.id === stored!.objectId);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ deletable, certified_epoch: before + 1 });
  });
});
