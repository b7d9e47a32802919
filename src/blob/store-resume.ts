/**
 * Resuming an interrupted `blob store`. Registering a blob pays for its storage and write up front (WAL, to the
 * System object) and creates a Blob object owned by the signer; until it is certified, its storage is held but the
 * data is not yet available. Like the Walrus CLI, a later store of the same content reuses such an object instead of
 * paying again, when the signer owns a registered, uncertified, unexpired Blob with the same blob id, the same
 * deletable flag and storage that ends no earlier than `current epoch + epochs` (the one ending soonest is taken).
 * The upload and certification then run with the SDK's `writeBlob({ resume: { step: 'registered', ... } })`.
 */

import type { WalrusSession } from '../clients/walrus-session.js';
import { InterruptedError } from '../errors/interrupted-error.js';
import { formatToken } from '../util/format.js';
import { shellQuote } from '../util/shell-quote.js';
import { type BlobInfo, listBlobs } from './blob-objects.js';

/** The signer's registered-but-uncertified Blob that a store of `blobId` for `epochs` can finish, if any. */
export async function findResumableBlob(
  session: WalrusSession,
  blobId: string,
  epochs: number,
  deletable: boolean,
): Promise<BlobInfo | undefined> {
  const epoch = await session.epoch();
  const candidates = (await listBlobs(session)).filter(
    (blob) =>
      blob.status === 'registered' &&
      blob.blobId === blobId &&
      blob.deletable === deletable &&
      blob.endEpoch >= epoch + epochs,
  );
  candidates.sort((a, b) => a.endEpoch - b.endEpoch);
  return candidates[0];
}

/** The command that finishes a store: the same flags, the files not stored yet. */
export function storeCommand(
  files: string[],
  options: { epochs: number; deletable: boolean; extraFlags?: string[] },
): string {
  return [
    'walrus blob store',
    ...files.map(shellQuote),
    `--epochs ${options.epochs}`,
    ...(options.deletable ? [] : ['--permanent']),
    ...(options.extraFlags ?? []),
  ].join(' ');
}

/** What an interrupted store had paid for the file it was working on. */
export interface PaidRegistration {
  file: string;
  blobId: string;
  objectId: string;
  /** FROST taken from the signer by the register transaction (0 when an earlier registration was reused). */
  paid: bigint;
  endEpoch: number;
  /** The registration was made by an earlier, interrupted store. */
  reused: boolean;
}

/** Facts an interrupted store reports: what got stored, what was paid for the file in progress, what is left. */
export interface StoreInterruption {
  stored: Array<{ file: string; blobId?: string; objectId?: string }>;
  registration?: PaidRegistration;
  /** Files not finished, starting with the interrupted one. */
  unfinished: string[];
  /** The exact command that finishes the job. */
  resume: string;
}

/** The InterruptedError (exit 130) an interrupted store ends with: what was paid and how to resume. */
export function storeInterruptedError(facts: StoreInterruption): InterruptedError {
  const lines: string[] = [];
  const reg = facts.registration;
  if (reg) {
    const paid = reg.reused
      ? `nothing new was paid (it reuses Blob ${reg.objectId}, registered earlier)`
      : `paid ${formatToken(reg.paid, 'WAL')} (${reg.paid} FROST) to register it as Blob ${reg.objectId}`;
    lines.push(
      `Interrupted while storing ${reg.file}: ${paid}; blob id ${reg.blobId}, storage until epoch ${reg.endEpoch}. It is registered but not certified.`,
      'Storing the same file again reuses that registration and its storage instead of paying again.',
    );
  } else {
    lines.push(`Interrupted before anything was paid for ${facts.unfinished[0] ?? 'the next file'}.`);
  }
  for (const blob of facts.stored)
    lines.push(`Stored before the interrupt: ${blob.file} (blob id ${blob.blobId}).`);
  return new InterruptedError(lines.join('\n'), {
    hint: `To finish, run: ${facts.resume}`,
    details: {
      stored: facts.stored,
      ...(reg
        ? {
            registered: {
              file: reg.file,
              blobId: reg.blobId,
              objectId: reg.objectId,
              paid: reg.paid.toString(),
              endEpoch: reg.endEpoch,
              certified: false,
            },
          }
        : {}),
      unfinished: facts.unfinished,
      resume: facts.resume,
    },
  });
}
