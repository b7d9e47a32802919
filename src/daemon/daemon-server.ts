/**
 * `walrus daemon`'s HTTP service: the aggregator's read routes and the publisher's write routes of the Walrus
 * daemon (walrus-protocol.md §13), over any network the session reaches (the devnet, testnet, mainnet). Writes
 * are paid by the session's signer and run one at a time (they spend the same gas coins).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ReadBlobOptions } from '../blob/read-blob.js';
import type { WalrusSession } from '../clients/walrus-session.js';
import { listen } from '../util/listen.js';
import {
  getBlob,
  getByObjectId,
  getByPatchId,
  getByQuiltIdentifier,
  getByteRange,
  getQuiltPatches,
} from './aggregator.js';
import { COMMON_HEADERS, HttpError, readBody, sendError, sendJson } from './http.js';
import { checkJwt } from './jwt.js';
import { openApiDocument } from './openapi.js';
import { putBlob, putQuilt, quiltParts, writeParams } from './publisher.js';
import { type RelayOptions, relayUpload, type TipKind, tipConfig } from './upload-relay.js';

/** Options of {@link startDaemon}. */
export interface DaemonOptions {
  session: WalrusSession;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 binds any free port (read it back from the result). */
  port: number;
  /** Serve the read routes. @default true */
  aggregator?: boolean;
  /** Serve the write routes. @default true */
  publisher?: boolean;
  /** Largest request body a write accepts, in bytes. */
  maxBodyBytes: number;
  /** Serve the upload relay's routes, with this tip (undefined: none). */
  relay?: { tip?: TipKind; tipFreshnessMs: number };
  /** HS256 secret: when set, writes need `Authorization: Bearer <JWT>` signed with it. */
  jwtSecret?: string;
  /** One line per request, and one per sliver a read refused or per read that fell back to a whole-blob decode. */
  log?: (line: string) => void;
}

/** A running daemon. */
export interface RunningDaemon {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  match: string[],
  query: URLSearchParams,
) => Promise<void>;

interface Route {
  method: 'GET' | 'PUT' | 'POST';
  pattern: RegExp;
  handler: Handler;
}

/** The daemon's routes: status and API document always, then those of each enabled role. */
function routes(options: DaemonOptions): Route[] {
  const read = options.aggregator !== false;
  const write = options.publisher !== false;
  return [
    ...statusRoutes(options, read, write),
    ...(read ? aggregatorRoutes(options.session, readNotes(options.log)) : []),
    ...(options.relay ? relayRoutes(options, options.relay) : []),
    ...(write ? publisherRoutes(options) : []),
  ];
}

function statusRoutes(options: DaemonOptions, read: boolean, write: boolean): Route[] {
  const { session } = options;
  return [
    {
      method: 'GET',
      pattern: /^\/status$/,
      handler: async (_req, res) =>
        sendJson(res, 200, {
          status: 'ok',
          aggregator: read,
          publisher: write,
          uploadRelay: options.relay !== undefined,
          epoch: await session.epoch(),
          ...(write ? { publisherAddress: session.signer.toSuiAddress() } : {}),
        }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/api$/,
      handler: async (_req, res) =>
        sendJson(res, 200, openApiDocument({ aggregator: read, publisher: write })),
    },
  ];
}

/** A streamed read's notes (a refused sliver, a recovered one, a fallback to the whole-blob decode) as log lines. */
function readNotes(log: DaemonOptions['log']): ReadBlobOptions {
  return {
    onRefused: (r) =>
      log?.(`refused sliver pair ${r.pairIndex} (shard ${r.shard}) from ${r.node} (${r.url}): ${r.reason}`),
    onRecovered: (pair, reason) => log?.(`${reason}: rebuilt sliver pair ${pair} from recovery symbols`),
    onFallback: (reason) => log?.(`${reason}; reading the rest of the blob by decoding it`),
  };
}

function aggregatorRoutes(session: WalrusSession, notes: ReadBlobOptions): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/blobs\/by-object-id\/([^/]+)$/,
      handler: (q, s, [id]) => getByObjectId(session, q, s, id!, notes),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/blobs\/by-quilt-patch-id\/([^/]+)$/,
      handler: (q, s, [id]) => getByPatchId(session, q, s, id!),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/blobs\/by-quilt-id\/([^/]+)\/(.+)$/,
      handler: (q, s, [id, identifier]) =>
        getByQuiltIdentifier(session, q, s, id!, decodeURIComponent(identifier!)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/quilts\/([^/]+)\/patches$/,
      handler: (_q, s, [id]) => getQuiltPatches(session, s, id!),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/blobs\/([^/]+)\/byte-range$/,
      handler: (q, s, [id], query) => getByteRange(session, q, s, id!, query, notes),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/blobs\/([^/]+)$/,
      handler: (q, s, [id]) => getBlob(session, q, s, id!, notes),
    },
  ];
}

function relayRoutes(options: DaemonOptions, relayOptions: NonNullable<DaemonOptions['relay']>): Route[] {
  const relay: RelayOptions = {
    session: options.session,
    tipFreshnessMs: relayOptions.tipFreshnessMs,
    maxBodyBytes: options.maxBodyBytes,
    ...(relayOptions.tip ? { tip: relayOptions.tip } : {}),
  };
  return [
    {
      method: 'GET',
      pattern: /^\/v1\/tip-config$/,
      handler: async (_q, s) => sendJson(s, 200, tipConfig(relay)),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/blob-upload-relay$/,
      handler: (q, s, _m, query) => relayUpload(relay, q, s, query),
    },
  ];
}

/** The publisher's writes, one at a time (they spend the same signer's coins). */
function publisherRoutes(options: DaemonOptions): Route[] {
  const { session } = options;
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
  return [
    {
      method: 'PUT',
      pattern: /^\/v1\/blobs$/,
      handler: async (req, res, _m, query) => {
        const params = writeParams(query);
        checkJwt(req, options.jwtSecret, params);
        const body = await readBody(req, options.maxBodyBytes);
        sendJson(res, 200, await oneAtATime(() => putBlob(session, body, params)));
      },
    },
    {
      method: 'PUT',
      pattern: /^\/v1\/quilts$/,
      handler: async (req, res, _m, query) => {
        const params = writeParams(query);
        checkJwt(req, options.jwtSecret, params);
        const parts = await quiltParts(req, await readBody(req, options.maxBodyBytes));
        sendJson(res, 200, await oneAtATime(() => putQuilt(session, parts, params)));
      },
    },
  ];
}

/** Finds the route of a request; 404 for an unknown path, 405 for a known path with another method. */
function dispatch(list: Route[], req: IncomingMessage, path: string): { route: Route; match: string[] } {
  let pathKnown = false;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  for (const route of list) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method) return { route, match: match.slice(1) };
  }
  if (pathKnown) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}.`);
  throw new HttpError(404, 'NOT_FOUND', `No route ${req.method} ${path}; the routes are listed at /v1/api.`);
}

/** Starts the daemon on `host:port` (127.0.0.1 unless told otherwise). */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const list = routes(options);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://daemon');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, COMMON_HEADERS);
      res.end();
      return;
    }
    const started = performance.now();
    res.on('finish', () =>
      options.log?.(
        `${req.method} ${url.pathname} ${res.statusCode} ${Math.round(performance.now() - started)} ms`,
      ),
    );
    void (async () => {
      try {
        const { route, match } = dispatch(list, req, url.pathname);
        await route.handler(req, res, match, url.searchParams);
      } catch (error) {
        // A refused body is not read: close the connection after the reply so the client stops sending.
        if (error instanceof HttpError && error.status === 413) res.setHeader('connection', 'close');
        sendError(res, error);
      }
    })();
  });
  // Longer than clients' idle keep-alive, so a client never reuses a socket the server is just closing.
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, { port: options.port, host }, 'Daemon');
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
