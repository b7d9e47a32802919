/**
 * The chaos workload's writes (`writeWithRetries`, devnet/chaos/workload.ts) against an in-process devnet, for what
 * seed 808 met on a loaded machine (docs/chaos.md): upload attempts longer than an epoch of 5 s. An epoch change
 * between the registration and the upload makes the first attempt fail with the SDK's retryable error; the retry
 * uploads to the same registration without encoding the blob again. A registration that expired before its upload
 * (a blob registered for 1–2 epochs of seconds) can never be certified: the write registers again.
 */
import type { WalrusClient } from '@mysten/walrus';
import { describe, expect, it, vi } from 'vitest';
import { type WorkloadEvents, writeWithRetries } from '../../devnet/chaos/workload.js';
import { currentEpoch, randomBlob, sharedTestDevnet, walrusClientFor } from '../devnet/helpers.js';

const fixture = sharedTestDevnet({ nodes: 4, accounts: 2 }, 120_000);

/** The workload's events a write reports, counted. */
function countingEvents() {
  const counts = { retried: 0, reregistered: 0 };
  const events: WorkloadEvents = {
    now: () => 0,
    done: () => {},
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
    expect(counts).toEqual({ retried: 1, reregistered: 0 });
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
});
