/**
 * Quilts from the CLI (`blob store-quilt`, `blob read-quilt`), as the Walrus CLI's `store-quilt`/`read-quilt`: many
 * small files in one blob, each with an identifier (its file name) and tags, through the SDK's `writeQuilt` and
 * `getBlob(...).files(...)`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { guard, type WalrusSession } from '../clients/walrus-session.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { checkBlobFile, parseBlobId } from './blob-input.js';
import { type EpochsOption, resolveEpochs } from './store-blobs.js';

export interface StoredQuilt {
  quiltId: string;
  objectId: string;
  endEpoch: number;
  patches: { identifier: string; quiltPatchId: string; file: string }[];
}

/** Stores files as one quilt; identifiers are the file names (they must differ). */
export async function storeQuilt(
  session: WalrusSession,
  files: string[],
  options: { epochs: EpochsOption; deletable: boolean; tags?: Record<string, string> },
): Promise<StoredQuilt> {
  const nShards = await session.nShards();
  const seen = new Map<string, string>();
  for (const file of files) {
    checkBlobFile(file, nShards);
    const id = basename(file);
    if (seen.has(id))
      throw new UserError(
        ErrorCode.InvalidArguments,
        `${seen.get(id)} and ${file} have the same name; quilt identifiers must differ.`,
      );
    seen.set(id, file);
  }
  const epochs = await resolveEpochs(session, options.epochs);
  const written = await guard(() =>
    session.walrus.writeQuilt({
      blobs: files.map((file) => ({
        identifier: basename(file),
        contents: readFileSync(file),
        ...(options.tags ? { tags: options.tags } : {}),
      })),
      epochs,
      deletable: options.deletable,
      signer: session.signer,
    }),
  );
  return {
    quiltId: written.blobId,
    objectId: written.blobObject.id,
    endEpoch: written.blobObject.storage.end_epoch,
    patches: written.index.patches.map((p) => ({
      identifier: p.identifier,
      quiltPatchId: p.patchId,
      file: seen.get(p.identifier)!,
    })),
  };
}

/** A quilt's patches, filtered by identifiers and/or one tag (`key=value`); every named identifier must exist. */
export async function readQuilt(
  session: WalrusSession,
  quiltId: string,
  filter: { identifiers?: string[]; tag?: [string, string] },
): Promise<{ identifier: string; tags: Record<string, string>; bytes: Uint8Array }[]> {
  const blobId = parseBlobId(quiltId);
  let files: Awaited<ReturnType<Awaited<ReturnType<WalrusSession['walrus']['getBlob']>>['files']>>;
  try {
    const blob = await guard(() => session.walrus.getBlob({ blobId }));
    files = await blob.files();
  } catch (error) {
    throw new UserError(ErrorCode.NotFound, `${blobId} is not a readable quilt: ${(error as Error).message}`);
  }
  const patches = await Promise.all(
    files.map(async (f) => ({
      identifier: (await f.getIdentifier()) ?? '',
      tags: await f.getTags(),
      file: f,
    })),
  );
  const wanted = patches.filter(
    (p) =>
      (!filter.identifiers?.length || filter.identifiers.includes(p.identifier)) &&
      (!filter.tag || p.tags[filter.tag[0]] === filter.tag[1]),
  );
  for (const id of filter.identifiers ?? [])
    if (!patches.some((p) => p.identifier === id))
      throw new UserError(ErrorCode.NotFound, `Quilt ${blobId} has no file "${id}".`, {
        hint: `Its files: ${patches.map((p) => p.identifier).join(', ')}`,
      });
  return Promise.all(
    wanted.map(async (p) => ({ identifier: p.identifier, tags: p.tags, bytes: await p.file.bytes() })),
  );
}
