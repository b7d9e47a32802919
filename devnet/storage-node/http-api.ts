/**
 * The storage node's REST API over `node:http`, with the paths, JSON envelopes, BCS bodies and error
 * reasons the `@mysten/walrus` SDK (and Walrus nodes) use:
 *
 * | method, path | answer |
 * |---|---|
 * | `GET /v1/health` | `ServiceHealthInfo` JSON |
 * | `GET /v1/blobs/{id}/metadata/status` | `"Nonexistent"`, `"Buffered"` or `"Stored"` |
 * | `PUT /v1/blobs/{id}/metadata` | 201 stored, 200 already stored; 400 `NOT_REGISTERED`, `INVALID_METADATA` |
 * | `GET /v1/blobs/{id}/metadata` | BCS `BlobMetadataWithId` |
 * | `PUT /v1/blobs/{id}/slivers/{pair}/{primary\|secondary}` | 200; 400 `SHARD_NOT_ASSIGNED`, `INVALID_SLIVER`, `METADATA_NOT_FOUND`, `NOT_REGISTERED` |
 * | `GET /v1/blobs/{id}/slivers/{pair}/{type}` | BCS `SliverData`; 404 `SLIVER_NOT_FOUND` |
 * | `GET /v1/blobs/{id}/slivers/{pair}/{type}/status` | `"Nonexistent"` or `"Stored"` |
 * | `GET /v1/blobs/{id}/confirmation/permanent`, `.../deletable/{object id}` | `{"signed": {serializedMessage, signature}}`; 400 `MISSING_SLIVERS`, `NOT_REGISTERED` |
 * | `GET /v1/blobs/{id}/status` | blob status JSON |
 * | `GET /v1/blobs/{id}/recoverySymbols?id=r-c&...[&proofAxis=..]` or `?targetSliver=i&targetType=..` | BCS `vector<GeneralRecoverySymbol>` |
 * | `GET /v1/blobs/{id}/recoverySymbols/{r-c}` | BCS `GeneralRecoverySymbol` |
 *
 * JSON answers are `{"success": {"code", "data"}}`; errors see {@link ApiError}. Every malformed
 * id, path, query or body gets a 4xx with a reason; nothing a client sends can crash the node.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BodyErrors, readBody } from '../../src/util/read-body.js';
import { ApiError } from './api-error.js';
import { type ChallengeService, challengeCertificateJson } from './challenge-service.js';
import {
  encodingParams,
  normalizeObjectId,
  parseBlobId,
  parseObjectId,
  type SliverType,
} from './encoding.js';
import type { FaultSwitches } from './faults.js';
import type { NodeService } from './node-service.js';
import type { RateLimiter } from './rate-limiter.js';
import { parseSymbolId, serializeRecoverySymbol, serializeRecoverySymbols } from './recovery-symbols.js';

/** Request limits of the API. */
export interface ApiLimits {
  /** Largest metadata body in bytes. @default computed from the shard count (about 66 bytes per shard) */
  maxMetadataBytes?: number;
  /** Largest sliver body in bytes. @default the largest sliver the shard count allows */
  maxSliverBytes?: number;
  /** Most ids in one recovery-symbol request. @default 4096 */
  maxSymbolIds?: number;
}

/** What the handler needs from its node. */
export interface ApiContext {
  service: NodeService;
  limits: ApiLimits;
  rateLimiter: RateLimiter | undefined;
  faults: () => FaultSwitches;
  log: (line: string) => void;
  /** Storage challenges (a devnet extension); absent: the challenge routes answer 404. */
  challenges?: ChallengeService;
}

type Route = { method: string; pattern: RegExp; handler: (ctx: RequestContext) => Promise<void> };

interface RequestContext {
  api: ApiContext;
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  query: URLSearchParams;
}

function sendJson(res: ServerResponse, status: number, body: object | string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendSuccess(res: ServerResponse, code: number, data: unknown): void {
  sendJson(res, code, { success: { code, data } });
}

function sendBcs(res: ServerResponse, bytes: Uint8Array): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
  res.end(bytes);
}

function sendError(res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.code, error.toJSON());
}

function invalid(reason: string, message: string): ApiError {
  return new ApiError('INVALID_ARGUMENT', reason, message);
}

function blobIdParam(text: string): { blobId: string; bytes: Uint8Array } {
  const bytes = parseBlobId(text);
  if (!bytes) {
    throw invalid(
      'INVALID_BLOB_ID',
      `"${text.slice(0, 80)}" is not a blob id (43 characters of URL-safe base64)`,
    );
  }
  return { blobId: text, bytes };
}

function pairParam(text: string, nShards: number): number {
  if (!/^\d{1,5}$/.test(text))
    throw invalid('INVALID_SLIVER_PAIR_INDEX', `"${text.slice(0, 20)}" is not a sliver pair index`);
  const index = Number(text);
  if (index >= nShards) {
    throw new ApiError(
      'INVALID_ARGUMENT',
      'INDEX_OUT_OF_RANGE',
      `requires 0 <= index (${index}) < ${nShards}`,
      {
        index,
        max: nShards,
      },
    );
  }
  return index;
}

function typeParam(text: string): SliverType {
  if (text === 'primary' || text === 'secondary') return text;
  throw invalid('INVALID_SLIVER_TYPE', `"${text.slice(0, 20)}" is not a sliver type (primary or secondary)`);
}

/** How a refused body is answered by the node API: 413 beyond the limit, 400 when the client aborts. */
const BODY_ERRORS: BodyErrors = {
  tooLarge: (limit, declared) =>
    new ApiError(
      'SIZE_EXCEEDED',
      'PAYLOAD_TOO_LARGE',
      declared === undefined
        ? `the body exceeds ${limit} bytes`
        : `the body (${declared} bytes) exceeds ${limit} bytes`,
    ),
  aborted: () =>
    new ApiError('INVALID_ARGUMENT', 'INCOMPLETE_BODY', 'the request body was not received completely'),
};

/** A body of at most `limit` bytes, as a plain Uint8Array (BCS readers slice it, which a Buffer would alias). */
async function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const body = await readBody(req, limit, BODY_ERRORS);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

function limitsFor(api: ApiContext) {
  const n = api.service.committee.nShards;
  const { primarySymbols, secondarySymbols } = encodingParams(n);
  return {
    metadata: api.limits.maxMetadataBytes ?? 64 + n * 66,
    sliver: api.limits.maxSliverBytes ?? Math.max(primarySymbols, secondarySymbols) * 65_534 + 16,
    symbolIds: api.limits.maxSymbolIds ?? 4096,
  };
}

const BLOB = '([^/]+)';

const routes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/health$/,
    handler: async ({ api, res, query }) =>
      sendSuccess(res, 200, api.service.health(query.get('detailed') === 'true')),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/metadata/status$`),
    handler: async ({ api, res, params }) => {
      const { blobId } = blobIdParam(params[0]!);
      sendSuccess(res, 200, await api.service.metadataStatus(blobId));
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/metadata$`),
    handler: async ({ api, req, res, params }) => {
      const { blobId, bytes } = blobIdParam(params[0]!);
      const body = await readNodeBody(req, limitsFor(api).metadata);
      const result = await api.service.putMetadata(blobId, bytes, body);
      sendSuccess(res, result.code, result.message);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/metadata$`),
    handler: async ({ api, res, params }) => {
      const { blobId, bytes } = blobIdParam(params[0]!);
      sendBcs(res, await api.service.getMetadata(blobId, bytes));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/slivers/([^/]+)/([^/]+)/status$`),
    handler: async ({ api, res, params }) => {
      const { blobId } = blobIdParam(params[0]!);
      const pair = pairParam(params[1]!, api.service.committee.nShards);
      sendSuccess(res, 200, await api.service.sliverStatus(blobId, pair, typeParam(params[2]!)));
    },
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/slivers/([^/]+)/([^/]+)$`),
    handler: async ({ api, req, res, params }) => {
      const { blobId, bytes } = blobIdParam(params[0]!);
      const pair = pairParam(params[1]!, api.service.committee.nShards);
      const type = typeParam(params[2]!);
      const body = await readNodeBody(req, limitsFor(api).sliver);
      await api.service.putSliver(blobId, bytes, pair, type, body);
      sendSuccess(res, 200, 'sliver stored successfully');
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/slivers/([^/]+)/([^/]+)$`),
    handler: async ({ api, res, params }) => {
      const { blobId, bytes } = blobIdParam(params[0]!);
      const pair = pairParam(params[1]!, api.service.committee.nShards);
      sendBcs(res, await api.service.getSliver(blobId, bytes, pair, typeParam(params[2]!)));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/confirmation/permanent$`),
    handler: async ({ api, res, params }) => {
      const { blobId, bytes } = blobIdParam(params[0]!);
      const signed = await api.service.confirmation(blobId, bytes, { kind: 'permanent' });
      sendSuccess(res, 200, { signed });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/confirmation/deletable/([^/]+)$`),
    handler: async ({ api, res, params }) => {
      const { blobId, bytes } = blobIdParam(params[0]!);
      const objectId = parseObjectId(params[1]!);
      if (!objectId || !normalizeObjectId(params[1]!)) {
        throw invalid(
          'INVALID_OBJECT_ID',
          `"${params[1]!.slice(0, 80)}" is not an object id (0x and hex digits)`,
        );
      }
      const signed = await api.service.confirmation(blobId, bytes, { kind: 'deletable', objectId });
      sendSuccess(res, 200, { signed });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/status$`),
    handler: async ({ api, res, params }) => {
      const { blobId } = blobIdParam(params[0]!);
      sendSuccess(res, 200, await api.service.blobStatus(blobId));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/recoverySymbols$`),
    handler: async ({ api, res, params, query }) => {
      const { blobId } = blobIdParam(params[0]!);
      const n = api.service.committee.nShards;
      const axis = query.get('proofAxis');
      const proofAxis = axis === null ? undefined : typeParam(axis);
      const ids = query.getAll('id');
      const target = query.get('targetSliver');
      let symbols: Awaited<ReturnType<NodeService['recoverySymbols']>>;
      if (ids.length > 0) {
        if (ids.length > limitsFor(api).symbolIds) {
          throw invalid('INVALID_FILTER', `at most ${limitsFor(api).symbolIds} symbol ids per request`);
        }
        const parsed = ids
          .flatMap((text) => text.split(','))
          .map((text) => {
            const id = parseSymbolId(text, n);
            if (!id)
              throw invalid(
                'INVALID_FILTER',
                `"${text.slice(0, 20)}" is not a symbol id (<primary>-<secondary>)`,
              );
            return id;
          });
        symbols = await api.service.recoverySymbols(blobId, { ids: parsed, proofAxis });
      } else if (target !== null) {
        if (!/^\d{1,5}$/.test(target) || Number(target) >= n) {
          throw invalid('INVALID_FILTER', `targetSliver must be a sliver index below ${n}`);
        }
        const targetType = typeParam(query.get('targetType') ?? '');
        symbols = await api.service.recoverySymbols(blobId, { targetType, targetIndex: Number(target) });
      } else {
        throw new ApiError(
          'FAILED_PRECONDITION',
          'NO_SYMBOLS_SPECIFIED',
          'at least one symbol ID must be specified',
        );
      }
      sendBcs(res, serializeRecoverySymbols(symbols));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/recoverySymbols/([^/]+)$`),
    handler: async ({ api, res, params }) => {
      const { blobId } = blobIdParam(params[0]!);
      const id = parseSymbolId(params[1]!, api.service.committee.nShards);
      if (!id)
        throw invalid(
          'INVALID_SYMBOL_ID',
          `"${params[1]!.slice(0, 20)}" is not a symbol id (<primary>-<secondary>)`,
        );
      const [symbol] = await api.service.recoverySymbols(blobId, { ids: [id] });
      if (!symbol) {
        throw new ApiError(
          'FAILED_PRECONDITION',
          'SYMBOL_NOT_PRESENT_AT_SHARDS',
          "the requested recovery symbol is not the responsibility of this node's shards",
        );
      }
      sendBcs(res, serializeRecoverySymbol(symbol));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/blobs/${BLOB}/inconsistencyProof/([^/]+)$`),
    handler: async () => {
      throw new ApiError(
        'UNIMPLEMENTED',
        'UNIMPLEMENTED',
        'inconsistency proofs are not supported by the devnet',
      );
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/challenges\/(\d{1,20})\/(proof|respond)$/,
    handler: async ({ api, req, res, params }) => {
      if (!api.challenges) throw new ApiError('NOT_FOUND', 'NOT_FOUND', 'this node takes no challenges');
      const round = BigInt(params[0]!);
      if (params[1] === 'respond') {
        req.resume();
        sendSuccess(res, 200, challengeCertificateJson(await api.challenges.respond(round)));
        return;
      }
      const body = await readNodeBody(req, limitsFor(api).sliver * 4);
      const signature = await api.challenges.verifyProof(round, body);
      sendSuccess(res, 200, { signature: Buffer.from(signature).toString('base64') });
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/migrate\/sync_shard$/,
    handler: async () => {
      throw new ApiError('UNIMPLEMENTED', 'UNIMPLEMENTED', 'shard sync is done by recovery on the devnet');
    },
  },
];

/** Handles one request; never throws. */
export async function handleRequest(
  api: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    if (api.rateLimiter && !api.rateLimiter.take()) {
      throw new ApiError('RESOURCE_EXHAUSTED', 'RATE_LIMITED', 'too many requests: slow down and retry');
    }
    const slowMs = api.faults().slowMs;
    if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs));
    const raw = req.url ?? '/';
    const queryAt = raw.indexOf('?');
    const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
    const query = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
    let pathMatched = false;
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== req.method) continue;
      let params: string[];
      try {
        params = match.slice(1).map((p) => decodeURIComponent(p));
      } catch {
        throw invalid('INVALID_PATH', 'the path is not valid percent-encoding');
      }
      await route.handler({ api, req, res, params, query });
      return;
    }
    if (pathMatched) {
      throw new ApiError(
        'METHOD_NOT_ALLOWED',
        'METHOD_NOT_ALLOWED',
        `${req.method} is not allowed on ${path.slice(0, 200)}`,
      );
    }
    throw new ApiError('NOT_FOUND', 'NOT_FOUND', `no endpoint ${req.method} ${path.slice(0, 200)}`);
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 'SIZE_EXCEEDED') {
        res.setHeader('connection', 'close');
        req.resume();
      }
      sendError(res, error);
      return;
    }
    api.log(
      `internal error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    const internal = new ApiError(
      'INTERNAL',
      'INTERNAL_ERROR',
      'an internal error has occurred, please report it',
    );
    sendError(res, internal);
  }
}
