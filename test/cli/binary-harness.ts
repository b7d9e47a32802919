/**
 * Runs the built `walrus` binary the way a user does, for the end-to-end tests: in a project directory, with its
 * own WALRUS_HOME and Sui config directory, in the environment of `walrusEnv` (nothing inherited that changes the
 * config, network or home). Three ways to run it: to completion (`run`), in the background (`spawn`), and on
 * a pseudo-terminal (`inTerminal`, through util-linux `script`, so `process.stdout.isTTY` is true).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { RUN, walrusEnv } from './devnet-project.js';

export { RUN };
/** What one finished `walrus` run printed. */
export interface BinaryResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document `--json` prints. */
  json: <T = Record<string, unknown>>() => T;
  /** The `error` of a `--json` error document. */
  error: () => { code: string; message: string; hint?: string };
}

/** Where a project's `walrus` runs: its directory, WALRUS_HOME and Sui config directory. */
export interface BinaryProject {
  dir: string;
  home: string;
  suiConfig: string;
}

/** The environment of a `walrus` run in `project` (see {@link walrusEnv}), with its own home and Sui config. */
export function binaryEnv(project: BinaryProject, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return walrusEnv({ WALRUS_HOME: project.home, SUI_CONFIG_DIR: project.suiConfig, ...extra });
}

function result(code: number | null, stdout: string, stderr: string): BinaryResult {
  return {
    code,
    stdout,
    stderr,
    json: <T>() => JSON.parse(stdout) as T,
    error: () => (JSON.parse(stdout) as { error: { code: string; message: string; hint?: string } }).error,
  };
}

/**
 * Runs `walrus ...args` to completion, with `input` on stdin if given. Asynchronous on purpose: a synchronous
 * spawn would stall this process's event loop, and with it the keep-alive bookkeeping of the test's own RPC
 * clients (a connection the server closed meanwhile would be reused and fail with "other side closed").
 */
export async function run(
  project: BinaryProject,
  args: string[],
  options: { input?: string } = {},
): Promise<BinaryResult> {
  const { code, stdout, stderr } = await runToEnd(project, args, options.input);
  return result(code, stdout.toString('utf8'), stderr.toString('utf8'));
}

/** Runs `walrus ...args` to completion and returns stdout as bytes (for binary output). */
export async function runForBytes(
  project: BinaryProject,
  args: string[],
): Promise<{ code: number | null; stdout: Buffer }> {
  const { code, stdout } = await runToEnd(project, args);
  return { code, stdout };
}

function runToEnd(
  project: BinaryProject,
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], {
      cwd: project.dir,
      env: binaryEnv(project),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** A `walrus` process running in the background, with what it printed so far. */
export interface BackgroundWalrus {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

function collect(child: ChildProcess): BackgroundWalrus {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Starts `walrus ...args` in the background, stdin not a terminal (and not read). */
export function spawnWalrus(project: BinaryProject, args: string[]): BackgroundWalrus {
  return collect(
    spawn(process.execPath, [RUN, ...args], {
      cwd: project.dir,
      env: binaryEnv(project),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** util-linux `script`, which runs a command on a new pseudo-terminal. */
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path));

/** Quotes one word for `sh -c`. */
const shellWord = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Starts `walrus ...args` on a pseudo-terminal (stdin and stdout are a TTY). What is written to `child.stdin`
 * reaches the CLI as key presses; `stdout()` is the terminal's output, escape sequences included. CI markers are
 * removed from the environment so ink and listr2 render as they do for a person.
 */
export function walrusInTerminal(project: BinaryProject, args: string[]): BackgroundWalrus {
  if (!SCRIPT) {
    throw new Error(
      'These tests need util-linux `script` (package bsdutils or util-linux) to run walrus on a terminal.',
    );
  }
  const env = binaryEnv(project, { TERM: 'xterm-256color', SHELL: '/bin/sh' });
  for (const key of Object.keys(env)) if (key === 'CI' || key.startsWith('CI_')) delete env[key];
  delete env.CONTINUOUS_INTEGRATION;
  // A pseudo-terminal starts at 0×0: give it a size, as a terminal window has.
  const command = `stty cols 120 rows 40; exec ${[process.execPath, RUN, ...args].map(shellWord).join(' ')}`;
  return collect(
    spawn(SCRIPT, ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
      cwd: project.dir,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
}
