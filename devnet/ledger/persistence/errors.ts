/**
 * What can go wrong when opening or writing a state directory. `code` is stable; `message` is meant for
 * the person running the devnet and says what to do about it.
 */
export type StateStoreErrorCode =
  /** Another process (or another store in this process) has the directory open. */
  | 'LOCKED'
  /** A snapshot or journal was written by a newer (or unknown) format version. */
  | 'UNSUPPORTED_VERSION'
  /** The directory's content is damaged in a way recovery must not paper over. */
  | 'CORRUPT'
  /** The store is not open: `load()` was not called yet, or `close()` was. */
  | 'NOT_OPEN'
  /** A write or sync failed earlier; the store refuses further writes until it is reopened. */
  | 'FAILED';

export class StateStoreError extends Error {
  override readonly name = 'StateStoreError';
  readonly code: StateStoreErrorCode;

  constructor(code: StateStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
