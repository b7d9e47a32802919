/**
 * The chaos workload's writes (`writeWithRetries`, devnet/chaos/workload.ts) against an in-process devnet, for what
 * seed 808 met on a loaded machine (docs/chaos.md): upload attempts longer than an epoch of 5 s. An epoch change
 * between the registration and the upload makes the first attempt fail with the SDK's retryable error; the retry
 * uploads to the same registration without encoding the blob again. A registration that expired before its upload
 * (a blob registered for 1–2 epochs of seconds) can never be certified: the write registers again.
 */
import type { WalrusClient } from '@mysten/walrus';
import { describe, expect, it, vi } from 'vitest';
import { Prng } from '../../devnet/chaos/prng.js';
import {
  type BlobRecord,
  extendOne,
  type Workload,
  type WorkloadEvents,
  writeWithRetries,
} from '../../devnet/chaos/workload.js';
import { currentEpoch, randomBlob, sharedTestDevnet, walrusClientFor } from '../devnet/helpers.js';

const fixture = sharedTestDevnet({ nodes: 4, accounts: 3 }, 120_000);

/** The workload's events a write reports, counted. */
function countingEvents() {
  const counts = { retried: 0, reregistered: 0, failed: 0 };
  const events: WorkloadEvents = {
    now: () => 0,
    done: (_operation, _start, error) => {
      if (error !== undefined) counts.failed++;
    },
    acknowledged: () => {},
    retried: () => {
      counts.retried++;
    },
    reregistered: () => {
      counts.reregistered++;
    },
    uploading: () => {},
    counted: () => {},
  };
  return { counts, events };
}

describe('chaos workload writes across epoch changes', () => {
  it('an epoch change after the registration: retried on the same registration, encoded once', async () => {
    const walrus: WalrusClient = walrusClientFor(fixture.devnet);
    const encode = vi.spyOn(walrus, 'encodeBlob');
    const { counts, events } = countingEvents();
    const registrations: string[] = [];
    const certified = await writeWithRetries(
      { walrus: () => walrus, events },
      {
        blob: randomBlob(3000),
        deletable: true,
        epochs: 5,
        signer: fixture.devnet.signers[0]!,
        onRegistered: async (step) => {
          registrations.push(step.blobObjectId);
          if (registrations.length === 1) await fixture.devnet.advanceEpoch();
        },
      },
    );
    expect(certified.blobObject.certified_epoch).toBe(await currentEpoch(fixture.devnet));
    expect(registrations).toEqual([certified.blobObjectId]);
    expect(counts).toEqual({ retried: 1, reregistered: 0, failed: 0 });
    expect(encode).toHaveBeenCalledTimes(1);
  });

  it('a registration that expired before the upload: registered again and certified', async () => {
    const walrus: WalrusClient = walrusClientFor(fixture.devnet);
    const { counts, events } = countingEvents();
    const registrations: string[] = [];
    const blob = randomBlob(5000);
    const certified = await writeWithRetries(
      { walrus: () => walrus, events },
      {
        blob,
        deletable: false,
        epochs: 1,
        signer: fixture.devnet.signers[1]!,
        onRegistered: async (step) => {
          registrations.push(step.blobObjectId);
          // The blob is stored for 1 epoch: past it, every node refuses its slivers as expired.
          if (registrations.length === 1) await fixture.devnet.advanceEpoch();
        },
      },
    );
    expect(registrations).toHaveLength(2);
    expect(certified.blobObjectId).toBe(registrations[1]);
    expect(certified.blobObject.certified_epoch).toBe(await currentEpoch(fixture.devnet));
    expect(counts.reregistered).toBe(1);
    const read = await walrusClientFor(fixture.devnet).readBlob({ blobId: certified.blobId });
    expect(Buffer.from(read).equals(Buffer.from(blob))).toBe(true);
  });

  it("an extension that raced its blob's expiry is not a failure (run 2429476422 counted one)", async () => {
    const walrus: WalrusClient = walrusClientFor(fixture.devnet);
    const { counts, events } = countingEvents();
    const signer = fixture.devnet.signers[2]!;
    const certified = await writeWithRetries(
      { walrus: () => walrus, events },
      { blob: randomBlob(2000), deletable: false, epochs: 2, signer },
    );
    const record: BlobRecord = {
      index: 0,
      size: 2000,
      deletable: false,
      owner: 0,
      blobId: certified.blobId,
      objectId: certified.blobObjectId,
      endEpoch: certified.blobObject.storage.end_epoch,
      certified: true,
      deleted: false,
    };
    const staleEpoch = await currentEpoch(fixture.devnet);
    await fixture.devnet.advanceEpoch();
    await fixture.devnet.advanceEpoch(); // the blob's storage has ended; the workload's epoch is two behind
    const w: Workload = {
      seed: 1,
      walrus: () => walrus,
      sui: () => fixture.devnet.suiClient,
      signers: [signer],
      blobs: [record],
      events,
      maxBytes: 0,
      stopped: () => false,
      epoch: () => staleEpoch - 1,
    };
    await extendOne(w, 0, new Prng(1));
    expect(counts.failed).toBe(0);
  });
});
