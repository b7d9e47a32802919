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
import {
  concatBytes,
  decodeGrpcWebText,
  encodeFrame,
  encodeGrpcMessage,
  encodeTrailer,
  FRAME_DATA,
  type GrpcWebContentType,
  parseGrpcTimeout,
  parseGrpcWebContentType,
  parseRequestFrames,
  type WireFormat,
  wireLimit,
} from './grpc-web-wire.js';
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

async function handleGrpcWeb(
  req: IncomingMessage,
  res: ServerResponse,
  contentType: GrpcWebContentType,
  deps: HandlerDeps,
): Promise<void> {
  if (contentType.format === 'unsupported') {
    answerUnsupported(res, contentType.mediaType);
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

  const target = resolveRoute(req, deps.router);
  if ('error' in target) {
    // The unread body is discarded by node:http once the response is done.
    reply.error(target.error);
    return;
  }
  const message = await readRequestMessage(req, res, reply, contentType.format, deps.maxRequestBytes);
  if (!message) return;

  const timeoutMs = parseGrpcTimeout(headerValue(req.headers['grpc-timeout']));
  const call = new CallController({
    transport: 'grpc-web',
    service: target.service,
    method: target.method,
    metadata: req.headers,
    deadline: timeoutMs === undefined ? undefined : new Date(Date.now() + timeoutMs),
    signals: [clientGone.signal, deps.shutdown],
  });
  reply.call = call;
  try {
    await invokeRoute(target.route, message, call, res, reply);
  } finally {
    call.dispose();
  }
}

/** Trailers-only answer in the headers: there is no body format to put a trailer frame in. */
function answerUnsupported(res: ServerResponse, mediaType: string): void {
  res.writeHead(200, {
    ...corsHeaders(),
    'content-type': 'application/grpc-web+proto',
    'grpc-status': String(StatusCode.UNIMPLEMENTED),
    'grpc-message': encodeGrpcMessage(`unsupported content type ${mediaType}`),
    'content-length': 0,
  });
  res.end();
}

type Route = ReturnType<RpcRouter['resolve']>;

/** The method `POST /<package.Service>/<Method>` names, or the status to answer. */
function resolveRoute(
  req: IncomingMessage,
  router: RpcRouter,
): { route: Route; service: string; method: string } | { error: RpcStatusError } {
  const path = requestPath(req.url);
  const segments = path.split('/').filter((s) => s !== '');
  const service = segments.at(-2);
  const method = segments.at(-1);
  if (!service || !method)
    return { error: new RpcStatusError(StatusCode.UNIMPLEMENTED, `no gRPC method at ${path}`) };
  try {
    return { route: router.resolve(service, method), service, method };
  } catch (error) {
    return { error: toRpcStatusError(error) };
  }
}

/**
 * The request's one message, read within the limit and unframed; undefined when it could not be read (the reply
 * is sent then, or the connection dropped for a request the client abandoned).
 */
async function readRequestMessage(
  req: IncomingMessage,
  res: ServerResponse,
  reply: GrpcWebReply,
  format: WireFormat,
  maxRequestBytes: number,
): Promise<Uint8Array | undefined> {
  try {
    const body = await readBody(req, wireLimit(maxRequestBytes, format), BODY_ERRORS);
    const framed = format === 'text' ? decodeGrpcWebText(body) : body;
    if (framed.length > maxRequestBytes) throw tooLarge(maxRequestBytes);
    return parseRequestFrames(framed);
  } catch (error) {
    const status = toRpcStatusError(error);
    if (status.code === StatusCode.RESOURCE_EXHAUSTED) reply.closeConnection();
    if (status.code === StatusCode.CANCELLED) {
      res.destroy();
      return undefined;
    }
    reply.error(status);
    return undefined;
  }
}

/** Runs the method and writes its answer: one message, or a stream that waits for the socket to drain. */
async function invokeRoute(
  route: Route,
  message: Uint8Array,
  call: CallController,
  res: ServerResponse,
  reply: GrpcWebReply,
): Promise<void> {
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
// Body limits
// ---------------------------------------------------------------------------------------------

function tooLarge(limit: number): RpcStatusError {
  return new RpcStatusError(
    StatusCode.RESOURCE_EXHAUSTED,
    `request body exceeds the limit of ${limit} bytes`,
  );
}

/** How a refused body is answered over gRPC-Web. */
const BODY_ERRORS: BodyErrors = {
  tooLarge: (limit) => tooLarge(limit),
  aborted: () => new RpcStatusError(StatusCode.CANCELLED, 'request aborted'),
};
