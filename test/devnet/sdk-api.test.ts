/**
 * Issue 4: the WalrusClient API a dApp uses, unmodified, against the devnet's Walrus contracts: `storageCost`,
 * `writeBlob` (deletable and permanent), `readBlob`, `executeExtendBlobTransaction`,
 * `executeDeleteBlobTransaction` and blob attributes. What the SDK computes is what the contract charges (the
 * owner's WAL balance before − after; gas is paid in SUI), and the contract's refusals reach the caller with the
 * Move abort named: module::function and abort code.
 */
import { bcs } from '@mysten/sui/bcs';
import { SimulationError } from '@mysten/sui/client';
import type { Signer } from '@mysten/sui/cryptography';
import { Transaction } from '@mysten/sui/transactions';
import { deriveDynamicFieldID, normalizeSuiAddress } from '@mysten/sui/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/start-devnet.js';
import {
  currentEpoch,
  MiB,
  randomBlob,
  sameBytes,
  startTestDevnet,
  walBalance,
  walrusClientFor,
} from './helpers.js';

let devnet: Devnet;
/** `0x…` (64 hex digits) of the walrus package, as abort locations print it. */
let walrusPackage: string;

beforeAll(async () => {
  devnet = await startTestDevnet();
  walrusPackage = normalizeSuiAddress(devnet.descriptor.packages!.walrus);
});
afterAll(async () => {
  await devnet?.stop();
});

const user = (): Signer => devnet.signers[3]!;
const wal = () => walBalance(devnet, user().toSuiAddress());
const walrus = () => devnet.walrusClient;

/** Writes `size` random bytes for `epochs`, paid by the user, with `attributes` if given. */
function writeRandom(size: number, epochs: number, deletable: boolean, attributes?: Record<string, string>) {
  return walrus().writeBlob({
    blob: randomBlob(size),
    deletable,
    epochs,
    signer: user(),
    ...(attributes ? { attributes } : {}),
  });
}

/**
 * Expects `promise` to be refused by the SDK's transaction resolution with a Move abort at `module::fn` with
 * `code`: a SimulationError whose message and structured `executionError` both name it.
 */
async function expectMoveAbort(promise: Promise<unknown>, module: string, fn: string, code: number) {
  const error = await promise.then(
    () => {
      throw new Error(`expected a MoveAbort in ${module}::${fn}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SimulationError);
  expect((error as Error).message).toMatch(
    new RegExp(`MoveAbort in \\d+\\w+ command, abort code: ${code}, in '${walrusPackage}::${module}::${fn}'`),
  );
  expect((error as SimulationError).executionError).toMatchObject({
    $kind: 'MoveAbort',
    MoveAbort: {
      abortCode: String(code),
      location: { package: walrusPackage, module, functionName: fn },
    },
  });
}

/** Runs `fn` and returns the WAL it cost the user. */
async function walSpentBy(fn: () => Promise<unknown>): Promise<bigint> {
  const before = await wal();
  await fn();
  return before - (await wal());
}

describe('storageCost, writeBlob and readBlob', () => {
  it.each([
    ['1 B, permanent', 1, false, 1],
    ['1 B, deletable', 1, true, 1],
    ['300 KiB, deletable', 300 * 1024, true, 3],
    ['1 MiB, permanent', MiB, false, 5],
  ])(
    '%s: writeBlob charges exactly storageCost().totalCost and readBlob returns the bytes',
    async (_name, size, deletable, epochs) => {
      const blob = randomBlob(size);
      const cost = await walrus().storageCost(size, epochs);
      expect(cost.totalCost).toBe(cost.storageCost + cost.writeCost);
      expect(cost.storageCost).toBeGreaterThan(0n);
      expect(cost.writeCost).toBeGreaterThan(0n);

      const epoch = await currentEpoch(devnet);
      let written: Awaited<ReturnType<ReturnType<typeof walrus>['writeBlob']>> | undefined;
      const spent = await walSpentBy(async () => {
        written = await walrus().writeBlob({ blob, deletable, epochs, signer: user() });
      });
      expect(spent).toBe(cost.totalCost);
      expect(written!.blobObject).toMatchObject({
        deletable,
        size: String(size),
        certified_epoch: epoch,
        storage: { start_epoch: epoch, end_epoch: epoch + epochs },
      });
      expect(sameBytes(await walrus().readBlob({ blobId: written!.blobId }), blob)).toBe(true);
    },
  );

  it('storage is priced per encoded size and epoch: twice the epochs, twice the storage part', async () => {
    const one = await walrus().storageCost(MiB, 1);
    const two = await walrus().storageCost(MiB, 2);
    expect(two.storageCost).toBe(2n * one.storageCost);
    expect(two.writeCost).toBe(one.writeCost);
  });
});

describe('executeExtendBlobTransaction', () => {
  it('moves the end epoch and charges storageCost(size, epochs).storageCost, no write cost', async () => {
    const size = 50_000;
    const { blobObject } = await writeRandom(size, 2, false);
    const { storageCost } = await walrus().storageCost(size, 3);
    const spent = await walSpentBy(() =>
      walrus().executeExtendBlobTransaction({ signer: user(), blobObjectId: blobObject.id, epochs: 3 }),
    );
    expect(spent).toBe(storageCost);
    // A new client: the SDK caches the objects it loaded (getBlobObject would return the one writeBlob saw).
    const extended = await walrusClientFor(devnet).getBlobObject(blobObject.id);
    expect(extended.storage.end_epoch).toBe(blobObject.storage.end_epoch + 3);
    expect(extended.certified_epoch).toBe(blobObject.certified_epoch);
  });
});

describe('executeDeleteBlobTransaction', () => {
  it('deletes a deletable blob, hands its Storage back to the owner and costs no WAL', async () => {
    const { blobObject } = await writeRandom(10_000, 3, true);
    const spent = await walSpentBy(() =>
      walrus().executeDeleteBlobTransaction({ signer: user(), blobObjectId: blobObject.id }),
    );
    expect(spent).toBe(0n);
    await expect(walrusClientFor(devnet).getBlobObject(blobObject.id)).rejects.toThrow(/not found|deleted/i);
    const { objects } = await devnet.suiClient.core.listOwnedObjects({
      owner: user().toSuiAddress(),
      type: `${walrusPackage}::storage_resource::Storage`,
    });
    expect(objects.map((o) => o.objectId)).toContain(blobObject.storage.id);
  });
});

describe('blob attributes', () => {
  it('are written with the blob, read, updated and removed', async () => {
    const { blobObject } = await writeRandom(2000, 2, true, { contentType: 'text/plain', owner: 'alice' });
    expect(await walrus().readBlobAttributes({ blobObjectId: blobObject.id })).toEqual({
      contentType: 'text/plain',
      owner: 'alice',
    });

    const spent = await walSpentBy(() =>
      walrus().executeWriteBlobAttributesTransaction({
        signer: user(),
        blobObjectId: blobObject.id,
        attributes: { contentType: 'application/json', owner: null, tag: 'v2' },
      }),
    );
    expect(spent).toBe(0n);
    expect(await walrus().readBlobAttributes({ blobObjectId: blobObject.id })).toEqual({
      contentType: 'application/json',
      tag: 'v2',
    });
  });

  it('can be added to a blob stored without any', async () => {
    const { blobObject } = await writeRandom(2000, 2, false);
    // The SDK (1.2.13) types readBlobAttributes as `… | null` but throws when the blob has no metadata field
    // (core.getDynamicField answers "not found", as a Sui full node does); so does writeBlobAttributes given a
    // blobObjectId. Given the Blob as a transaction argument it adds the metadata first.
    await expect(walrus().readBlobAttributes({ blobObjectId: blobObject.id })).rejects.toThrow(/not found/);
    const transaction = new Transaction();
    await walrus().executeWriteBlobAttributesTransaction({
      signer: user(),
      transaction,
      blobObject: transaction.object(blobObject.id),
      attributes: { name: 'later.txt' },
    });
    expect(await walrus().readBlobAttributes({ blobObjectId: blobObject.id })).toEqual({ name: 'later.txt' });
  });
});

describe('refusals name the Move abort and charge nothing', () => {
  it('too many epochs ahead: the contract refuses what storageCost still prices', async () => {
    const max = (await walrusClientFor(devnet).systemState()).future_accounting.length;
    expect(max).toBe(53);
    // storageCost is client-side arithmetic: it prices any number of epochs.
    const tooFar = await walrus().storageCost(1000, max + 1);
    expect(tooFar.totalCost).toBeGreaterThan(0n);

    // EInvalidEpochsAhead = 2
    const before = await wal();
    await expectMoveAbort(writeRandom(1000, max + 1, false), 'system_state_inner', 'reserve_space', 2);
    await expectMoveAbort(
      walrus().executeCreateStorageTransaction({ size: 1000, epochs: max + 1, signer: user() }),
      'system_state_inner',
      'reserve_space',
      2,
    );
    expect(await wal()).toBe(before);

    // The limit itself is allowed, at the price storageCost gives.
    const atMax = await walrus().storageCost(1000, max);
    const spent = await walSpentBy(() => writeRandom(1000, max, false));
    expect(spent).toBe(atMax.totalCost);
  });

  it('extending an expired blob', async () => {
    const { blobObject } = await writeRandom(1000, 1, true);
    await devnet.advanceEpoch();
    expect(await currentEpoch(devnet)).toBe(blobObject.storage.end_epoch);
    const before = await wal();
    // EResourceBounds = 2
    await expectMoveAbort(
      walrus().executeExtendBlobTransaction({ signer: user(), blobObjectId: blobObject.id, epochs: 1 }),
      'blob',
      'assert_certified_not_expired',
      2,
    );
    expect(await wal()).toBe(before);
  });

  it('deleting a permanent blob', async () => {
    const { blobObject } = await writeRandom(1000, 2, false);
    const before = await wal();
    // EBlobNotDeletable = 1
    await expectMoveAbort(
      walrus().executeDeleteBlobTransaction({ signer: user(), blobObjectId: blobObject.id }),
      'blob',
      'delete',
      1,
    );
    expect(await wal()).toBe(before);
    expect((await walrusClientFor(devnet).getBlobObject(blobObject.id)).certified_epoch).not.toBeNull();
  });
});

describe('object JSON (getObject with include.json)', () => {
  const json = async (objectId: string) =>
    (await devnet.suiClient.core.getObject({ objectId, include: { json: true } })).object.json;

  it('renders the Walrus System, its inner state and a Blob from the contract layouts', async () => {
    const { blobObject } = await writeRandom(100, 2, true);
    const epoch = await currentEpoch(devnet);
    expect(await json(blobObject.id)).toEqual({
      id: blobObject.id,
      registered_epoch: epoch,
      blob_id: expect.stringMatching(/^\d+$/),
      size: '100',
      encoding_type: 1,
      certified_epoch: epoch,
      storage: {
        id: blobObject.storage.id,
        start_epoch: epoch,
        end_epoch: epoch + 2,
        storage_size: blobObject.storage.storage_size,
      },
      deletable: true,
    });

    const systemId = devnet.deployment.systemObjectId;
    expect(await json(systemId)).toEqual({
      id: systemId,
      version: '1',
      package_id: walrusPackage,
      new_package_id: null,
    });
    const inner = (await json(deriveDynamicFieldID(systemId, 'u64', bcs.u64().serialize(1n).toBytes()))) as {
      name: string;
      value: { committee: { epoch: number; n_shards: number; members: Array<Record<string, unknown>> } };
    };
    expect(inner.name).toBe('1');
    expect(inner.value.committee).toMatchObject({ epoch, n_shards: 100 });
    expect(inner.value.committee.members).toHaveLength(4);
    expect(inner.value.committee.members[0]).toEqual({
      public_key: { bytes: expect.any(String) },
      weight: expect.any(Number),
      node_id: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });

    // A Move enum: the staking state's epoch_state.
    const stakingId = devnet.deployment.stakingObjectId;
    const staking = (await json(
      deriveDynamicFieldID(stakingId, 'u64', bcs.u64().serialize(1n).toBytes()),
    )) as { value: { epoch: number; epoch_state: Record<string, unknown> } };
    expect(staking.value.epoch).toBe(epoch);
    expect(staking.value.epoch_state).toEqual({
      '@variant': 'EpochChangeDone',
      pos0: expect.stringMatching(/^\d+$/),
    });
  });
});
