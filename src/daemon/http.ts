/**
 * HTTP plumbing shared by the daemon's routes: the headers every Walrus daemon reply carries (nosniff, cache
 * control, CORS for any origin; walrus-protocol.md §13), JSON replies, errors mapped to status codes, and request
 * bodies read up to a limit (413 past it, before the rest is read).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors/codes.js';
import { NetworkError } from '../errors/network-error.js';
import { WalrusError } from '../errors/walrus-error.js';
import { type BodyErrors, readBody as readLimitedBody } from '../util/read-body.js';

/** Headers on every reply. */
export const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, PUT, POST, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': '*',
  'access-control-max-age': '86400',
};

/** Cache control on blob reads (content-addressed, so cacheable). */
export const BLOB_CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=3600';

/** An error with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Sends a JSON document. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The status a CLI error maps to: a user error is the client's (400/404/413), a network one the nodes' (502). */
function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof NetworkError) return 502;
  if (error instanceof WalrusError) {
    if (error.code === ErrorCode.NotFound) return 404;
    if (error.code === ErrorCode.BlobTooLarge) return 413;
    if (error.code === ErrorCode.InsufficientFunds) return 503;
    if (error.exitCode === 1) return 400;
  }
  return 500;
}

/** Sends `{error: {status, code, message, hint?}}` for any thrown value. */
export function sendError(res: ServerResponse, error: unknown): void {
  const status = statusOf(error);
  const code = error instanceof HttpError || error instanceof WalrusError ? error.code : 'INTERNAL_ERROR';
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof HttpError || error instanceof WalrusError ? error.hint : undefined;
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  sendJson(res, status, { error: { status, code, message, ...(hint ? { hint } : {}) } });
}

/**
 * Reads a request body of at most `limit` bytes. A `content-length` above it is refused before reading; a body
 * that grows past it stops being read. Either way: 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return readLimitedBody(req, limit, DAEMON_BODY_ERRORS);
}

const DAEMON_BODY_ERRORS: BodyErrors = {
  tooLarge: (limit) =>
    new HttpError(
      413,
      'PAYLOAD_TOO_LARGE',
      `The request body is larger than this daemon's limit of ${limit} bytes.`,
      'Send a smaller body, or start the daemon with a larger --max-body-size.',
    ),
  aborted: () =>
    new HttpError(
      400,
      'BAD_REQUEST',
      'The request body was not received completely.',
      'Send the request again.',
    ),
};

/** A query parameter as a boolean (`true`/`false`, or present without a value = true); undefined when absent. */
export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw new HttpError(400, 'BAD_REQUEST', `Query parameter ${name} must be true or false (got "${value}").`);
}

/** A query parameter as a non-negative integer; undefined when absent. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `Query parameter ${name} must be a non-negative integer (got "${value}").`,
    );
  return Number(value);
}
