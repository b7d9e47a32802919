/**
 * A devnet revert (snapshot/revert, what `walrus-devkit/testing` does around every test): once it resolves, the
 * storage nodes follow the reverted chain. They no longer hold or serve a blob registered after the snapshot, and
 * they still hold and serve every blob certified before it, even one deleted or expired after the snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devnet, registerDevnetControls, startDevnet } from '../../devnet/index.js';

import { metadataStatusOn } from '../devnet/helpers.js';

let devnet: Devnet;

beforeAll(async () => {
  devnet = await startDevnet({
    autoEpochs: false,
    fsync: false,
    ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
  });
  registerDevnetControls(devnet, devnet.ledger.addAdminRoute);
}, 120_000);
afterAll(() => devnet?.stop());

const bytes = (text: string) => new TextEncoder().encode(text);
const signer = () => devnet.signers[0]!;

/** What each storage node says of a blob's metadata: "Stored", "Buffered" or "Nonexistent". */
const storedOn = (blobId: string) => metadataStatusOn(devnet, blobId);
const everyNode = (status: string) => devnet.nodes.map(() => status);

async function store(text: string, epochs: number) {
  const { blobId, blobObject } = await devnet.walrusClient.writeBlob({
    blob: bytes(text),
    deletable: true,
    epochs,
    signer: signer(),
  });
  // The SDK types `id` as a string; at run time it is the parsed UID `{ id }`.
  const uid = blobObject.id as unknown as { id?: string } | string;
  return { blobId, objectId: typeof uid === 'string' ? uid : String(uid.id) };
}

async function read(blobId: string): Promise<string> {
  devnet.walrusClient.reset();
  return new TextDecoder().decode(await devnet.walrusClient.readBlob({ blobId }));
}

async function adminRevert(id: number): Promise<Response> {
  return fetch(`${devnet.descriptor.adminUrl}/revert`, {
    method: 'POST',
    body: JSON.stringify({ id }),
    headers: { 'content-type': 'application/json' },
  });
}

describe('revert: the storage nodes follow the reverted chain', () => {
  it('drops the blob registered after the snapshot and keeps serving the earlier one, as soon as it resolves', async () => {
    const kept = await store('certified before the snapshot', 2);
    const snapshot = devnet.snapshot();
    const dropped = await store('stored after the snapshot', 2);
    expect(await storedOn(dropped.blobId)).toEqual(everyNode('Stored'));

    await devnet.revert(snapshot);

    expect(await storedOn(dropped.blobId)).toEqual(everyNode('Nonexistent'));
    await expect(devnet.walrusClient.getVerifiedBlobStatus({ blobId: dropped.blobId })).resolves.toEqual({
      type: 'nonexistent',
    });
    expect(await storedOn(kept.blobId)).toEqual(everyNode('Stored'));
    expect(await read(kept.blobId)).toBe('certified before the snapshot');
  });

  it('stores again a blob certified before the snapshot and deleted after it', async () => {
    const blob = await store('deleted after the snapshot', 2);
    const snapshot = devnet.snapshot();
    await devnet.walrusClient.executeDeleteBlobTransaction({ blobObjectId: blob.objectId, signer: signer() });
    await expect.poll(() => storedOn(blob.blobId), { timeout: 30_000 }).toEqual(everyNode('Nonexistent'));

    await devnet.revert(snapshot);

    expect(await storedOn(blob.blobId)).toEqual(everyNode('Stored'));
    expect(await read(blob.blobId)).toBe('deleted after the snapshot');
  });

  it('stores again a blob that expired after the snapshot, and returns to the earlier epoch', async () => {
    const blob = await store('expired after the snapshot', 1);
    devnet.walrusClient.reset();
    const epoch = (await devnet.walrusClient.stakingState()).epoch;
    const snapshot = devnet.snapshot();
    await devnet.advanceEpoch();
    await devnet.advanceEpoch();
    await expect.poll(() => storedOn(blob.blobId), { timeout: 30_000 }).toEqual(everyNode('Nonexistent'));

    await devnet.revert(snapshot);

    devnet.walrusClient.reset();
    expect((await devnet.walrusClient.stakingState()).epoch).toBe(epoch);
    expect(await storedOn(blob.blobId)).toEqual(everyNode('Stored'));
    expect(await read(blob.blobId)).toBe('expired after the snapshot');
  });

  it('is what the admin API runs for POST /revert, which refuses an unknown snapshot', async () => {
    const snapshot = devnet.snapshot();
    const dropped = await store('reverted over the admin API', 2);
    const reply = await adminRevert(snapshot);
    expect(reply.status).toBe(200);
    expect(await storedOn(dropped.blobId)).toEqual(everyNode('Nonexistent'));

    const refused = await adminRevert(99);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: string }).error).toMatch(/No snapshot 99/);
  });
});
