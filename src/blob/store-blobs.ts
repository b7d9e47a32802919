import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { checkBlobFile } from './blob-input.js';
import { encodedBlobLength } from './blob-math.js';
import { guard, type WalrusSession } from './walrus-session.js';

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
  /** Called at each step of each file: `encoded`, `registered`, `uploaded`, `certified`. */
  onStep?: (file: string, step: string) => void;
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
  /** WAL actually spent (balance before − after); equals cost.total. */
  spent?: string;
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
 * Stores files as blobs with the official `WalrusClient.writeBlob` (encode → register → upload → certify),
 * one after the other, and reports ids, sizes, costs and what was actually spent.
 */
export async function storeBlobs(session: WalrusSession, options: StoreBlobsOptions): Promise<StoredBlob[]> {
  const nShards = await session.nShards();
  const sizes = options.files.map((file) => checkBlobFile(file, nShards));
  const epochs = await resolveEpochs(session, options.epochs);
  const results: StoredBlob[] = [];
  for (const [i, file] of options.files.entries()) {
    const size = sizes[i]!;
    const cost = await guard(() => session.walrus.storageCost(size, epochs));
    const result: StoredBlob = {
      file,
      size,
      encodedSize: encodedBlobLength(size, nShards),
      epochs,
      cost: {
        storage: cost.storageCost.toString(),
        write: cost.writeCost.toString(),
        total: cost.totalCost.toString(),
      },
      deletable: options.deletable,
    };
    if (!options.dryRun) {
      const before = await session.walBalance();
      if (before < cost.totalCost) {
        throw new UserError(
          ErrorCode.InsufficientFunds,
          `Not enough WAL to store ${basename(file)}: it costs ${cost.totalCost} FROST, the account has ${before}.`,
          { hint: 'Get WAL with `walrus account fund <address> --wal` (devnet), or store fewer epochs.' },
        );
      }
      const blob = readFileSync(file);
      const written = await guard(() =>
        session.walrus.writeBlob({
          blob,
          deletable: options.deletable,
          epochs,
          signer: session.signer,
          onStep: (step) => options.onStep?.(file, step.step),
        }),
      );
      const after = await session.walBalance();
      const objectId =
        (written.blobObject.id as unknown as { id?: string }).id ?? String(written.blobObject.id);
      Object.assign(result, {
        blobId: written.blobId,
        objectId,
        endEpoch: written.blobObject.storage.end_epoch,
        spent: (before - after).toString(),
      });
    }
    results.push(result);
  }
  return results;
}
