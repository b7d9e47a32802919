/**
 * A failure while running a transaction's commands. The transaction is still committed (gas is charged,
 * mutable inputs get new versions) with a failed status, as on Sui.
 */
export class ExecutionError extends Error {
  constructor(
    /** Sui's `ExecutionFailureStatus` name, e.g. `MoveAbort`, `InsufficientCoinBalance`. */
    readonly kind: string,
    message: string,
    readonly command?: number,
    readonly abort?: { packageId: string; module: string; function: string; code: bigint },
  ) {
    super(message);
  }
}

/**
 * A transaction refused before execution (bad signature, stale object, gas problems): nothing is
 * committed and no gas is charged. `code` follows gRPC status names.
 */
export class TransactionRejectedError extends Error {
  constructor(
    message: string,
    readonly code: 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'FAILED_PRECONDITION' | 'ABORTED' = 'INVALID_ARGUMENT',
  ) {
    super(message);
  }
}
