/**
 * The aggregator's read routes (walrus-protocol.md §13): a blob by id (a `Range` header gives 206 with
 * `Content-Range`), a byte range by query, a blob by its Sui object id with response headers taken from the blob's
 * attributes (allow-listed), quilt patches by patch id and by quilt id + identifier, a quilt's patch list. Bytes
 * come from the CLI's reader (src/blob/read-blob.ts: decoded and checked against the blob id); quilts are parsed from
 * those bytes (src/blob/quilt-layout.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { blobIdFromInt } from '@mysten/walrus';
import { readAttributes } from '../blob/blob-attributes.js';
import { parseBlobId } from '../blob/blob-input.js';
import type { BlobStream } from '../blob/blob-stream.js';
import { parsePatchId } from '../blob/quilt-layout.js';
import { openQuilt, quiltPatchAt, quiltPatches } from '../blob/quilts.js';
import { openBlobRead, type ReadBlobOptions } from '../blob/read-blob.js';
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

/** The headers of every blob reply. */
function blobHeaders(headers: Record<string, string>): Record<string, string> {
  return {
    ...COMMON_HEADERS,
    'cache-control': BLOB_CACHE_CONTROL,
    'accept-ranges': 'bytes',
    'content-type': 'application/octet-stream',
    ...headers,
  };
}

/** Sends bytes held in memory (a quilt patch): the whole of them, or the part a `Range` header asks for. */
function sendBytes(
  req: IncomingMessage,
  res: ServerResponse,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
): void {
  const base = blobHeaders(headers);
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
 * Streams a blob (the whole of it, or the part a `Range` header asks for) from the verified sliver stream: the
 * status and headers go out with the first verified chunk (so a read that fails before it is a proper error reply),
 * then each chunk as the client takes it (backpressure bounds what is buffered). A failure after the headers cuts the
 * connection, so the client sees a body shorter than its Content-Length, never wrong bytes.
 */
async function streamBlob(
  req: IncomingMessage,
  res: ServerResponse,
  blob: BlobStream,
  headers: Record<string, string>,
): Promise<void> {
  const range = req.headers.range;
  const [start, end] = range === undefined ? [0, blob.size - 1] : parseRange(range, blob.size);
  const head = {
    ...blobHeaders(headers),
    'content-length': end - start + 1,
    ...(range === undefined ? {} : { 'content-range': `bytes ${start}-${end}/${blob.size}` }),
  };
  await streamSpan(req, res, blob, start, end + 1, range === undefined ? 200 : 206, head);
}

/** Writes `status`, `head` and bytes `[start, end)` of `blob` (nothing of the body for HEAD). */
async function streamSpan(
  req: IncomingMessage,
  res: ServerResponse,
  blob: BlobStream,
  start: number,
  end: number,
  status: number,
  head: Record<string, string | number>,
): Promise<void> {
  if (req.method === 'HEAD') {
    res.writeHead(status, head);
    res.end();
    return;
  }
  const chunks = blob.bytes(start, end);
  try {
    const first = await chunks.next();
    res.writeHead(status, head);
    if (!first.done) await writeChunk(res, first.value);
    for await (const chunk of chunks) await writeChunk(res, chunk);
    res.end();
  } finally {
    await chunks.return();
  }
}

/** Writes one chunk, waiting for the socket to drain when its buffer is full; throws when the client went away. */
async function writeChunk(res: ServerResponse, chunk: Uint8Array): Promise<void> {
  if (res.destroyed) throw new Error('the client closed the connection');
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', closed);
      resolve();
    };
    const closed = () => {
      res.off('drain', done);
      reject(new Error('the client closed the connection'));
    };
    res.once('drain', done);
    res.once('close', closed);
  });
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

export async function getBlob(
  session: WalrusSession,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  notes: ReadBlobOptions = {},
) {
  const blobId = parseBlobId(id);
  await streamBlob(req, res, await openBlobRead(session, blobId, notes), { etag: `"${blobId}"` });
}

export async function getByteRange(
  session: WalrusSession,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  query: URLSearchParams,
  notes: ReadBlobOptions = {},
) {
  const start = intParam(query, 'start');
  const length = intParam(query, 'length');
  if (start === undefined || length === undefined || length === 0)
    throw new HttpError(400, 'BAD_REQUEST', 'byte-range needs ?start=OFFSET&length=N (N ≥ 1).');
  const blob = await openBlobRead(session, parseBlobId(id), notes);
  if (start + length > blob.size)
    throw new HttpError(
      416,
      'RANGE_NOT_SATISFIABLE',
      `start + length (${start + length}) is past the end of the blob (${blob.size} bytes).`,
    );
  await streamSpan(req, res, blob, start, start + length, 206, {
    ...COMMON_HEADERS,
    'cache-control': BLOB_CACHE_CONTROL,
    'content-type': 'application/octet-stream',
    'content-length': length,
    'content-range': `bytes ${start}-${start + length - 1}/${blob.size}`,
  });
}

export async function getByObjectId(
  session: WalrusSession,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  notes: ReadBlobOptions = {},
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
  await streamBlob(
    req,
    res,
    await openBlobRead(session, blobIdFromInt(BigInt(blob.blob_id)), notes),
    headers,
  );
}

function sendPatch(
  req: IncomingMessage,
  res: ServerResponse,
  patch: { identifier: string; bytes: Uint8Array },
  etag: string,
): void {
  sendBytes(req, res, patch.bytes, { 'x-quilt-patch-identifier': patch.identifier, etag: `"${etag}"` });
}

export async function getByPatchId(
  session: WalrusSession,
  req: IncomingMessage,
  res: ServerResponse,
  patchId: string,
) {
  const parsed = parsePatchId(patchId);
  if (!parsed) throw new HttpError(400, 'BAD_REQUEST', `"${patchId}" is not a quilt patch id.`);
  const quilt = await openQuilt(session, parsed.quiltId);
  sendPatch(req, res, quiltPatchAt(quilt, parsed.startIndex), patchId);
}

export async function getByQuiltIdentifier(
  session: WalrusSession,
  req: IncomingMessage,
  res: ServerResponse,
  quiltId: string,
  identifier: string,
) {
  const quilt = await openQuilt(session, quiltId);
  const patch = quiltPatches(quilt).find((p) => p.identifier === identifier);
  if (!patch) throw new UserError(ErrorCode.NotFound, `Quilt ${quiltId} has no patch named "${identifier}".`);
  sendPatch(req, res, quiltPatchAt(quilt, patch.startIndex), `${quiltId}/${identifier}`);
}

/** The quilt's patches: identifier, patch id and tags of each (the Rust aggregator's list). */
export async function getQuiltPatches(session: WalrusSession, res: ServerResponse, quiltId: string) {
  const patches = quiltPatches(await openQuilt(session, quiltId));
  sendJson(
    res,
    200,
    patches.map((p) => ({ identifier: p.identifier, patchId: p.patchId, tags: p.tags })),
  );
}
