/**
 * The chaos workload: concurrent writers (0 B to 8 MiB, deletable and permanent, some extended, some deleted) and
 * readers that compare every read byte for byte, all through the unmodified `@mysten/walrus` WalrusClient over the
 * devnet's RPC URL. Blob contents come from the seed (regenerated to compare, never kept in memory).
 */
import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { Transaction } from '@mysten/sui/transactions';
import {
  RetryableWalrusClientError,
  type WalrusClient,
  type WriteBlobStepCertified,
  type WriteBlobStepRegistered,
} from '@mysten/walrus';
import { sdkReadRefusal } from '../../src/blob/sdk-refusals.js';
import { Prng } from './prng.js';
import type { ChaosOperation } from './report.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A blob the workload wrote (or tried to: `certified` false). */
export interface BlobRecord {
  index: number;
  size: number;
  deletable: boolean;
  owner: number;
  blobId?: string;
  objectId?: string;
  endEpoch: number;
  certified: boolean;
  deleted: boolean;
  /** ms (workload clock) of the deletion's start, so a read racing it is not a failure. */
  deletingSince?: number;
}

/** A blob size: mostly small, some large, up to `maxBytes`, including 0. */
export function pickSize(rng: Prng, maxBytes: number): number {
  const band = rng.weighted<[number, number]>([
    [[0, 0], 1],
    [[1, 4 * KiB], 8],
    [[4 * KiB, 256 * KiB], 7],
    [[256 * KiB, 2 * MiB], 3],
    [[2 * MiB, 8 * MiB], 1],
  ]);
  return Math.min(maxBytes, rng.int(band[0], band[1]));
}

/** The content of blob `index` of a run: the same bytes for the same seed, every time. */
export function blobContent(seed: number, index: number, size: number): Uint8Array {
  return new Prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0).bytes(size);
}

/** What the workload reports to the runner. */
export interface WorkloadEvents {
  now(): number;
  /** An operation ended; `error` set when it failed. */
  done(operation: ChaosOperation, start: number, error?: unknown, blobId?: string): void;
  /** A transaction the ledger acknowledged. */
  acknowledged(digest: string): void;
  /** A write met a retryable SDK error and is retried (the SDK's documented handling). */
  retried(): void;
  /** A write's registration expired before it was certified; it registers again. */
  reregistered(): void;
  /** A blob upload is starting (the scheduler's `mid-upload` kills wait for this). */
  uploading(): void;
  /** A blob was written, compared or changed. */
  counted(what: 'written' | 'read' | 'mismatch' | 'extended' | 'deleted', record: BlobRecord): void;
}

/** Shared state of the workload. */
export interface Workload {
  seed: number;
  walrus: () => WalrusClient;
  sui: () => SuiGrpcClient;
  signers: Keypair[];
  blobs: BlobRecord[];
  events: WorkloadEvents;
  maxBytes: number;
  stopped: () => boolean;
  /** The current Walrus epoch as last seen. */
  epoch: () => number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads a blob, retrying the SDK's known transient refusals (src/blob/sdk-refusals.ts). */
export async function readWithRetries(walrus: () => WalrusClient, blobId: string): Promise<Uint8Array> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await walrus().readBlob({ blobId });
    } catch (error) {
      if (!sdkReadRefusal(error) || attempt >= 10) throw error;
      walrus().reset();
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/**
 * Whether a write failed because its certificate was for an epoch that has ended: `certify_blob` aborts with
 * `messages::EIncorrectEpoch` (abort code 1 of `new_certified_message`). Walrus certificates are valid only in the
 * epoch the nodes signed them in; with epochs of seconds a slow upload meets this, and the SDK does not retry it.
 */
export function certificateEpochEnded(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /abort code: 1\b/.test(message) && message.includes('::messages::new_certified_message');
}

/**
 * Whether `certify_blob` aborted with `bls_aggregate::ENotEnoughStake` (abort code 2): the SDK (1.2.13,
 * `certificateFromConfirmations`) checks the valid confirmations' quorum by their *number of nodes*
 * (`isQuorum(filtered.length, members.length)`), the chain by their *shards*. When an epoch change made some
 * confirmations invalid (signed for the other epoch), the count can pass while the shards do not.
 */
export function certificateUnderweight(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return (
    /abort code: 2\b/.test(message) && message.includes('::bls_aggregate::verify_certificate_and_weight')
  );
}

/** One write of {@link writeWithRetries}. */
export interface WriteRequest {
  blob: Uint8Array;
  deletable: boolean;
  epochs: number;
  signer: Keypair;
  /** Called after each registration (the first, and one after a registration that expired). */
  onRegistered?: (registration: WriteBlobStepRegistered) => void | Promise<void>;
}

/** Whether a failed upload or certification is worth another attempt (see {@link writeWithRetries}). */
function retryableWriteError(error: unknown): boolean {
  return (
    error instanceof RetryableWalrusClientError ||
    certificateEpochEnded(error) ||
    certificateUnderweight(error)
  );
}

/**
 * Whether a registered `Blob` object's storage has run out (nodes then refuse its slivers as expired). The client
 * is reset after the look: its object cache would otherwise hand the uncertified object to `executeCertify`.
 */
async function registrationExpired(walrus: WalrusClient, blobObjectId: string): Promise<boolean> {
  try {
    const [object, state] = await Promise.all([walrus.getBlobObject(blobObjectId), walrus.systemState()]);
    return object.storage.end_epoch <= state.committee.epoch;
  } catch {
    return false; // unknown: upload to it again, the next failure tells
  } finally {
    walrus.reset();
  }
}

/**
 * A blob written as an application following the SDK's README ("Error handling") writes it, through the step API
 * (`writeBlobFlow`) so that a retry never encodes again: on a `RetryableWalrusClientError` (with epochs of seconds,
 * mostly an epoch change between the client reading the committee and the nodes signing, or nodes refusing slivers
 * of shards that moved), or a certificate whose epoch ended before `certify_blob` ({@link certificateEpochEnded})
 * or that the SDK built without enough shards ({@link certificateUnderweight}), reset the client and upload again
 * to the same registration (nothing is paid twice; the nodes hold most slivers already and sign for the current
 * epoch). A registration that expired meanwhile (on a loaded machine an upload can outlive a blob registered for
 * 2 epochs of 5 s: every node then refuses it, and re-uploading to it can never succeed) is replaced by a new one
 * (paid again, as an application would) and counted by `events.reregistered`.
 */
export async function writeWithRetries(
  w: Pick<Workload, 'walrus' | 'events'>,
  request: WriteRequest,
  attempts = 6,
): Promise<WriteBlobStepCertified> {
  const walrus = w.walrus();
  const flow = walrus.writeBlobFlow({ blob: request.blob });
  await flow.encode();
  const register = async () => {
    const registration = await flow.executeRegister({
      signer: request.signer,
      epochs: request.epochs,
      deletable: request.deletable,
      owner: request.signer.toSuiAddress(),
    });
    await request.onRegistered?.(registration);
    return registration;
  };
  let registration = await register();
  const failed: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    try {
      await flow.upload({ digest: registration.txDigest });
      return await flow.executeCertify({ signer: request.signer });
    } catch (error) {
      failed.push(`${attempt}: ${((Date.now() - started) / 1000).toFixed(1)} s, ${(error as Error).message}`);
      if (!retryableWriteError(error) || attempt >= attempts) {
        if (attempt === 1) throw error;
        // Every attempt, so a finding shows what each met (the last one is the cause).
        throw new Error(`${attempt} attempts failed (${failed.join('; ')})`, { cause: error });
      }
      w.events.retried();
      walrus.reset();
      if (await registrationExpired(walrus, registration.blobObjectId)) {
        w.events.reregistered();
        registration = await register();
      }
    }
  }
}

/** One writer: writes, sometimes extends or deletes one of its blobs, until stopped. */
export async function writerLoop(w: Workload, writer: number, rng: Prng): Promise<void> {
  const signer = w.signers[writer]!;
  while (!w.stopped()) {
    const size = pickSize(rng, w.maxBytes);
    const record: BlobRecord = {
      index: w.blobs.length,
      size,
      deletable: rng.chance(0.5),
      owner: writer,
      endEpoch: 0,
      certified: false,
      deleted: false,
    };
    w.blobs.push(record);
    const epochs = rng.int(2, 12);
    const start = w.events.now();
    try {
      const { blobId, blobObject } = await writeWithRetries(w, {
        blob: blobContent(w.seed, record.index, size),
        deletable: record.deletable,
        epochs,
        signer,
        onRegistered: (step) => {
          record.blobId = step.blobId;
          record.objectId = step.blobObjectId;
          w.events.acknowledged(step.txDigest);
          w.events.uploading();
        },
      });
      record.blobId = blobId;
      record.objectId = blobObject.id;
      record.endEpoch = blobObject.storage.end_epoch;
      record.certified = true;
      w.events.done('write', start);
      w.events.counted('written', record);
    } catch (error) {
      w.walrus().reset();
      w.events.done('write', start, error, record.blobId);
    }
    if (rng.chance(0.25)) await extendOne(w, writer, rng);
    if (rng.chance(0.2)) await deleteOne(w, writer, rng);
    // After a failure, back off: while the ledger restarts, a tight loop would only count failures.
    await pause(record.certified ? rng.int(0, 400) : rng.int(1000, 2000));
  }
}

/** The writer's certified, live blobs. */
function ownLive(w: Workload, writer: number, deletableOnly: boolean): BlobRecord[] {
  return w.blobs.filter(
    (b) =>
      b.owner === writer &&
      b.certified &&
      !b.deleted &&
      b.deletingSince === undefined &&
      b.endEpoch > w.epoch() + 1 &&
      (!deletableOnly || b.deletable),
  );
}

/**
 * Whether a blob's storage ended by now, read fresh from the chain: an extension or deletion that failed on such a
 * blob raced its expiry (the workload picks with the epoch as last seen), which is not a failure, as for reads.
 */
export async function expiredNow(w: Pick<Workload, 'walrus'>, record: BlobRecord): Promise<boolean> {
  try {
    w.walrus().reset();
    return record.endEpoch <= (await w.walrus().systemState()).committee.epoch;
  } catch {
    return false;
  }
}

export async function extendOne(w: Workload, writer: number, rng: Prng): Promise<void> {
  const live = ownLive(w, writer, false);
  if (live.length === 0) return;
  const record = rng.pick(live);
  const epochs = rng.int(1, 5);
  const start = w.events.now();
  try {
    const { digest } = await w.walrus().executeExtendBlobTransaction({
      blobObjectId: record.objectId!,
      epochs,
      signer: w.signers[writer]!,
    });
    w.events.acknowledged(digest);
    const object = await w.walrus().getBlobObject(record.objectId!);
    record.endEpoch = object.storage.end_epoch;
    w.events.done('extend', start);
    w.events.counted('extended', record);
  } catch (error) {
    w.walrus().reset();
    if (!(await expiredNow(w, record))) w.events.done('extend', start, error, record.blobId);
  }
}

async function deleteOne(w: Workload, writer: number, rng: Prng): Promise<void> {
  const live = ownLive(w, writer, true);
  if (live.length === 0) return;
  const record = rng.pick(live);
  const start = w.events.now();
  record.deletingSince = start;
  try {
    const { digest } = await w.walrus().executeDeleteBlobTransaction({
      blobObjectId: record.objectId!,
      signer: w.signers[writer]!,
    });
    w.events.acknowledged(digest);
    record.deleted = true;
    w.events.done('delete', start);
    w.events.counted('deleted', record);
  } catch (error) {
    w.walrus().reset();
    if (!(await expiredNow(w, record))) w.events.done('delete', start, error, record.blobId);
    // Whether it went through is unknown until the chain is read again (the final check does).
  }
}

/** Whether a blob id has another live, certified object than `except` (0-byte blobs share one id). */
function readable(w: Workload, record: BlobRecord): boolean {
  return w.blobs.some(
    (b) =>
      b.blobId === record.blobId &&
      b.certified &&
      !b.deleted &&
      b.deletingSince === undefined &&
      b.endEpoch > w.epoch() + 1,
  );
}

/** One reader: reads random certified live blobs and compares them byte for byte, until stopped. */
export async function readerLoop(w: Workload, rng: Prng): Promise<void> {
  while (!w.stopped()) {
    const candidates = w.blobs.filter((b) => b.blobId !== undefined && readable(w, b));
    if (candidates.length === 0) {
      await pause(200);
      continue;
    }
    const record = rng.pick(candidates);
    const start = w.events.now();
    try {
      const bytes = await readWithRetries(w.walrus, record.blobId!);
      w.events.done('read', start);
      w.events.counted(
        sameBytes(bytes, blobContent(w.seed, record.index, record.size)) ? 'read' : 'mismatch',
        record,
      );
    } catch (error) {
      w.walrus().reset();
      await pause(1000);
      // A read that raced a deletion or the blob's expiry of every object of its id is not a failure.
      if (readable(w, record)) w.events.done('read', start, error, record.blobId);
    }
    await pause(rng.int(50, 500));
  }
}

/** Small SUI transfers whose digests are checked after a ledger crash, until stopped. */
export async function transferLoop(w: Workload, from: number, to: string, rng: Prng): Promise<void> {
  while (!w.stopped()) {
    const start = w.events.now();
    try {
      const tx = new Transaction();
      tx.transferObjects([tx.splitCoins(tx.gas, [BigInt(rng.int(1, 1000))])[0]!], to);
      const result = await w
        .sui()
        .core.signAndExecuteTransaction({ transaction: tx, signer: w.signers[from]! });
      if (result.$kind !== 'Transaction') throw new Error('The transfer failed');
      w.events.acknowledged(result.Transaction.digest);
      w.events.done('transfer', start);
    } catch (error) {
      w.events.done('transfer', start, error);
    }
    await pause(rng.int(100, 600));
  }
}
