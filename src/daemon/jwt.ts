/**
 * Optional publisher auth, as the Rust publisher's `--jwt-decode-secret`: writes need `Authorization: Bearer
 * <JWT>` signed HS256 with the secret, not expired (`exp`, seconds). Claims that limit the write, when present:
 * `max_epochs` (the most epochs the token pays for) and `send_object_to` (the only allowed recipient).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';
import type { WriteParams } from './publisher.js';

interface Claims {
  exp?: number;
  max_epochs?: number;
  send_object_to?: string;
}

const unauthorized = (message: string) =>
  new HttpError(
    401,
    'UNAUTHORIZED',
    message,
    'Send Authorization: Bearer <JWT signed HS256 with the secret>.',
  );

/** Throws 401 unless the request carries a valid token allowing these write parameters (no-op without a secret). */
export function checkJwt(req: IncomingMessage, secret: string | undefined, params: WriteParams): void {
  if (secret === undefined) return;
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token) throw unauthorized('This publisher needs a JWT.');
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) throw unauthorized('Malformed JWT.');
  let alg: unknown;
  let claims: Claims;
  try {
    alg = JSON.parse(Buffer.from(header, 'base64url').toString()).alg;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
  } catch {
    throw unauthorized('Malformed JWT.');
  }
  if (alg !== 'HS256') throw unauthorized(`JWT algorithm ${String(alg)} is not accepted (HS256 only).`);
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw unauthorized('JWT signature does not match.');
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) throw unauthorized('JWT expired.');
  if (typeof claims.max_epochs === 'number' && params.epochs > claims.max_epochs)
    throw unauthorized(`The JWT allows at most ${claims.max_epochs} epochs (asked ${params.epochs}).`);
  if (claims.send_object_to !== undefined && claims.send_object_to !== params.sendObjectTo)
    throw unauthorized(`The JWT requires send_object_to=${claims.send_object_to}.`);
}
