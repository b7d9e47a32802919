import { ErrorCode } from './codes.js';
import { WalrusError, type WalrusErrorOptions } from './walrus-error.js';

/** A network endpoint could not be reached, timed out or failed. Exit code 2. */
export class NetworkError extends WalrusError {
  constructor(code: ErrorCode | (string & {}), message: string, options: WalrusErrorOptions = {}) {
    super(code, message, 2, options);
  }
}

/** System error codes (from Node's net/dns layers and undici) that mean "could not reach the other side". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

interface ErrnoLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  cause?: unknown;
}

/**
 * Recognises low-level network failures (`fetch failed`, ECONNREFUSED, timeouts, ...) anywhere in an error's
 * `cause` chain and turns them into a {@link NetworkError}; a NetworkError already in the chain is returned as it is.
 * Returns undefined for anything else. `endpoint` (e.g. the RPC URL) is named in the message when given.
 */
export function networkErrorFrom(error: unknown, endpoint?: string): NetworkError | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if (current instanceof NetworkError) return current;
    const e = current as ErrnoLike;
    const code = typeof e.code === 'string' ? e.code : undefined;
    const where = endpoint ?? describeEndpoint(e);
    if (code && UNREACHABLE_CODES.has(code)) {
      return new NetworkError(
        ErrorCode.NetworkUnreachable,
        `Could not reach ${where ?? 'the network endpoint'} (${code}).`,
        {
          hint: 'Check the RPC URL and your connection; for the local devnet, make sure it is running.',
          cause: error,
        },
      );
    }
    if ((code && TIMEOUT_CODES.has(code)) || e.name === 'TimeoutError') {
      return new NetworkError(
        ErrorCode.NetworkTimeout,
        `The request to ${where ?? 'the network endpoint'} timed out.`,
        {
          hint: 'The endpoint may be overloaded or unreachable; try again, or check the RPC URL.',
          cause: error,
        },
      );
    }
    current = e.cause;
  }
  if (error instanceof TypeError && error.message === 'fetch failed') {
    return new NetworkError(
      ErrorCode.NetworkUnreachable,
      endpoint ? `Could not reach ${endpoint}.` : 'A network request failed.',
      {
        hint: 'Check the RPC URL and your connection; for the local devnet, make sure it is running.',
        cause: error,
      },
    );
  }
  return undefined;
}

function describeEndpoint(e: ErrnoLike): string | undefined {
  const host =
    typeof e.hostname === 'string' ? e.hostname : typeof e.address === 'string' ? e.address : undefined;
  if (!host) return undefined;
  return typeof e.port === 'number' ? `${host}:${e.port}` : host;
}
