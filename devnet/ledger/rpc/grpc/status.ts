/**
 * gRPC status codes and the error type handlers throw to answer with one.
 *
 * Transport-free: the grpc-web server turns an {@link RpcStatusError} into a trailer frame, the
 * in-process transport into the `RpcError` the SDK's own transport would have produced.
 */

/** Numeric gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const StatusCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export type StatusCodeName = keyof typeof StatusCode;
export type StatusCodeValue = (typeof StatusCode)[StatusCodeName];

const CODE_NAMES: readonly StatusCodeName[] = (() => {
  const names: StatusCodeName[] = [];
  for (const [name, value] of Object.entries(StatusCode)) names[value] = name as StatusCodeName;
  return names;
})();

/** Whether `code` is one of the 17 gRPC status codes. */
export function isStatusCode(code: unknown): code is StatusCodeValue {
  return typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < CODE_NAMES.length;
}

/** The name protobuf-ts and the SDK use for a code (`5` → `'NOT_FOUND'`); unknown codes → `'UNKNOWN'`. */
export function statusCodeName(code: number): StatusCodeName {
  return isStatusCode(code) ? CODE_NAMES[code]! : 'UNKNOWN';
}

/** The numeric code of a status name (`'NOT_FOUND'` → `5`), or undefined when it is not one. */
export function statusCodeFromName(name: string): StatusCodeValue | undefined {
  return Object.hasOwn(StatusCode, name) ? StatusCode[name as StatusCodeName] : undefined;
}

/**
 * Thrown by handlers to end a call with a gRPC status. Any other thrown value ends the call with
 * `INTERNAL` and the error's message.
 */
export class RpcStatusError extends Error {
  /** Numeric gRPC status code, never `OK`. */
  readonly code: StatusCodeValue;

  constructor(code: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RpcStatusError';
    // OK is not an error and anything outside the table is not a code: both become UNKNOWN.
    this.code = isStatusCode(code) && code !== StatusCode.OK ? code : StatusCode.UNKNOWN;
  }

  /** The code's name, e.g. `'NOT_FOUND'`. */
  get codeName(): StatusCodeName {
    return statusCodeName(this.code);
  }

  static notFound(message: string): RpcStatusError {
    return new RpcStatusError(StatusCode.NOT_FOUND, message);
  }
  static invalidArgument(message: string): RpcStatusError {
    return new RpcStatusError(StatusCode.INVALID_ARGUMENT, message);
  }
  static failedPrecondition(message: string): RpcStatusError {
    return new RpcStatusError(StatusCode.FAILED_PRECONDITION, message);
  }
  static unimplemented(message: string): RpcStatusError {
    return new RpcStatusError(StatusCode.UNIMPLEMENTED, message);
  }
  static internal(message: string): RpcStatusError {
    return new RpcStatusError(StatusCode.INTERNAL, message);
  }
  static resourceExhausted(message: string): RpcStatusError {
    return new RpcStatusError(StatusCode.RESOURCE_EXHAUSTED, message);
  }
  static aborted(message: string): RpcStatusError {
    return new RpcStatusError(StatusCode.ABORTED, message);
  }
}

function readProperty(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * The status a thrown value ends a call with:
 * - an {@link RpcStatusError} as is;
 * - an error carrying a gRPC code, numeric or by name (e.g. protobuf-ts' `RpcError`), with that code;
 * - anything else as `INTERNAL` with its message.
 */
export function toRpcStatusError(error: unknown): RpcStatusError {
  if (error instanceof RpcStatusError) return error;
  const message = errorMessage(error);
  const code = readProperty(error, 'code');
  if (error instanceof Error && typeof code === 'string') {
    const numeric = statusCodeFromName(code);
    if (numeric !== undefined && numeric !== StatusCode.OK) {
      return new RpcStatusError(numeric, message, { cause: error });
    }
  }
  return new RpcStatusError(StatusCode.INTERNAL, message, { cause: error });
}

/**
 * The status an aborted call ends with, from the signal's reason: a status error as is, an error
 * whose `code` names a status with that code, a `TimeoutError` as `DEADLINE_EXCEEDED`, otherwise
 * `CANCELLED` (the same rules the SDK's own transport applies to an aborted call).
 */
export function statusFromAbortReason(reason: unknown): RpcStatusError {
  if (reason instanceof RpcStatusError) return reason;
  const message =
    reason === undefined ? 'The operation was aborted' : errorMessage(reason) || 'The operation was aborted';
  const code = readProperty(reason, 'code');
  const named = typeof code === 'string' ? statusCodeFromName(code) : undefined;
  if (named !== undefined && named !== StatusCode.OK)
    return new RpcStatusError(named, message, { cause: reason });
  if (readProperty(reason, 'name') === 'TimeoutError') {
    return new RpcStatusError(StatusCode.DEADLINE_EXCEEDED, message, { cause: reason });
  }
  return new RpcStatusError(StatusCode.CANCELLED, message, { cause: reason });
}

function errorMessage(error: unknown): string {
  const message = readProperty(error, 'message');
  if (typeof message === 'string' && message !== '') return message;
  if (error instanceof Error) return error.name;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}
