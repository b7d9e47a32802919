import { afterAll, beforeAll } from 'vitest';

/**
 * Registers a test file's hooks for one shared resource: `start` runs before the file's tests, `stop` after them
 * (only if it started). Returns a reader for tests and hooks; reading before `beforeAll` ran is a mistake in the
 * test and throws naming `what`.
 */
export function fileFixture<T>(
  what: string,
  start: () => Promise<T>,
  stop: (value: T) => Promise<unknown>,
  startTimeoutMs?: number,
): () => T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await start();
  }, startTimeoutMs);
  afterAll(async () => {
    if (value !== undefined) await stop(value);
  });
  return () => {
    if (value === undefined) throw new Error(`${what} is read before beforeAll started it`);
    return value;
  };
}
