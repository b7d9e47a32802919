import { expect } from 'vitest';

/** What `fn` throws, or undefined when it returns. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Expects `error` to be a user error (exit 1) with this code and message, and this hint when one is given. */
export function expectUserError(
  error: unknown,
  expected: { code: string; message: string; hint?: string },
): void {
  expect(error).toMatchObject({ exitCode: 1, ...expected });
}
