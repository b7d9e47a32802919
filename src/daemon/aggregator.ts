/**
 * The aggregator's read routes (walrus-protocol.md §13): a blob by id (a `Range` header gives 206 with
 * `Content-Range`), a byte range by query, a blob by its Sui object id with response headers taken from the blob's
 * attributes (allow-listed), quilt patches by patch id and by quilt id + identifier, a quilt's patch list. Bytes
 * come from the CLI's reader (src/blob/read-blob.ts: decoded and checked against the blob id); quilts from the
 * SDK's `getBlob`/`getFiles`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { blobIdFromInt } from '@mysten/walrus';
import { readAttributes } from '../blob/blob-attributes.js';
import { parseBlobId } from '../blob/blob-input.js';
import { readBlob } from '../blob/read-blob.js';
import { parseObjectId } from '../clients/object-id.js';
import { guard, type WalrusSession } from '../clients/walrus-session.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { BLOB_CACHE_CONTROL, COMMON_HEADERS, HttpError, intParam, sendJson } from './http.js';

/** Blob attributes that become response headers on `/v1/blobs/by-object-id/…` (the Rust aggregator's allow-list). */
export const ATTRIBUTE_HEADERS = [
  'content-type',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-location',
  'link',
] as const;

/** Sends blob bytes (the whole blob, or the part a `Range` header asks for). */
function sendBytes(
  req: IncomingMessage,
  res: ServerResponse,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
): void {
  const base = {
    ...COMMON_HEADERS,
    'cache-control': BLOB_CACHE_CONTROL,
    'accept-ranges': 'bytes',
    'content-type': 'application/octet-stream',
    ...headers,
  };
  const range = req.headers.range;
  if (range === undefined) {
    res.writeHead(200, { ...base, 'content-length': bytes.length });
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return;
  }
  const [start, end] = parseRange(range, bytes.length);
  res.writeHead(206, {
    ...base,
    'content-length': end - start + 1,
    'content-range': `bytes ${start}-${end}/${bytes.length}`,
  });
  res.end(req.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1));
}

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range, as inclusive offsets. Malformed or multi-part: 400;
 * outside the blob: 416.
 */
export function parseRange(header: string, size: number): [number, number] {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) {
    throw new HttpError(
      400,
      'BAD_RANGE',
      `Unsupported Range header "${header}": use one range, bytes=START-END, bytes=START- or bytes=-SUFFIX.`,
    );
  }
  const unsatisfiable = () =>
    new HttpError(416, 'RANGE_NOT_SATISFIABLE', `Range ${header} is outside the blob (${size} bytes).`);
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || (match[2] !== '' && Number(match[2]) < start)) throw unsatisfiable();
  return [start, end];
}

export async function getBlob(session: WalrusSession, req: IncomingMessage, res: ServerResponse, id: string) {
  const blobId = parseBlobId(id);
  const { bytes } = await readBlob(session, blobId);
  sendBytes(req, res, bytes, { etag: `"${blobId}"` });
}

export async function getByteRange(
  session: WalrusSession,
  res: ServerResponse,
  id: string,
  query: URLSearchParams,
) {
  const start = intParam(query, 'start');
  const length = intParam(query, 'length');
  if (start === undefined || length === undefined || length === 0)
    throw new HttpError(400, 'BAD_REQUEST', 'byte-range needs ?start=OFFSET&length=N (N ≥ 1).');
  const { bytes } = await readBlob(session, parseBlobId(id));
  if (start + length > bytes.length)
    throw new HttpError(
      416,
      'RANGE_NOT_SATISFIABLE',
      `start + length (${start + length}) is past the end of the blob (${bytes.length} bytes).`,
    );
  res.writeHead(206, {
    ...COMMON_HEADERS,
    'cache-control': BLOB_CACHE_CONTROL,
    'content-type': 'application/octet-stream',
    'content-length': length,
    'content-range': `bytes ${start}-${start + length - 1}/${bytes.length}`,
  });
  res.end(bytes.subarray(start, start + length));
}

export async function getByObjectId(
  session: WalrusSession,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
) {
  const objectId = parseObjectId(id);
  const blob = await guard(() => session.walrus.getBlobObject(objectId)).catch((error: unknown) => {
    throw new UserError(ErrorCode.NotFound, `No Blob object ${objectId}: ${(error as Error).message}`);
  });
  const attributes = (await readAttributes(session, objectId)) ?? {};
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const name = key.toLowerCase();
    if ((ATTRIBUTE_HEADERS as readonly string[]).includes(name)) headers[name] = value;
  }
  const { bytes } = await readBlob(session, blobIdFromInt(BigInt(blob.blob_id)));
  sendBytes(req, res, bytes, headers);
}

async function sendPatch(
  req: IncomingMessage,
  res: ServerResponse,
  file: { bytes(): Promise<Uint8Array>; getIdentifier(): Promise<string | null> },
  etag: string,
) {
  const bytes = await file.bytes();
  const identifier = (await file.getIdentifier()) ?? '';
  sendBytes(req, res, bytes, { 'x-quilt-patch-identifier': identifier, etag: `"${etag}"` });
}

export async function getByPatchId(
  session: WalrusSession,
  req: IncomingMessage,
  res: ServerResponse,
  patchId: string,
) {
  if (!/^[A-Za-z0-9_-]{40,}$/.test(patchId))
    throw new HttpError(400, 'BAD_REQUEST', `"${patchId}" is not a quilt patch id.`);
  let files: Awaited<ReturnType<WalrusSession['walrus']['getFiles']>>;
  try {
    files = await guard(() => session.walrus.getFiles({ ids: [patchId] }));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new UserError(ErrorCode.NotFound, `Quilt patch ${patchId} not found: ${(error as Error).message}`);
  }
  await sendPatch(req, res, files[0]!, patchId);
}

/** The quilt's patches, each with identifier and tags. */
async function quiltFiles(session: WalrusSession, quiltId: string) {
  const blobId = parseBlobId(quiltId);
  try {
    const blob = await guard(() => session.walrus.getBlob({ blobId }));
    return await blob.files();
  } catch (error) {
    throw new UserError(
      ErrorCode.NotFound,
      `${blobId} is not a readable quilt on this network: ${(error as Error).message}`,
    );
  }
}

export async function getByQuiltIdentifier(
  session: WalrusSession,
  req: IncomingMessage,
  res: ServerResponse,
  quiltId: string,
  identifier: string,
) {
  const files = await quiltFiles(session, quiltId);
  for (const file of files) {
    if ((await file.getIdentifier()) === identifier)
      return sendPatch(req, res, file, `${quiltId}/${identifier}`);
  }
  throw new UserError(ErrorCode.NotFound, `Quilt ${quiltId} has no patch named "${identifier}".`);
}

export async function getQuiltPatches(session: WalrusSession, res: ServerResponse, quiltId: string) {
  const files = await quiltFiles(session, quiltId);
  const patches = await Promise.all(
    files.map(async (file) => ({ identifier: await file.getIdentifier(), tags: await file.getTags() })),
  );
  sendJson(res, 200, patches);
}
