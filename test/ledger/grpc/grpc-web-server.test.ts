/** The grpc-web HTTP server at the wire level: framing, errors, CORS, limits, fallback, shutdown. */

import http from 'node:http';
import net from 'node:net';
import { GrpcTypes, SuiGrpcClient } from '@mysten/sui/grpc';
import { base64decode } from '@protobuf-ts/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORS_ALLOWED_HEADERS,
  type GrpcWebServer,
  startGrpcWebServer,
} from '../../../devnet/ledger/rpc/grpc/grpc-web-server.js';
import {
  decodeGrpcWebText,
  encodeGrpcMessage,
  parseGrpcTimeout,
} from '../../../devnet/ledger/rpc/grpc/grpc-web-wire.js';
import { RpcStatusError, StatusCode } from '../../../devnet/ledger/rpc/grpc/service-registry.js';
import { CHAIN_ID, createFixtureRouter, signal, stuckUnaryRouter, UNICODE_ERROR } from './fixtures.js';

const LEDGER = '/sui.rpc.v2.LedgerService';

function frame(payload: Uint8Array, flag = 0): Uint8Array {
  const out = new Uint8Array(5 + payload.length);
  out[0] = flag;
  new DataView(out.buffer).setUint32(1, payload.length);
  out.set(payload, 5);
  return out;
}

interface ParsedBody {
  messages: Uint8Array[];
  trailer: Record<string, string> | undefined;
  /** The trailer frame's raw text. */
  trailerText: string | undefined;
}

function parseGrpcWebBody(raw: Uint8Array, contentType: string | null): ParsedBody {
  const bytes = contentType?.includes('text') ? base64decode(Buffer.from(raw).toString('latin1')) : raw;
  const messages: Uint8Array[] = [];
  let trailer: Record<string, string> | undefined;
  let trailerText: string | undefined;
  let offset = 0;
  while (offset < bytes.length) {
    const flag = bytes[offset]!;
    const length = new DataView(bytes.buffer, bytes.byteOffset + offset + 1, 4).getUint32(0);
    const payload = bytes.subarray(offset + 5, offset + 5 + length);
    if (flag === 0x80) {
      trailerText = Buffer.from(payload).toString('latin1');
      trailer = {};
      for (const line of trailerText.split('\r\n')) {
        if (!line) continue;
        const colon = line.indexOf(':');
        trailer[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
    } else {
      expect(trailer, 'data frame after the trailer').toBeUndefined();
      messages.push(payload);
    }
    offset += 5 + length;
  }
  expect(offset).toBe(bytes.length);
  return { messages, trailer, trailerText };
}

async function grpcPost(
  url: string,
  path: string,
  body: Uint8Array | string,
  contentType = 'application/grpc-web+proto',
  headers: Record<string, string> = {},
): Promise<ParsedBody & { response: Response; raw: Uint8Array }> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-grpc-web': '1', ...headers },
    body,
  });
  const raw = new Uint8Array(await response.arrayBuffer());
  return { response, raw, ...parseGrpcWebBody(raw, response.headers.get('content-type')) };
}

function serviceInfoRequest(): Uint8Array {
  return frame(GrpcTypes.GetServiceInfoRequest.toBinary({}));
}

describe('grpc-web server', () => {
  let server: GrpcWebServer;
  let fallbackCalls = 0;
  beforeAll(async () => {
    const { router } = createFixtureRouter();
    server = await startGrpcWebServer({
      router,
      maxRequestBytes: 64 * 1024,
      fallback: (req, res) => {
        fallbackCalls++;
        if (req.url === '/throws') throw new Error('fallback failed');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path: req.url, method: req.method }));
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  async function expectAlive(): Promise<void> {
    const { response, messages, trailer } = await grpcPost(
      server.url,
      `${LEDGER}/GetServiceInfo`,
      serviceInfoRequest(),
    );
    expect(response.status).toBe(200);
    expect(trailer?.['grpc-status']).toBe('0');
    expect(GrpcTypes.GetServiceInfoResponse.fromBinary(messages[0]!).chainId).toBe(CHAIN_ID);
  }

  it('listens on 127.0.0.1 by default and reports its url', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers grpc-web-text with one base64 body: data frame, then trailer', async () => {
    const request = Buffer.from(serviceInfoRequest()).toString('base64');
    const { response, raw, messages, trailer, trailerText } = await grpcPost(
      server.url,
      `${LEDGER}/GetServiceInfo`,
      request,
      'application/grpc-web-text',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/grpc-web-text');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const exposed = response.headers.get('access-control-expose-headers') ?? '';
    expect(exposed).toContain('grpc-status');
    expect(exposed).toContain('grpc-message');
    expect(exposed).toContain('x-sui-chain-id');
    expect(response.headers.get('x-sui-chain-id')).toBe(CHAIN_ID);
    // A unary text body is a single base64 string: padding only at its very end.
    expect(Buffer.from(raw).toString('latin1')).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(messages).toHaveLength(1);
    expect(GrpcTypes.GetServiceInfoResponse.fromBinary(messages[0]!).chainId).toBe(CHAIN_ID);
    expect(trailerText).toBe('grpc-status: 0\r\n');
    expect(trailer).toEqual({ 'grpc-status': '0' });
  });

  it.each(['application/grpc-web', 'application/grpc-web+proto'])(
    'answers binary %s with the same content type',
    async (contentType) => {
      const { response, messages, trailer } = await grpcPost(
        server.url,
        `${LEDGER}/GetServiceInfo`,
        serviceInfoRequest(),
        contentType,
      );
      expect(response.headers.get('content-type')).toBe(contentType);
      expect(response.headers.get('content-length')).toBe(String(5 + messages[0]!.length + 5 + 16));
      expect(GrpcTypes.GetServiceInfoResponse.fromBinary(messages[0]!).chainId).toBe(CHAIN_ID);
      expect(trailer?.['grpc-status']).toBe('0');
    },
  );

  it('drops content type parameters in the reply', async () => {
    const { response, trailer } = await grpcPost(
      server.url,
      `${LEDGER}/GetServiceInfo`,
      Buffer.from(serviceInfoRequest()).toString('base64'),
      'application/grpc-web-text; charset=utf-8',
    );
    expect(response.headers.get('content-type')).toBe('application/grpc-web-text');
    expect(trailer?.['grpc-status']).toBe('0');
  });

  it('percent-encodes status messages in the trailer', async () => {
    const request = frame(
      GrpcTypes.GetCheckpointRequest.toBinary({ checkpointId: { oneofKind: undefined } }),
    );
    const { messages, trailer } = await grpcPost(server.url, `${LEDGER}/GetCheckpoint`, request);
    expect(messages).toHaveLength(0);
    expect(trailer?.['grpc-status']).toBe(String(StatusCode.INTERNAL));
    expect(trailer?.['grpc-message']).toBe('boom %E2%9C%93 100%25 done%0Asecond line: ok');
    expect(decodeURIComponent(trailer!['grpc-message']!)).toBe(UNICODE_ERROR);
  });

  it('writes one data frame per streamed message, each readable on its own in text format', async () => {
    const request = frame(GrpcTypes.ListTransactionsRequest.toBinary({ options: { limit: 2 } }));
    const { response, raw, messages, trailer } = await grpcPost(
      server.url,
      `${LEDGER}/ListTransactions`,
      Buffer.from(request).toString('base64'),
      'application/grpc-web-text',
    );
    expect(response.headers.get('content-type')).toBe('application/grpc-web-text');
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(messages.map((m) => GrpcTypes.ListTransactionsResponse.fromBinary(m).transaction?.digest)).toEqual(
      ['tx-0', 'tx-1', undefined],
    );
    expect(trailer?.['grpc-status']).toBe('0');
    // Each frame is its own padded base64 string (parseGrpcWebBody decoded their concatenation).
    expect(raw.length % 4).toBe(0);
  });

  it('ends a stream with the deadline of grpc-timeout', async () => {
    const request = frame(GrpcTypes.SubscribeCheckpointsRequest.toBinary({}));
    const { messages, trailer } = await grpcPost(
      server.url,
      '/sui.rpc.v2.SubscriptionService/SubscribeCheckpoints',
      request,
      'application/grpc-web+proto',
      { 'grpc-timeout': '150m' },
    );
    // The stream was open until the deadline ended it (how soon is a timing, not tested here).
    expect(messages).toHaveLength(1);
    expect(trailer?.['grpc-status']).toBe(String(StatusCode.DEADLINE_EXCEEDED));
  });

  describe('unknown routes are UNIMPLEMENTED', () => {
    it.each([
      [`${LEDGER}/NoSuchMethod`, 'unknown method NoSuchMethod'],
      [`${LEDGER}/GetEpoch`, 'not implemented'],
      ['/acme.v1.Nothing/Call', 'unknown service acme.v1.Nothing'],
      ['/', 'no gRPC method'],
    ])('%s', async (path, message) => {
      const { response, messages, trailer } = await grpcPost(server.url, path, serviceInfoRequest());
      expect(response.status).toBe(200);
      expect(messages).toHaveLength(0);
      expect(trailer?.['grpc-status']).toBe(String(StatusCode.UNIMPLEMENTED));
      expect(decodeURIComponent(trailer?.['grpc-message'] ?? '')).toContain(message);
    });
  });

  describe('malformed bodies get an error trailer, never a crash', () => {
    const cases: [string, string, Uint8Array | string, number][] = [
      ['invalid base64', 'application/grpc-web-text', '!!!not base64!!!', StatusCode.INVALID_ARGUMENT],
      ['base64 with a stray char', 'application/grpc-web-text', 'AAAA*AAA', StatusCode.INVALID_ARGUMENT],
      ['empty body', 'application/grpc-web+proto', new Uint8Array(), StatusCode.INVALID_ARGUMENT],
      ['truncated header', 'application/grpc-web+proto', Uint8Array.of(0, 0, 0), StatusCode.INVALID_ARGUMENT],
      ['truncated frame', 'application/grpc-web+proto', Uint8Array.of(0, 0, 0, 0, 10, 1, 2), 3],
      [
        'invalid protobuf',
        'application/grpc-web+proto',
        frame(Uint8Array.of(0x0f)),
        StatusCode.INVALID_ARGUMENT,
      ],
      [
        'two messages',
        'application/grpc-web+proto',
        Buffer.concat([frame(new Uint8Array()), frame(new Uint8Array())]),
        StatusCode.INVALID_ARGUMENT,
      ],
      [
        'trailer frame',
        'application/grpc-web+proto',
        frame(new Uint8Array(), 0x80),
        StatusCode.INVALID_ARGUMENT,
      ],
      ['compressed', 'application/grpc-web+proto', frame(new Uint8Array(), 0x01), StatusCode.UNIMPLEMENTED],
    ];
    it.each(cases)('%s', async (_name, contentType, body, code) => {
      const { response, messages, trailer } = await grpcPost(
        server.url,
        `${LEDGER}/GetServiceInfo`,
        body,
        contentType,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(contentType);
      expect(messages).toHaveLength(0);
      expect(trailer?.['grpc-status']).toBe(String(code));
      expect(trailer?.['grpc-message']).toBeTruthy();
      await expectAlive();
    });

    it('grpc-web+json is refused in the headers', async () => {
      const response = await fetch(`${server.url}${LEDGER}/GetServiceInfo`, {
        method: 'POST',
        headers: { 'content-type': 'application/grpc-web+json' },
        body: '{}',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('grpc-status')).toBe(String(StatusCode.UNIMPLEMENTED));
      await expectAlive();
    });

    it('garbage that is not even HTTP gets a 400', async () => {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
        let data = '';
        socket.on('data', (chunk) => {
          data += chunk.toString('latin1');
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400/);
      await expectAlive();
    });
  });

  describe('request size limit', () => {
    // 100 kB against the 64 KiB limit of this server
    const big = () => frame(new Uint8Array(100_000));

    it('rejects a body over the limit with RESOURCE_EXHAUSTED (binary and text)', async () => {
      const binary = await grpcPost(server.url, `${LEDGER}/GetServiceInfo`, big());
      expect(binary.trailer?.['grpc-status']).toBe(String(StatusCode.RESOURCE_EXHAUSTED));
      const text = await grpcPost(
        server.url,
        `${LEDGER}/GetServiceInfo`,
        Buffer.from(big()).toString('base64'),
        'application/grpc-web-text',
      );
      expect(text.trailer?.['grpc-status']).toBe(String(StatusCode.RESOURCE_EXHAUSTED));
      await expectAlive();
    });

    it('also when the body is chunked without a content-length', async () => {
      const url = new URL(`${server.url}${LEDGER}/GetServiceInfo`);
      const result = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>(
        (resolve, reject) => {
          const req = http.request(
            url,
            { method: 'POST', headers: { 'content-type': 'application/grpc-web+proto' } },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
              res.on('error', reject);
            },
          );
          req.on('error', reject);
          const payload = big();
          for (let i = 0; i < payload.length; i += 8192) req.write(payload.subarray(i, i + 8192));
          req.end();
        },
      );
      const parsed = parseGrpcWebBody(result.body, result.headers['content-type'] ?? null);
      expect(parsed.trailer?.['grpc-status']).toBe(String(StatusCode.RESOURCE_EXHAUSTED));
      await expectAlive();
    });
  });

  describe('CORS', () => {
    it('answers preflights with the grpc-web headers', async () => {
      const response = await fetch(`${server.url}${LEDGER}/GetServiceInfo`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'content-type,x-grpc-web,x-sui-client-protocol-version,x-custom-meta',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
      for (const name of [...CORS_ALLOWED_HEADERS, 'x-custom-meta']) expect(allowed).toContain(name);
      expect(CORS_ALLOWED_HEADERS).toEqual(
        expect.arrayContaining([
          'content-type',
          'x-grpc-web',
          'x-sui-client-protocol-version',
          'x-user-agent',
          'grpc-timeout',
        ]),
      );
      const exposed = response.headers.get('access-control-expose-headers') ?? '';
      expect(exposed).toContain('grpc-status');
      expect(exposed).toContain('grpc-message');
    });
  });

  describe('fallback routes', () => {
    it('gets non-grpc requests, with CORS preset', async () => {
      const before = fallbackCalls;
      const get = await fetch(`${server.url}/health`);
      expect(get.status).toBe(200);
      expect(await get.json()).toEqual({ path: '/health', method: 'GET' });
      expect(get.headers.get('access-control-allow-origin')).toBe('*');
      const post = await fetch(`${server.url}/v2/gas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await post.json()).toEqual({ path: '/v2/gas', method: 'POST' });
      expect(fallbackCalls).toBe(before + 2);
    });

    it('a throwing fallback yields a 500, not a crash', async () => {
      const response = await fetch(`${server.url}/throws`);
      expect(response.status).toBe(500);
      await expectAlive();
    });

    it('without a fallback, non-grpc requests get a 404', async () => {
      const { router } = createFixtureRouter();
      const bare = await startGrpcWebServer({ router });
      try {
        expect((await fetch(`${bare.url}/health`)).status).toBe(404);
      } finally {
        await bare.close();
      }
    });
  });
});

/**
 * How promptly close() returns is measured in bench/grpc-web-close.ts. Here each case is set up so that a close()
 * that waited (for an idle keep-alive connection, a live stream or a stuck handler) would never return within the
 * test: keep-alive and grace periods far longer than the test timeout.
 */
const FOREVER_MS = 10 * 60_000;

describe('grpc-web server shutdown', () => {
  it('close() does not wait for idle keep-alive connections: it closes them', async () => {
    const { router } = createFixtureRouter();
    const server = await startGrpcWebServer({ router, shutdownGraceMs: FOREVER_MS });
    server.server.keepAliveTimeout = FOREVER_MS;
    const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: FOREVER_MS });
    try {
      const post = () =>
        new Promise<{ reused: boolean }>((resolve, reject) => {
          const body = serviceInfoRequest();
          const req = http.request(
            `${server.url}${LEDGER}/GetServiceInfo`,
            {
              method: 'POST',
              agent,
              headers: { 'content-type': 'application/grpc-web+proto', 'content-length': body.length },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ reused: req.reusedSocket }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      await post();
      const second = await post();
      expect(second.reused).toBe(true); // keep-alive works
      // Wait until the socket is back in the agent's free pool: an idle keep-alive connection.
      await expect.poll(() => Object.values(agent.freeSockets).flat().length).toBe(1);
      const idle = Object.values(agent.freeSockets).flat()[0]!;
      const closedByServer = new Promise<void>((resolve) => idle.once('close', () => resolve()));

      await server.close();
      await closedByServer;
      expect(idle.destroyed).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('close() ends live streams with UNAVAILABLE and returns without waiting for them', async () => {
    const { router, state } = createFixtureRouter();
    const server = await startGrpcWebServer({ router, shutdownGraceMs: FOREVER_MS });
    const client = new SuiGrpcClient({ network: 'localnet', baseUrl: server.url });
    const call = client.subscriptionService.subscribeCheckpoints({});
    const { reached: first, reach: firstReceived } = signal();
    const consumed = (async () => {
      for await (const _ of call.responses) firstReceived();
    })();
    await first;

    await server.close();
    await expect(consumed).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect.poll(() => state.subscriptionAborts.length).toBe(1);
    expect(state.subscriptionAborts[0]).toBeInstanceOf(RpcStatusError);
    expect((state.subscriptionAborts[0] as RpcStatusError).code).toBe(StatusCode.UNAVAILABLE);
    // close() is idempotent
    await server.close();
  });

  it('close() answers running unary calls with UNAVAILABLE, even if the handler ignores the signal', async () => {
    const { router, inHandler, release } = stuckUnaryRouter({ chainId: CHAIN_ID });
    const server = await startGrpcWebServer({ router, shutdownGraceMs: FOREVER_MS });
    const pending = grpcPost(server.url, `${LEDGER}/GetServiceInfo`, serviceInfoRequest());
    await inHandler;
    // The handler is still stuck when close() returns and the call has its answer.
    await server.close();
    expect((await pending).trailer?.['grpc-status']).toBe(String(StatusCode.UNAVAILABLE));
    release();
  });

  it('close() lets requests run for the grace period, then cuts them', async () => {
    const { router } = createFixtureRouter();
    const { reached: inFallback, reach } = signal();
    // A plain-HTTP route that never answers.
    const server = await startGrpcWebServer({ router, shutdownGraceMs: 100, fallback: () => reach() });
    let outcome: string | undefined;
    const pending = fetch(`${server.url}/hang`).then(
      (r) => `status ${r.status}`,
      () => 'connection closed',
    );
    void pending.then((result) => {
      outcome = result;
    });
    await inFallback;
    const closed = server.close();
    // Not cut at once: the connection survives the rest of this turn and the next of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcome).toBeUndefined();
    await closed;
    expect(await pending).toBe('connection closed');
  });

  it('rejects when the port is taken', async () => {
    const { router } = createFixtureRouter();
    const first = await startGrpcWebServer({ router });
    try {
      await expect(startGrpcWebServer({ router, port: first.port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.close();
    }
  });
});

describe('grpc-web helpers', () => {
  it('decodes grpc-web-text with inner padding and whitespace', () => {
    const a = Buffer.from('ab');
    const b = Buffer.from('cde');
    const text = `${a.toString('base64')}\r\n${b.toString('base64')} ${Buffer.from('fghi').toString('base64')}`;
    expect(Buffer.from(decodeGrpcWebText(Buffer.from(text))).toString()).toBe('abcdefghi');
    // unpadded tails are tolerated
    expect(Buffer.from(decodeGrpcWebText(Buffer.from('YWI'))).toString()).toBe('ab');
    for (const bad of ['A', 'A===', 'AB=C', 'AB=', 'AB*D', '=AAA']) {
      expect(() => decodeGrpcWebText(Buffer.from(bad)), bad).toThrow(RpcStatusError);
    }
  });

  it('percent-encodes like gRPC', () => {
    expect(encodeGrpcMessage('plain text: ok')).toBe('plain text: ok');
    expect(encodeGrpcMessage('50% ✓\r\n')).toBe('50%25 %E2%9C%93%0D%0A');
  });

  it('parses grpc-timeout', () => {
    expect(parseGrpcTimeout('150m')).toBe(150);
    expect(parseGrpcTimeout('2S')).toBe(2000);
    expect(parseGrpcTimeout('1H')).toBe(3_600_000);
    expect(parseGrpcTimeout('5000u')).toBe(5);
    expect(parseGrpcTimeout('soon')).toBeUndefined();
    expect(parseGrpcTimeout(undefined)).toBeUndefined();
  });
});
