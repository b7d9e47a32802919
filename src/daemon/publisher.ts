/**
 * The publisher's write routes (walrus-protocol.md §13): `PUT /v1/blobs` (raw body) and `PUT /v1/quilts`
 * (multipart, one field per file, optional `_metadata` = `[{identifier, tags}]`), with `epochs`, `permanent`,
 * `deletable`, `force`, `send_object_to` or `share` (the Blob wrapped in a shared `walrus::shared_blob::SharedBlob`). The daemon's account pays. Blobs go through the CLI's store code
 * (src/blob/store-blobs.ts); quilts through the SDK's `writeQuilt`. Replies: `{newlyCreated: {blobObject,
 * resourceOperation, cost}}` or `{alreadyCertified: {blobId, event, endEpoch}}`.
 */
import type { IncomingMessage } from 'node:http';
import { encodedBlobLength } from '../blob/blob-math.js';
import { shareBlob, transferBlob } from '../blob/blob-objects.js';
import { resolveEpochs, storeBytes } from '../blob/store-blobs.js';
import { guard, type WalrusSession } from '../clients/walrus-session.js';
import { type BlobObjectJson, blobObjectJson } from './blob-json.js';
import { boolParam, HttpError, intParam } from './http.js';

/** Where and how long to store, from the query. */
export interface WriteParams {
  epochs: number;
  deletable: boolean;
  force: boolean;
  sendObjectTo: string | undefined;
  /** Wrap the new Blob in a shared `SharedBlob` (walrus::shared_blob), as the Rust publisher does. */
  share: boolean;
}

/** Parses and checks the query of a write (`send_object_to` and `share` exclude each other, as in the Rust publisher). */
export function writeParams(query: URLSearchParams): WriteParams {
  const permanent = boolParam(query, 'permanent');
  const deletable = boolParam(query, 'deletable');
  if (permanent && deletable)
    throw new HttpError(400, 'BAD_REQUEST', 'permanent and deletable cannot both be true.');
  const share = boolParam(query, 'share') ?? false;
  if (share && query.has('send_object_to'))
    throw new HttpError(
      400,
      'BAD_REQUEST',
      'share=true and send_object_to cannot be combined: a shared Blob has no owner to send it to.',
      'Use one of them.',
    );
  const sendObjectTo = query.get('send_object_to') ?? undefined;
  if (sendObjectTo !== undefined && !/^0x[0-9a-fA-F]{1,64}$/.test(sendObjectTo))
    throw new HttpError(400, 'BAD_REQUEST', `send_object_to must be a Sui address (got "${sendObjectTo}").`);
  const epochs = intParam(query, 'epochs') ?? 1;
  if (epochs < 1) throw new HttpError(400, 'BAD_REQUEST', 'epochs must be at least 1.');
  return {
    epochs,
    deletable: permanent === true ? false : (deletable ?? true),
    force: boolParam(query, 'force') ?? false,
    sendObjectTo,
    share,
  };
}

export type BlobStoreResult =
  | {
      newlyCreated: {
        blobObject: BlobObjectJson;
        resourceOperation: { registerFromScratch: { encodedLength: number; epochsAhead: number } };
        cost: number;
        /** The SharedBlob wrapping the Blob, with `share=true`; null otherwise (as the Rust publisher answers). */
        sharedBlobObject: string | null;
      };
    }
  | {
      alreadyCertified: {
        blobId: string;
        event: { txDigest: string; eventSeq: string } | null;
        endEpoch: number;
      };
    };

/** A permanent certified blob that outlives the requested epochs makes a new store unnecessary. */
async function alreadyCertified(
  session: WalrusSession,
  bytes: Uint8Array,
  epochs: number,
): Promise<BlobStoreResult | undefined> {
  const { blobId } = await guard(() =>
    session.walrus.computeBlobMetadata({ bytes }).then((m) => ({ blobId: m.blobId })),
  );
  const status = await guard(() => session.walrus.getVerifiedBlobStatus({ blobId })).catch(() => undefined);
  if (status?.type !== 'permanent' || !status.isCertified) return undefined;
  const current = await session.epoch();
  if (status.endEpoch < current + epochs) return undefined;
  return { alreadyCertified: { blobId, event: status.statusEvent, endEpoch: status.endEpoch } };
}

/** `PUT /v1/blobs`. */
export async function putBlob(
  session: WalrusSession,
  bytes: Uint8Array,
  params: WriteParams,
): Promise<BlobStoreResult> {
  const epochs = await resolveEpochs(session, params.epochs);
  if (!params.force) {
    const existing = await alreadyCertified(session, bytes, epochs);
    if (existing) return existing;
  }
  const stored = await storeBytes(session, bytes, {
    label: 'the request body',
    epochs,
    deletable: params.deletable,
    reuse: !params.force,
  });
  // Read before sharing: a wrapped Blob is no longer an object of its own.
  const blob = await guard(() => session.walrus.getBlobObject(stored.objectId!));
  const sharedBlobObject = await handOver(session, stored.objectId!, params);
  return {
    newlyCreated: {
      blobObject: blobObjectJson(blob),
      resourceOperation: { registerFromScratch: { encodedLength: stored.encodedSize, epochsAhead: epochs } },
      cost: Number(stored.spent ?? stored.cost.total),
      sharedBlobObject,
    },
  };
}

/** Sends the new Blob to `send_object_to`, or shares it (returning the SharedBlob's id), or keeps it. */
async function handOver(
  session: WalrusSession,
  objectId: string,
  params: WriteParams,
): Promise<string | null> {
  if (params.sendObjectTo) await transferBlob(session, objectId, params.sendObjectTo);
  if (!params.share) return null;
  return (await shareBlob(session, objectId)).sharedBlobId;
}

/** One file of a quilt. */
export interface QuiltPart {
  identifier: string;
  contents: Uint8Array;
  tags?: Record<string, string>;
}

/** Splits a multipart body into quilt parts; `_metadata` gives tags by identifier. */
export async function quiltParts(req: IncomingMessage, body: Buffer): Promise<QuiltPart[]> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data'))
    throw new HttpError(400, 'BAD_REQUEST', 'PUT /v1/quilts needs a multipart/form-data body.');
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch (error) {
    throw new HttpError(400, 'BAD_REQUEST', `Malformed multipart body: ${(error as Error).message}`);
  }
  const tags = new Map<string, Record<string, string>>();
  const metadata = form.get('_metadata');
  if (metadata !== null) {
    let entries: unknown;
    try {
      entries = JSON.parse(typeof metadata === 'string' ? metadata : await metadata.text());
    } catch {
      throw new HttpError(
        400,
        'BAD_REQUEST',
        '_metadata must be JSON: [{"identifier": ..., "tags": {...}}].',
      );
    }
    if (!Array.isArray(entries))
      throw new HttpError(400, 'BAD_REQUEST', '_metadata must be an array of {identifier, tags}.');
    for (const entry of entries as { identifier?: unknown; tags?: unknown }[]) {
      if (typeof entry?.identifier !== 'string')
        throw new HttpError(400, 'BAD_REQUEST', 'Each _metadata entry needs a string identifier.');
      tags.set(entry.identifier, (entry.tags ?? {}) as Record<string, string>);
    }
  }
  const parts: QuiltPart[] = [];
  for (const [identifier, value] of form.entries()) {
    if (identifier === '_metadata') continue;
    const contents =
      typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(await value.arrayBuffer());
    const partTags = tags.get(identifier);
    parts.push({ identifier, contents, ...(partTags ? { tags: partTags } : {}) });
  }
  if (parts.length === 0) throw new HttpError(400, 'BAD_REQUEST', 'The quilt has no files.');
  for (const identifier of tags.keys())
    if (!parts.some((p) => p.identifier === identifier))
      throw new HttpError(400, 'BAD_REQUEST', `_metadata names "${identifier}", which is not a file field.`);
  return parts;
}

/** `PUT /v1/quilts`. */
export async function putQuilt(session: WalrusSession, parts: QuiltPart[], params: WriteParams) {
  const epochs = await resolveEpochs(session, params.epochs);
  const nShards = await session.nShards();
  const written = await guard(() =>
    session.walrus.writeQuilt({
      blobs: parts,
      epochs,
      deletable: params.deletable,
      signer: session.signer,
    }),
  );
  const sharedBlobObject = await handOver(session, written.blobObject.id, params);
  const cost = await guard(() => session.walrus.storageCost(Number(written.blobObject.size), epochs));
  const blobStoreResult: BlobStoreResult = {
    newlyCreated: {
      blobObject: blobObjectJson(written.blobObject),
      resourceOperation: {
        registerFromScratch: {
          encodedLength: encodedBlobLength(Number(written.blobObject.size), nShards),
          epochsAhead: epochs,
        },
      },
      cost: Number(cost.totalCost),
      sharedBlobObject,
    },
  };
  return {
    blobStoreResult,
    storedQuiltBlobs: written.index.patches.map((p) => ({
      identifier: p.identifier,
      quiltPatchId: p.patchId,
    })),
  };
}
