/** Shared by the end-to-end tests that run the built `walrus` against a devnet in a scratch project. */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The built CLI. */
export const RUN = join(REPO, 'bin', 'run.js');

/**
 * Every devnet port 0: the devnet binds whatever the kernel hands out and the tests read the real ports from the
 * descriptor (`rpcUrl`, `faucetUrl`, `adminUrl`, `nodes[].url`). No port is picked first and bound later.
 */
export const ANY_PORTS = { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 } as const;

/** One funded account and hour-long epochs (no epoch change while a test runs): the devnet most e2e tests start. */
export const QUIET_DEVNET = { epochDuration: '1h', accounts: { count: 1 } } as const;

/** A scratch project whose `walrus.config.json` holds `devnet` (ports default to {@link ANY_PORTS}). */
export function devnetProject(prefix: string, devnet: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(
    join(dir, 'walrus.config.json'),
    JSON.stringify({ devnet: { ...devnet, ports: { ...ANY_PORTS, ...(devnet.ports as object) } } }),
  );
  return dir;
}

/**
 * A scratch project (see {@link devnetProject}) whose devnet runs detached: `walrus dev up --detach --json`,
 * expected to succeed; `up`'s JSON is the descriptor.
 */
export function detachedProject(
  prefix: string,
  devnet: Record<string, unknown> = {},
): { project: string; up: WalrusResult } {
  const project = devnetProject(prefix, devnet);
  const up = runWalrus(project, ['dev', 'up', '--detach', '--json']);
  expect(up.code, up.stderr).toBe(0);
  return { project, up };
}

/** Stops the project's devnet (if one runs) and deletes the project. */
export function removeDevnetProject(project: string | undefined): void {
  if (project === undefined) return;
  runWalrus(project, ['dev', 'down']);
  rmSync(project, { recursive: true, force: true });
}

/** A Node older than 22 on this machine (the system Node is 20 here), if any. */
export function oldNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(version.split('.')[0]) < 22) return candidate;
  }
  return undefined;
}

/** Newest modification time (ms) of the `.ts`/`.tsx` files under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.tsx?$/.test(entry.name))
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Throws unless `dist/` was built after the last change to `src/` and `devnet/`: an e2e test must never pass or
 * fail on yesterday's build. `npm test` builds first; a single e2e file needs `npm run build` after an edit.
 */
export function assertFreshBuild(): void {
  let built = Number.POSITIVE_INFINITY;
  for (const output of [join(REPO, 'dist', 'src', 'cli', 'run.js'), join(REPO, 'oclif.manifest.json')]) {
    try {
      built = Math.min(built, statSync(output).mtimeMs);
    } catch {
      throw new Error(`${output} is missing: the e2e tests run the built CLI; run \`npm run build\` first.`);
    }
  }
  const source = Math.max(newestSource(join(REPO, 'src')), newestSource(join(REPO, 'devnet')));
  if (source > built) throw new Error('dist/ is older than src/ or devnet/: run `npm run build` first.');
}

/**
 * The environment for a `walrus` run: this one without what would change which config, network or home the CLI
 * uses or prints (a developer's WALRUS_NETWORK, WALRUS_CONFIG, WALRUS_HOME, ...), no colours, plus `extra`.
 */
export function walrusEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of [
    'WALRUS_NETWORK',
    'WALRUS_CONFIG',
    'WALRUS_HOME',
    'WALRUS_CONTENT_TYPE',
    'WALRUS_VERBOSE',
    'WALRUS_NODE_REEXEC',
    'WALRUS_DEVNET_DETACHED',
    'WALRUS_ENCRYPTION_KEY',
  ])
    delete env[name];
  return { ...env, ...extra };
}

/** What one `walrus` run printed. `json()` parses stdout. */
export interface WalrusResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown> & { error?: { code: string; message: string; hint?: string } };
}

/** Runs the built `walrus` in `cwd` (see {@link walrusEnv}; `env` adds variables), with `input` on stdin if given. */
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
    env: walrusEnv(options.env),
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: () => JSON.parse(result.stdout),
  };
}

/**
 * {@link runWalrus} without blocking this process's event loop while the command runs (so the test's own HTTP
 * clients keep their connections' timers running).
 */
export function runWalrusAsync(
  cwd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<WalrusResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [RUN, ...args],
      { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: walrusEnv(options.env) },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) });
      },
    );
  });
}
