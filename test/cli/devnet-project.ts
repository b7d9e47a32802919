/** Shared by the end-to-end tests that run the built `walrus` against a devnet in a scratch project. */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The built CLI. */
export const RUN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What one `walrus` run printed. `json()` parses stdout. */
export interface WalrusResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown> & { error?: { code: string; message: string; hint?: string } };
}

/**
 * Runs the built `walrus` in `cwd` (no colours, no inherited WALRUS_HOME; `env` adds variables), with `input` on
 * stdin if given.
 */
export function runWalrus(
  cwd: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): WalrusResult {
  const result = spawnSync(process.execPath, [RUN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
    env: { ...process.env, NO_COLOR: '1', WALRUS_HOME: '', ...options.env },
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout),
  };
}
