import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { RetryableWalrusClientError } from '@mysten/walrus';
import { notEnoughWal } from '../accounts/not-enough-wal.js';
import { guard, type WalrusSession } from '../clients/walrus-session.js';
import { encryptFile } from '../encryption/blob-encryption.js';
import { type CryptoKey, encryptedSize } from '../encryption/envelope.js';
import { ErrorCode } from '../errors/codes.js';
import { InterruptedError } from '../errors/interrupted-error.js';
import { NetworkError, networkErrorFrom } from '../errors/network-error.js';
import { UserError } from '../errors/user-error.js';
import { formatToken } from '../util/format.js';
import { checkBlobFile, checkBlobSize } from './blob-input.js';
import { encodedBlobLength } from './blob-math.js';
import type { BlobInfo } from './blob-objects.js';
import {
  findResumableBlob,
  type PaidRegistration,
  storeCommand,
  storeInterruptedError,
} from './store-resume.js';

/** How long to store: a number of epochs, or `max` (as far ahead as the system sells storage). */
export type EpochsOption = number | 'max';

/** Options of {@link storeBlobs}. */
export interface StoreBlobsOptions {
  files: string[];
  epochs: EpochsOption;
  /** Deletable blobs can be deleted by their owner before expiry (returning the storage). @default true */
  deletable: boolean;
  /** Only compute sizes and costs; store nothing. */
  dryRun?: boolean;
  /** Called at each step of each file: `encoded`, `registered`, `uploaded`, `certified` (with a note, if any). */
  onStep?: (file: string, step: string, note?: string) => void;
  /** Aborted on Ctrl-C: the store stops after the step in flight and throws an InterruptedError. */
  signal?: AbortSignal;
  /** The command that finishes an interrupted store, given the files left (default: same epochs and persistence). */
  resumeCommand?: (unfinished: string[], epochs: number) => string;
  /** Seal each file with this key before storing it (src/encryption); sizes and costs are the envelope's. */
  encrypt?: CryptoKey;
}

/** One stored (or, in a dry run, priced) file. Amounts in FROST, sizes in bytes, as JSON-safe strings/numbers. */
export interface StoredBlob {
  file: string;
  size: number;
  encodedSize: number;
  epochs: number;
  /** Storage + write cost the contract charges (a dry run: what it would charge). */
  cost: { storage: string; write: string; total: string };
  blobId?: string;
  objectId?: string;
  /** Epoch at which the storage ends (exclusive). */
  endEpoch?: number;
  deletable: boolean;
  /** WAL actually spent (balance before − after): cost.total, or 0 when an earlier registration was reused. */
  spent?: string;
  /** The Blob registered (and paid for) by an earlier, interrupted store was reused: nothing new was paid. */
  reused?: boolean;
  /** Stored encrypted (`--encrypt`): `size` is the envelope's, `fileSize` the file's. */
  encrypted?: true;
  fileSize?: number;
}

/** Resolves `max` and checks a number of epochs against the system's limit. */
export async function resolveEpochs(session: WalrusSession, epochs: EpochsOption): Promise<number> {
  const state = await guard(() => session.walrus.systemState());
  const maxAhead = state.future_accounting.length;
  if (epochs === 'max') return maxAhead;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > maxAhead) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `--epochs must be between 1 and ${maxAhead} (got ${epochs}).`,
      {
        hint: 'Use --epochs max to store as long as the system allows.',
      },
    );
  }
  return epochs;
}

/**
 * Stores files as blobs with the official `WalrusClient` write flow (encode → register → upload → certify), one
 * after the other, and reports ids, sizes, costs and what was actually spent. A registration left by an interrupted
 * store of the same content is reused (store-resume.ts). When `signal` aborts (Ctrl-C), the store stops after the
 * step in flight (a transaction is never cut off) and throws an InterruptedError saying what was paid and the
 * command that finishes the job.
 */
export async function storeBlobs(session: WalrusSession, options: StoreBlobsOptions): Promise<StoredBlob[]> {
  const nShards = await session.nShards();
  const fileSizes = options.files.map((file) => checkBlobFile(file, nShards));
  const sizes = options.encrypt
    ? fileSizes.map((size, i) => {
        checkBlobSize(encryptedSize(size), nShards, `${options.files[i]} (encrypted)`);
        return encryptedSize(size);
      })
    : fileSizes;
  const epochs = await resolveEpochs(session, options.epochs);
  const resumeCommand =
    options.resumeCommand ??
    ((files: string[], n: number) => storeCommand(files, { epochs: n, deletable: options.deletable }));
  const results: StoredBlob[] = [];
  for (const [i, file] of options.files.entries()) {
    const size = sizes[i]!;
    const cost = await guard(() => session.walrus.storageCost(size, epochs));
    const result: StoredBlob = {
      file,
      ...blobTerms(size, nShards, epochs, cost, options.deletable),
      ...(options.encrypt ? { encrypted: true as const, fileSize: fileSizes[i]! } : {}),
    };
    if (!options.dryRun) {
      const interrupted = (registration?: PaidRegistration) =>
        storeInterruptedError({
          stored: results.map(({ file, blobId, objectId }) => ({ file, blobId, objectId })),
          ...(registration ? { registration } : {}),
          unfinished: options.files.slice(i),
          resume: resumeCommand(options.files.slice(i), epochs),
        });
      if (options.signal?.aborted) throw interrupted();
      Object.assign(
        result,
        await storeFile(
          session,
          file,
          options.encrypt ? await encryptFile(options.encrypt, file, fileSizes[i]!) : readFileSync(file),
          {
            ...options,
            epochs,
            cost: cost.totalCost,
            resumeCommand: resumeCommand(options.files.slice(i), epochs),
          },
          interrupted,
        ),
      );
    }
    results.push(result);
  }
  return results;
}

/** Options of {@link storeBytes}. */
export interface StoreBytesOptions {
  /** What the bytes are called in messages (a file name, or e.g. `request body`). */
  label: string;
  epochs: EpochsOption;
  deletable: boolean;
  /** Reuse a registration left by an interrupted store of the same content. @default true */
  reuse?: boolean;
}

/**
 * Stores bytes held in memory (the daemon's request bodies) through the same write flow as {@link storeBlobs}:
 * size checked against the system's limit, the cost checked against the balance, the same result shape.
 */
export async function storeBytes(
  session: WalrusSession,
  blob: Uint8Array,
  options: StoreBytesOptions,
): Promise<StoredBlob> {
  const nShards = await session.nShards();
  checkBlobSize(blob.length, nShards, options.label);
  const epochs = await resolveEpochs(session, options.epochs);
  const cost = await guard(() => session.walrus.storageCost(blob.length, epochs));
  const outcome = await storeFile(
    session,
    options.label,
    blob,
    {
      epochs,
      deletable: options.deletable,
      cost: cost.totalCost,
      resumeCommand: 'store the same bytes again (the registration is reused)',
      ...(options.reuse === undefined ? {} : { reuse: options.reuse }),
    },
    () => new InterruptedError(`Store of ${options.label} interrupted`),
  );
  return {
    file: options.label,
    ...blobTerms(blob.length, nShards, epochs, cost, options.deletable),
    ...outcome,
  };
}

/** What every stored blob reports besides its outcome: sizes, epochs, cost (FROST, as strings), deletability. */
function blobTerms(
  size: number,
  nShards: number,
  epochs: number,
  cost: { storageCost: bigint; writeCost: bigint; totalCost: bigint },
  deletable: boolean,
) {
  return {
    size,
    encodedSize: encodedBlobLength(size, nShards),
    epochs,
    cost: {
      storage: cost.storageCost.toString(),
      write: cost.writeCost.toString(),
      total: cost.totalCost.toString(),
    },
    deletable,
  };
}

interface FileStoreContext extends Pick<StoreBlobsOptions, 'deletable' | 'onStep' | 'signal'> {
  /** When false, an earlier registration of the same content is never reused (a new Blob is always paid). */
  reuse?: boolean;
  epochs: number;
  /** The command that finishes this file and the ones after it. */
  resumeCommand: string;
  /** What a new registration costs, in FROST. */
  cost: bigint;
}

type StoreOutcome = Required<Pick<StoredBlob, 'blobId' | 'objectId' | 'endEpoch' | 'spent'>> & {
  reused?: true;
};

/** One file through encode → (register, or reuse an earlier registration) → upload → certify. */
async function storeFile(
  session: WalrusSession,
  file: string,
  blob: Uint8Array,
  ctx: FileStoreContext,
  interrupted: (registration?: PaidRegistration) => InterruptedError,
): Promise<StoreOutcome> {
  const { signal, epochs, deletable } = ctx;
  const flow = session.walrus.writeBlobFlow({ blob });
  const { blobId } = await guard(() => flow.encode());
  ctx.onStep?.(file, 'encoded');
  const earlier =
    ctx.reuse === false ? undefined : await findResumableBlob(session, blobId, epochs, deletable);
  if (earlier) return finishRegistered(session, file, blob, earlier, ctx, interrupted);
  if (signal?.aborted) throw interrupted();

  const before = await session.walBalance();
  if (before < ctx.cost) {
    throw notEnoughWal({
      doing: `to store ${basename(file)} for ${ctx.epochs} epochs`,
      needed: ctx.cost,
      balance: before,
      address: session.signer.toSuiAddress(),
      devnet: Boolean(session.connection.descriptor),
      alternative: 'or store fewer epochs',
    });
  }
  const owner = session.signer.toSuiAddress();
  // Never aborted: a register transaction cut off in flight may still execute, and then nobody would know of it.
  const registered = await guard(() =>
    flow.executeRegister({ signer: session.signer, epochs, deletable, owner }),
  );
  ctx.onStep?.(file, 'registered');
  const paid = async (): Promise<PaidRegistration> => {
    session.walrus.reset();
    const object = await guard(() => session.walrus.getBlobObject(registered.blobObjectId));
    const paidSoFar = before - (await session.walBalance());
    return {
      file,
      blobId,
      objectId: registered.blobObjectId,
      paid: paidSoFar,
      endEpoch: object.storage.end_epoch,
      reused: false,
    };
  };
  let writer = flow;
  for (let attempt = 1; ; attempt++) {
    try {
      if (signal?.aborted) throw signal.reason;
      // `deletable` too: a resumed flow has no registration step to remember it from.
      await guard(() =>
        writer.upload({ digest: registered.txDigest, deletable, ...(signal ? { signal } : {}) }),
      );
      break;
    } catch (error) {
      if (signal?.aborted) throw interrupted(await paid());
      if (error instanceof RetryableWalrusClientError && attempt < EPOCH_CHANGE_ATTEMPTS) {
        writer = await resumeAfterEpochChange(session, blob, blobId, registered);
        continue;
      }
      throw uploadFailedAfterPaying(error, await paid(), ctx.resumeCommand);
    }
  }
  ctx.onStep?.(file, 'uploaded');
  if (signal?.aborted) throw interrupted(await paid());
  const certified = await guard(() => writer.executeCertify({ signer: session.signer }));
  ctx.onStep?.(file, 'certified');
  const after = await session.walBalance();
  return {
    blobId,
    objectId: certified.blobObjectId,
    endEpoch: certified.blobObject.storage.end_epoch,
    spent: (before - after).toString(),
  };
}

/** Uploads of one registered blob: the first, then one per epoch change met on the way. */
const EPOCH_CHANGE_ATTEMPTS = 3;

/**
 * When the epoch changes between the SDK reading the committee and the nodes signing, the nodes' confirmations
 * name the new epoch and the SDK throws a `RetryableWalrusClientError`. As the SDK documents, the client's cache
 * is reset and the write retried: a new flow resumes at the registration (still paid for, not repeated), encoding
 * for the current committee.
 */
async function resumeAfterEpochChange(
  session: WalrusSession,
  blob: Uint8Array,
  blobId: string,
  registered: { blobObjectId: string; txDigest: string },
): Promise<ReturnType<WalrusSession['walrus']['writeBlobFlow']>> {
  session.walrus.reset();
  const flow = session.walrus.writeBlobFlow({
    blob,
    resume: {
      step: 'registered',
      blobId,
      blobObjectId: registered.blobObjectId,
      txDigest: registered.txDigest,
    },
  });
  await guard(() => flow.encode());
  return flow;
}

/** Uploads and certifies a Blob registered (and paid for) by an earlier, interrupted store: no new WAL is spent. */
async function finishRegistered(
  session: WalrusSession,
  file: string,
  blob: Uint8Array,
  earlier: BlobInfo,
  ctx: FileStoreContext,
  interrupted: (registration?: PaidRegistration) => InterruptedError,
): Promise<StoreOutcome> {
  ctx.onStep?.(file, 'registered', `reusing Blob ${earlier.objectId}, registered and paid for earlier`);
  const before = await session.walBalance();
  const reuse: PaidRegistration = {
    file,
    blobId: earlier.blobId,
    objectId: earlier.objectId,
    paid: 0n,
    endEpoch: earlier.endEpoch,
    reused: true,
  };
  try {
    // The SDK's resume point after `register`: it uploads to, and certifies, the existing object.
    const flow = session.walrus.writeBlobFlow({
      blob,
      resume: { step: 'registered', blobId: earlier.blobId, blobObjectId: earlier.objectId, txDigest: '' },
    });
    const steps = flow.run({
      signer: session.signer,
      epochs: ctx.epochs,
      deletable: ctx.deletable,
      owner: session.signer.toSuiAddress(),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    for await (const step of steps) {
      ctx.onStep?.(file, step.step);
      if (ctx.signal?.aborted && step.step !== 'certified') throw interrupted(reuse);
    }
    const written = await guard(() => flow.getBlob());
    const after = await session.walBalance();
    return {
      blobId: written.blobId,
      objectId: earlier.objectId,
      endEpoch: written.blobObject.storage.end_epoch,
      spent: (before - after).toString(),
      reused: true,
    };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    if (ctx.signal?.aborted) throw interrupted(reuse);
    throw networkErrorFrom(error) ?? error;
  }
}

/**
 * The upload failed after the register transaction paid: the nodes (not the user) are the problem, so exit 2, and
 * say which Blob holds the payment and that storing again reuses it.
 */
function uploadFailedAfterPaying(error: unknown, reg: PaidRegistration, resume: string): Error {
  const cause = networkErrorFrom(error) ?? error;
  if (cause instanceof UserError) return cause;
  return new NetworkError(
    ErrorCode.NetworkError,
    `Could not upload ${reg.file} to enough storage nodes: ${(cause as Error).message}. It is registered as Blob ${reg.objectId} (paid ${formatToken(reg.paid, 'WAL')}, storage until epoch ${reg.endEpoch}) but not certified.`,
    {
      hint: `When the nodes accept writes again (\`walrus node list\` on the devnet), run: ${resume} (it reuses that Blob and pays no more WAL).`,
      cause: error,
    },
  );
}
