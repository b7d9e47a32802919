/**
 * Quilts from the CLI (`blob store-quilt`, `blob read-quilt`), as the Walrus CLI's `store-quilt`/`read-quilt`: many
 * small files in one blob, each with an identifier (its file name) and tags: written through the SDK's `writeQuilt`,
 * read through the CLI's verified reader and src/blob/quilt-layout.ts.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { guard, type WalrusSession } from '../clients/walrus-session.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { checkBlobFile, parseBlobId } from './blob-input.js';
import { NotAQuiltError, QuiltBytes, type QuiltPatch } from './quilt-layout.js';
import { readBlob } from './read-blob.js';
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

/**
 * The quilt `quiltId`, read whole through the CLI's verified reader and parsed here (src/blob/quilt-layout.ts says
 * why not through the SDK's patch reader). A blob that is not a quilt is a not-found user error.
 */
export async function openQuilt(session: WalrusSession, quiltId: string): Promise<QuiltBytes> {
  const blobId = parseBlobId(quiltId);
  const { bytes } = await readBlob(session, blobId);
  try {
    return new QuiltBytes(blobId, bytes, await session.nShards());
  } catch (error) {
    throw notAQuilt(blobId, error);
  }
}

/** The patches of a quilt read by {@link openQuilt}; a bad index is a not-found user error. */
export function quiltPatches(quilt: QuiltBytes): QuiltPatch[] {
  try {
    return quilt.patches();
  } catch (error) {
    throw notAQuilt(quilt.quiltId, error);
  }
}

/** One patch's identifier, tags and bytes; a patch that does not parse is a not-found user error. */
export function quiltPatchAt(quilt: QuiltBytes, startIndex: number): ReturnType<QuiltBytes['patchAt']> {
  try {
    return quilt.patchAt(startIndex);
  } catch (error) {
    throw notAQuilt(quilt.quiltId, error);
  }
}

function notAQuilt(blobId: string, error: unknown): unknown {
  if (!(error instanceof NotAQuiltError) && !(error instanceof RangeError) && !(error instanceof TypeError))
    return error;
  return new UserError(ErrorCode.NotFound, `${blobId} is not a readable quilt: ${(error as Error).message}`, {
    hint: `Read it as a plain blob: walrus blob read ${blobId} -o <file>`,
  });
}

/** A quilt's patches, filtered by identifiers and/or one tag (`key=value`); every named identifier must exist. */
export async function readQuilt(
  session: WalrusSession,
  quiltId: string,
  filter: { identifiers?: string[]; tag?: [string, string] },
): Promise<{ identifier: string; tags: Record<string, string>; bytes: Uint8Array }[]> {
  const quilt = await openQuilt(session, quiltId);
  const patches = quiltPatches(quilt);
  const wanted = patches.filter(
    (p) =>
      (!filter.identifiers?.length || filter.identifiers.includes(p.identifier)) &&
      (!filter.tag || p.tags[filter.tag[0]] === filter.tag[1]),
  );
  for (const id of filter.identifiers ?? [])
    if (!patches.some((p) => p.identifier === id))
      throw new UserError(ErrorCode.NotFound, `Quilt ${quilt.quiltId} has no file "${id}".`, {
        hint: `Its files: ${patches.map((p) => p.identifier).join(', ')}`,
      });
  return wanted.map((p) => ({
    identifier: p.identifier,
    tags: p.tags,
    bytes: quiltPatchAt(quilt, p.startIndex).bytes,
  }));
}
