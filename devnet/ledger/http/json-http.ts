import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BodyErrors, readBody } from '../../../src/util/read-body.js';

/** Largest JSON body the faucet and admin endpoints accept. */
const MAX_JSON_BYTES = 64 * 1024;

/** An error with the HTTP status to answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const JSON_BODY_ERRORS: BodyErrors = {
  tooLarge: (limit) => new HttpError(413, `Body larger than ${limit} bytes`),
  aborted: () => new HttpError(400, 'Body not received completely'),
};

/** Reads and parses a small JSON body; an empty body is `{}`. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, MAX_JSON_BYTES, JSON_BODY_ERRORS);
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'Body must be a JSON object');
  }
}

/** Writes a JSON reply; bigints become decimal strings. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  res.writeHead(status, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
  });
  res.end(text);
}

/** True for loopback peers (admin endpoints refuse everyone else). */
export function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
