import { createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from '../../src/util/read-body.js';

const errors = {
  tooLarge: (limit: number, declared?: number) => new Error(`too large: ${limit} ${declared ?? '-'}`),
  aborted: () => new Error('aborted'),
};

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A server on 127.0.0.1 that reads each body with a 10-byte limit and hands the outcome to the test. */
async function serve(): Promise<{ port: number; next: Promise<string>; received: Promise<void> }> {
  let settle!: (outcome: string) => void;
  let arrived!: () => void;
  const next = new Promise<string>((resolve) => (settle = resolve));
  const received = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((req: IncomingMessage, res) => {
    req.once('data', () => arrived());
    readBody(req, 10, errors).then(
      (body) => settle(`ok ${body.toString()}`),
      (error: Error) => settle(error.message),
    );
    req.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  return { port: (server.address() as AddressInfo).port, next, received };
}

function send(port: number, chunks: string[], headers: Record<string, string> = {}, end = true) {
  const req = request({ host: '127.0.0.1', port, method: 'POST', headers });
  req.on('error', () => undefined);
  for (const chunk of chunks) req.write(chunk);
  if (end) req.end();
  return req;
}

describe('readBody', () => {
  it('returns a body within the limit', async () => {
    const { port, next } = await serve();
    send(port, ['hello', ' you']);
    expect(await next).toBe('ok hello you');
  });

  it('refuses a declared content-length over the limit before reading', async () => {
    const { port, next } = await serve();
    send(port, ['x'.repeat(11)], { 'content-length': '11' });
    expect(await next).toBe('too large: 10 11');
  });

  it('refuses a streamed body once it grows past the limit', async () => {
    const { port, next } = await serve();
    send(port, ['123456', '789012']);
    expect(await next).toBe('too large: 10 -');
  });

  it('reports a body the client did not finish', async () => {
    const { port, next, received } = await serve();
    const req = send(port, ['1234'], { 'content-length': '8' }, false);
    await received; // the server has the first bytes: now the client goes away
    req.destroy();
    expect(await next).toBe('aborted');
  });
});
