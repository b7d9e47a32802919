/**
 * Errors in the shape Walrus nodes answer (AIP-193): `{"error": {"code", "status", "message",
 * "details": [{"@type": "ErrorInfo", "reason", "domain", "metadata"}]}}`. The SDK keys off the HTTP
 * status and, for 400, off `details[0].reason === "NOT_REGISTERED"` (it then retries the metadata
 * upload 3 times, 1 s apart).
 */

/** The error domain of storage-node errors. */
export const STORAGE_NODE_ERROR_DOMAIN = 'storage.walrus.space';

/** Status names and their HTTP codes. */
export const ApiStatus = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  SIZE_EXCEEDED: 413,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
} as const;

/** A status name. */
export type ApiStatusName = keyof typeof ApiStatus;

/** An error the REST API answers with; thrown by the node's service and turned into JSON. */
export class ApiError extends Error {
  constructor(
    readonly status: ApiStatusName,
    readonly reason: string,
    message: string,
    readonly metadata: Record<string, string | number | boolean> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The HTTP status code. */
  get code(): number {
    return ApiStatus[this.status];
  }

  /** The JSON body. */
  toJSON(): object {
    return {
      error: {
        code: this.code,
        status: this.status,
        message: this.message,
        details: [
          {
            '@type': 'ErrorInfo',
            reason: this.reason,
            domain: STORAGE_NODE_ERROR_DOMAIN,
            metadata: this.metadata,
          },
        ],
      },
    };
  }
}

/** The blob is not (or no longer) registered. */
export function notRegistered(): ApiError {
  return new ApiError(
    'FAILED_PRECONDITION',
    'NOT_REGISTERED',
    'the blob has not been registered or has already expired',
  );
}

/** The sliver pair's shard is not this node's in the current epoch. */
export function shardNotAssigned(shard: number, epoch: number): ApiError {
  return new ApiError(
    'FAILED_PRECONDITION',
    'SHARD_NOT_ASSIGNED',
    `shard ${shard} is not assigned to this node in epoch ${epoch}`,
    { shard, epoch },
  );
}

/** An index is outside `0..max`. */
export function indexOutOfRange(index: number, max: number): ApiError {
  return new ApiError('INVALID_ARGUMENT', 'INDEX_OUT_OF_RANGE', `requires 0 <= index (${index}) < ${max}`, {
    index,
    max,
  });
}
