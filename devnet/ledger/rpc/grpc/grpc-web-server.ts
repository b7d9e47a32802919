/**
 * A grpc-web server over plain HTTP/1.1 (`node:http`), dispatching to an {@link RpcRouter}.
 *
 * Speaks what `@protobuf-ts/grpcweb-transport` (and so `SuiGrpcClient`) sends:
 * - `POST /<package.Service>/<Method>` with `application/grpc-web-text` (base64, the SDK's default)
 *   or `application/grpc-web` / `application/grpc-web+proto` (binary) bodies holding one framed
 *   message (flag byte `0x00`, u32 big-endian length, protobuf bytes);
 * - answers HTTP 200 with the request's content type, the framed response message(s) and a trailer
 *   frame (flag `0x80`) carrying `grpc-status` and, on errors, a percent-encoded `grpc-message`.
 *   Text responses are base64: a unary body as one string, a stream one padded string per frame
 *   (the client decodes concatenated padded base64), so each message reaches the client as soon as
 *   it is written.
 *
 * Anything that is not grpc-web (other content types, GET, …) goes to the optional `fallback`
 * handler, so a faucet or admin endpoint can share the port; CORS preflights are answered for all.
 */

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../../../../src/util/listen.js';
import { type BodyErrors, readBody } from '../../../../src/util/read-body.js';
import { CallController } from './call-context.js';
import type { RpcRouter } from './service-registry.js';
import { RpcStatusError, StatusCode, toRpcStatusError } from './status.js';

/** Default cap on a request body (decoded, framing included): 128 MiB. */
export const DEFAULT_MAX_REQUEST_BYTES = 128 * 1024 * 1024;

/** Request headers a browser may send on a grpc-web call. */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'x-grpc-web',
  'x-sui-client-protocol-version',
  'x-user-agent',
  'grpc-timeout',
] as const;
/** Response headers a browser client must be able to read. */
export const CORS_EXPOSED_HEADERS = ['grpc-status', 'grpc-message'] as const;

export type FallbackHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GrpcWebServerOptions {
  router: RpcRouter;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Port to bind; default 0 (any free port). */
  port?: number;
  /** Largest accepted request body in bytes (decoded, framing included); default 128 MiB. */
  maxRequestBytes?: number;
  /**
   * Handles every request that is not a grpc-web call or a CORS preflight (e.g. `GET /health`,
   * `POST /v2/gas`). Without it those get a 404. `Access-Control-Allow-Origin: *` is preset on `res`.
   */
  fallback?: FallbackHandler;
  /**
   * On `close()`, how long calls still running may take before their connections are cut (ms);
   * default 2000. Calls see `ctx.signal` abort with `UNAVAILABLE` as soon as `close()` starts, so
   * streams end right away.
   */
  shutdownGraceMs?: number;
}

export interface GrpcWebServer {
  /** `http://host:port`, to pass as `baseUrl` to `SuiGrpcClient`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The underlying server (e.g. to tune timeouts). */
  readonly server: http.Server;
  /** Stops listening, ends running calls and closes every connection, idle keep-alive ones included. */
  close(): Promise<void>;
}

/** Starts a grpc-web server; resolves once it listens. */
export async function startGrpcWebServer(options: GrpcWebServerOptions): Promise<GrpcWebServer> {
  const { router, fallback } = options;
  const host = options.host ?? '127.0.0.1';
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const shutdownGraceMs = options.shutdownGraceMs ?? 2000;
  const shutdown = new AbortController();
  let active = 0;
  let closing: Promise<void> | undefined;

  // Idle keep-alive connections stay open longer than any client keeps them (undici: 4 s, or the server's hint):
  // a client that blocks its event loop past Node's default 5 s (the SDK's synchronous wasm encode of a 20 MiB
  // blob) would otherwise send its next call on a socket the server closed meanwhile ("other side closed").
  const server = http.createServer({ keepAliveTimeout: 65_000 });

  const settleConnections = () => {
    if (!closing) return;
    // Let the finished response release its socket first.
    setImmediate(() => {
      if (active === 0) server.closeAllConnections();
      else server.closeIdleConnections();
    });
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    active++;
    let counted = true;
    res.on('close', () => {
      if (counted) {
        counted = false;
        active--;
        settleConnections();
      }
    });
    // Writes racing a dropped connection must not surface as uncaught errors.
    res.on('error', () => {});
    req.on('error', () => {});
    handleRequest(req, res, { router, fallback, maxRequestBytes, shutdown: shutdown.signal }).catch(
      (error: unknown) => failRequest(res, error),
    );
  });
  // A socket error before a request is parsed (malformed HTTP, reset) must not crash the process.
  server.on('clientError', (_error, socket) => {
    if (socket.writable && !socket.destroyed)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const port = await listen(server, { port: options.port ?? 0, host });
  server.on('error', () => {});

  const urlHost =
    host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    server,
    close() {
      if (closing) return closing;
      shutdown.abort(new RpcStatusError(StatusCode.UNAVAILABLE, 'server is shutting down'));
      closing = new Promise<void>((resolve, reject) => {
        server.close((error?: Error & { code?: string }) => {
          if (error && error.code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
          else resolve();
        });
      });
      server.closeIdleConnections();
      if (active === 0) server.closeAllConnections();
      const timer = setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
      timer.unref();
      closing = closing.finally(() => clearTimeout(timer));
      return closing;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Request handling
// ---------------------------------------------------------------------------------------------

interface HandlerDeps {
  router: RpcRouter;
  fallback: FallbackHandler | undefined;
  maxRequestBytes: number;
  shutdown: AbortSignal;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: HandlerDeps): Promise<void> {
  if (req.method === 'OPTIONS') {
    answerPreflight(req, res);
    return;
  }
  const contentType = parseGrpcWebContentType(req.headers['content-type']);
  if (req.method === 'POST' && contentType) {
    await handleGrpcWeb(req, res, contentType, deps);
    return;
  }
  res.setHeader('access-control-allow-origin', '*');
  if (deps.fallback) {
    await deps.fallback(req, res);
    return;
  }
  const body = 'not found\n';
  res.writeHead(404, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function failRequest(res: ServerResponse, error: unknown): void {
  try {
    if (!res.headersSent) {
      const body = `internal error: ${error instanceof Error ? error.message : String(error)}\n`;
      res.writeHead(500, {
        'content-type': 'text/plain',
        'content-length': Buffer.byteLength(body),
        'access-control-allow-origin': '*',
      });
      res.end(body);
    } else if (!res.writableEnded) {
      res.destroy();
    }
  } catch {
    res.destroy();
  }
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const allowed = new Set<string>(CORS_ALLOWED_HEADERS);
  // Also allow whatever else the client asks for (custom call metadata).
  const requested = req.headers['access-control-request-headers'];
  if (typeof requested === 'string') {
    for (const name of requested.split(',')) {
      const trimmed = name.trim().toLowerCase();
      if (/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(trimmed)) allowed.add(trimmed);
    }
  }
  res.writeHead(204, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST, GET, OPTIONS',
    'access-control-allow-headers': [...allowed].join(', '),
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
    'access-control-max-age': '86400',
  });
  res.end();
}

type WireFormat = 'text' | 'binary';

export interface GrpcWebContentType {
  /** The media type to answer with (the request's, without parameters, lower case). */
  mediaType: string;
  format: WireFormat | 'unsupported';
}

/** Classifies a request content type; undefined when it is not grpc-web at all. */
export function parseGrpcWebContentType(header: string | undefined): GrpcWebContentType | undefined {
  if (!header) return undefined;
  const mediaType = header.split(';')[0]!.trim().toLowerCase();
  switch (mediaType) {
    case 'application/grpc-web':
    case 'application/grpc-web+proto':
      return { mediaType, format: 'binary' };
    case 'application/grpc-web-text':
    case 'application/grpc-web-text+proto':
      return { mediaType, format: 'text' };
    default:
      // e.g. application/grpc-web+json: grpc-web, but a message encoding we do not speak.
      return mediaType.startsWith('application/grpc-web') ? { mediaType, format: 'unsupported' } : undefined;
  }
}

async function handleGrpcWeb(
  req: IncomingMessage,
  res: ServerResponse,
  contentType: GrpcWebContentType,
  deps: HandlerDeps,
): Promise<void> {
  if (contentType.format === 'unsupported') {
    // Trailers-only answer in the headers: there is no body format to put a trailer frame in.
    res.writeHead(200, {
      ...corsHeaders(),
      'content-type': 'application/grpc-web+proto',
      'grpc-status': String(StatusCode.UNIMPLEMENTED),
      'grpc-message': encodeGrpcMessage(`unsupported content type ${contentType.mediaType}`),
      'content-length': 0,
    });
    res.end();
    return;
  }
  const clientGone = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) {
      clientGone.abort(new RpcStatusError(StatusCode.CANCELLED, 'client closed the connection'));
    }
  };
  if (res.closed) onClose();
  else res.on('close', onClose);
  const reply = new GrpcWebReply(res, contentType.mediaType, contentType.format);

  const path = requestPath(req.url);
  const segments = path.split('/').filter((s) => s !== '');
  const serviceName = segments.at(-2);
  const methodName = segments.at(-1);
  if (!serviceName || !methodName) {
    reply.error(new RpcStatusError(StatusCode.UNIMPLEMENTED, `no gRPC method at ${path}`));
    return;
  }

  let route: ReturnType<RpcRouter['resolve']>;
  try {
    route = deps.router.resolve(serviceName, methodName);
  } catch (error) {
    // The unread body is discarded by node:http once the response is done.
    reply.error(toRpcStatusError(error));
    return;
  }

  let message: Uint8Array;
  try {
    const body = await readBody(req, wireLimit(deps.maxRequestBytes, contentType.format), BODY_ERRORS);
    const framed = contentType.format === 'text' ? decodeGrpcWebText(body) : body;
    if (framed.length > deps.maxRequestBytes) throw tooLarge(deps.maxRequestBytes);
    message = parseRequestFrames(framed);
  } catch (error) {
    const status = toRpcStatusError(error);
    if (status.code === StatusCode.RESOURCE_EXHAUSTED) reply.closeConnection();
    if (status.code === StatusCode.CANCELLED) {
      res.destroy();
      return;
    }
    reply.error(status);
    return;
  }

  const timeoutMs = parseGrpcTimeout(headerValue(req.headers['grpc-timeout']));
  const call = new CallController({
    transport: 'grpc-web',
    service: serviceName,
    method: methodName,
    metadata: req.headers,
    deadline: timeoutMs === undefined ? undefined : new Date(Date.now() + timeoutMs),
    signals: [clientGone.signal, deps.shutdown],
  });
  reply.call = call;

  try {
    if (route.kind === 'unary') {
      let response: Uint8Array;
      try {
        response = await route.invoke(message, call.context);
      } catch (error) {
        reply.error(toRpcStatusError(error));
        return;
      }
      reply.unary(response);
      return;
    }

    let status: RpcStatusError | undefined;
    try {
      for await (const item of route.invoke(message, call.context)) {
        if (res.destroyed) break;
        if (!reply.streamMessage(item)) await waitForDrain(res, call.signal);
      }
    } catch (error) {
      status = toRpcStatusError(error);
    }
    if (res.destroyed) return;
    reply.endStream(status);
  } finally {
    call.dispose();
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function requestPath(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  let path = q === -1 ? raw : raw.slice(0, q);
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      // keep as is; it will not name a method
    }
  }
  return path;
}

function corsHeaders(extraExposed: readonly string[] = []): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': [...CORS_EXPOSED_HEADERS, ...extraExposed].join(', '),
  };
}

/** Writes one grpc-web response. */
class GrpcWebReply {
  call: CallController | undefined;
  #closeConnection = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly mediaType: string,
    private readonly format: WireFormat,
  ) {}

  closeConnection(): void {
    this.#closeConnection = true;
  }

  unary(message: Uint8Array): void {
    this.#send(concatBytes([encodeFrame(FRAME_DATA, message), encodeTrailer(StatusCode.OK, '')]));
  }

  error(status: RpcStatusError): void {
    this.#send(encodeTrailer(status.code, status.message));
  }

  /** Writes one stream message; false when the socket wants a `drain` first. */
  streamMessage(message: Uint8Array): boolean {
    this.#writeHeadOnce(undefined);
    return this.res.write(this.#encode(encodeFrame(FRAME_DATA, message)));
  }

  endStream(status: RpcStatusError | undefined): void {
    this.#writeHeadOnce(undefined);
    const trailer = status ? encodeTrailer(status.code, status.message) : encodeTrailer(StatusCode.OK, '');
    this.res.end(this.#encode(trailer));
  }

  #send(framed: Uint8Array): void {
    if (this.res.destroyed || this.res.headersSent) {
      if (!this.res.writableEnded) this.res.end();
      return;
    }
    const body = this.#encode(framed);
    this.#writeHeadOnce(body.length);
    this.res.end(body);
  }

  #encode(framed: Uint8Array): Buffer {
    const buffer = Buffer.from(framed.buffer, framed.byteOffset, framed.byteLength);
    return this.format === 'text' ? Buffer.from(buffer.toString('base64'), 'latin1') : buffer;
  }

  #writeHeadOnce(contentLength: number | undefined): void {
    if (this.res.headersSent) return;
    const extra = this.call?.responseHeaders ?? {};
    this.call?.markHeadersSent();
    const headers: Record<string, string | number> = {
      ...extra,
      ...corsHeaders(Object.keys(extra)),
      'content-type': this.mediaType,
      'cache-control': 'no-store',
    };
    if (contentLength !== undefined) headers['content-length'] = contentLength;
    if (this.#closeConnection) headers.connection = 'close';
    this.res.writeHead(200, headers);
    // Stream headers go out at once, not with the first message.
    if (contentLength === undefined) this.res.flushHeaders();
  }
}

function waitForDrain(res: ServerResponse, signal: AbortSignal): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = () => {
      res.off('drain', done);
      res.off('close', done);
      reject(signal.reason);
    };
    res.on('drain', done);
    res.on('close', done);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------
// Body reading and grpc-web framing
// ---------------------------------------------------------------------------------------------

const FRAME_DATA = 0x00;
const FRAME_TRAILER = 0x80;
const FRAME_COMPRESSED = 0x01;

function tooLarge(limit: number): RpcStatusError {
  return new RpcStatusError(
    StatusCode.RESOURCE_EXHAUSTED,
    `request body exceeds the limit of ${limit} bytes`,
  );
}

/** Wire bytes allowed for `limit` decoded bytes (base64 grows by 4/3, plus some whitespace slack). */
function wireLimit(limit: number, format: WireFormat): number {
  return format === 'text' ? Math.ceil(limit / 3) * 4 + 1024 : limit;
}

/** How a refused body is answered over gRPC-Web. */
const BODY_ERRORS: BodyErrors = {
  tooLarge: (limit) => tooLarge(limit),
  aborted: () => new RpcStatusError(StatusCode.CANCELLED, 'request aborted'),
};

const B64_VALUE = (() => {
  const table = new Int16Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  // base64url too, as protobuf-ts decodes it
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();
const EQ = '='.charCodeAt(0);

/**
 * Decodes a grpc-web-text body: base64 that may be split in padded chunks (inner `=` padding) and
 * contain whitespace. Throws `INVALID_ARGUMENT` on anything else.
 */
export function decodeGrpcWebText(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.floor((body.length * 3) / 4) + 3);
  let o = 0;
  let group = 0; // 4-char group being read
  let pos = 0; // chars read of the group
  let padding = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === EQ) {
      if (pos < 2 || (pos === 2 && padding === 0 && nextNonSpace(body, i + 1) !== EQ)) {
        throw invalidBase64();
      }
      padding++;
      pos++;
      if (pos === 4) {
        // Flush the group: `xx==` holds one byte (12 bits read), `xxx=` two (18 bits read).
        if (padding === 2) out[o++] = (group >> 4) & 0xff;
        else {
          out[o++] = (group >> 10) & 0xff;
          out[o++] = (group >> 2) & 0xff;
        }
        group = 0;
        pos = 0;
        padding = 0;
      }
      continue;
    }
    const v = B64_VALUE[c]!;
    if (v < 0 || padding > 0) throw invalidBase64();
    group = (group << 6) | v;
    pos++;
    if (pos === 4) {
      out[o++] = (group >> 16) & 0xff;
      out[o++] = (group >> 8) & 0xff;
      out[o++] = group & 0xff;
      group = 0;
      pos = 0;
    }
  }
  // Unpadded tail (tolerated, as protobuf-ts does).
  if (pos === 1 || padding > 0) throw invalidBase64();
  if (pos === 2) out[o++] = (group >> 4) & 0xff;
  if (pos === 3) {
    out[o++] = (group >> 10) & 0xff;
    out[o++] = (group >> 2) & 0xff;
  }
  return out.subarray(0, o);
}

function nextNonSpace(body: Uint8Array, from: number): number | undefined {
  for (let i = from; i < body.length; i++) {
    const c = body[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
  }
  return undefined;
}

function invalidBase64(): RpcStatusError {
  return new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'malformed grpc-web-text body: invalid base64');
}

/** The one message of a unary / server-streaming request body. */
export function parseRequestFrames(body: Uint8Array): Uint8Array {
  let message: Uint8Array | undefined;
  let offset = 0;
  while (offset < body.length) {
    if (body.length - offset < 5) {
      throw new RpcStatusError(
        StatusCode.INVALID_ARGUMENT,
        'malformed grpc-web body: truncated frame header',
      );
    }
    const flag = body[offset]!;
    const length =
      ((body[offset + 1]! << 24) |
        (body[offset + 2]! << 16) |
        (body[offset + 3]! << 8) |
        body[offset + 4]!) >>>
      0;
    const start = offset + 5;
    if (length > body.length - start) {
      throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'malformed grpc-web body: truncated frame');
    }
    if (flag === FRAME_DATA) {
      if (message) {
        throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'expected one request message, got several');
      }
      message = body.subarray(start, start + length);
    } else if (flag === (FRAME_DATA | FRAME_COMPRESSED)) {
      throw new RpcStatusError(StatusCode.UNIMPLEMENTED, 'compressed grpc-web messages are not supported');
    } else {
      throw new RpcStatusError(
        StatusCode.INVALID_ARGUMENT,
        `malformed grpc-web body: unexpected frame type 0x${flag.toString(16).padStart(2, '0')}`,
      );
    }
    offset = start + length;
  }
  if (!message) throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'missing request message');
  return message;
}

/** A grpc-web frame: flag byte, u32 BE length, payload. */
export function encodeFrame(flag: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(5 + payload.length);
  frame[0] = flag;
  new DataView(frame.buffer).setUint32(1, payload.length, false);
  frame.set(payload, 5);
  return frame;
}

/** A trailer frame with `grpc-status` and, for errors, the percent-encoded `grpc-message`. */
export function encodeTrailer(code: number, message: string): Uint8Array {
  let text = `grpc-status: ${code}\r\n`;
  if (code !== StatusCode.OK) text += `grpc-message: ${encodeGrpcMessage(message)}\r\n`;
  return encodeFrame(FRAME_TRAILER, Buffer.from(text, 'latin1'));
}

/**
 * Percent-encodes a status message as the gRPC spec says: UTF-8 bytes outside printable ASCII, and
 * `%` itself, become `%XX`. (The SDK's transport decodes it back.)
 */
export function encodeGrpcMessage(message: string): string {
  const bytes = Buffer.from(message, 'utf8');
  let out = '';
  for (const b of bytes) {
    if (b >= 0x20 && b <= 0x7e && b !== 0x25) out += String.fromCharCode(b);
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `grpc-timeout` (`<digits><H|M|S|m|u|n>`) in ms; undefined if absent or malformed. */
export function parseGrpcTimeout(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const match = /^(\d{1,8})([HMSmun])$/.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unitMs: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 0.001, n: 0.000001 };
  return amount * unitMs[match[2]!]!;
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
