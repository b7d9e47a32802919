/**
 * `walrus dev up --detach`: the parent starts a detached child from a lean entry (`detached-child.ts`: no oclif, no
 * config loading, no terminal UI), hands it the resolved start request over the spawn's IPC channel, and waits for
 * one message back: `devnet-ready` with the descriptor (written to devnet.json before it is sent), or
 * `devnet-start-failed` with this run's cause (its code, message and hint), never lines an earlier run left in the
 * log. No polling: the parent wakes on the message, or on the child's exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DevnetDescriptor } from '../../devnet/cli-api.js';
import { ErrorCode } from '../errors/codes.js';
import { toWalrusError } from '../errors/to-walrus-error.js';
import { UserError } from '../errors/user-error.js';
import { type ExitCode, WalrusError, type WalrusErrorJson } from '../errors/walrus-error.js';
import type { RunDevnetOptions } from './run-devnet.js';

/** What the parent sends the child: `runDevnet`'s options that cross a process boundary. */
export type DetachedStartRequest = Omit<RunDevnetOptions, 'echo' | 'onStep'>;

/** The child's one message to its parent. */
export type DetachedMessage =
  | { type: 'devnet-ready'; descriptor: DevnetDescriptor }
  | { type: 'devnet-start-failed'; error: WalrusErrorJson; exitCode: ExitCode };

/** The message a detached child sends when its start failed. */
export function startFailedMessage(error: unknown): DetachedMessage {
  const walrusError = toWalrusError(error);
  return { type: 'devnet-start-failed', error: walrusError.toJSON(), exitCode: walrusError.exitCode };
}

function isDetachedMessage(value: unknown): value is DetachedMessage {
  const type = (value as DetachedMessage | undefined)?.type;
  return type === 'devnet-ready' || type === 'devnet-start-failed';
}

/**
 * The child's entry and the Node flags it needs: the compiled `detached-child.js` next to this file, or, when the
 * CLI runs from the TypeScript sources (bin/dev.js), `detached-child.ts` through tsx.
 */
function childEntry(): { entry: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    return {
      entry: here.replace(/detached-devnet\.ts$/, 'detached-child.ts'),
      // Resolved here: `--import tsx` alone is looked up from the project's directory, which may have no tsx.
      execArgv: ['--import', import.meta.resolve('tsx')],
    };
  }
  return { entry: here.replace(/detached-devnet\.js$/, 'detached-child.js'), execArgv: [] };
}

/** The lines `logFile` gained since it was `fromByte` long. */
function linesSince(logFile: string, fromByte: number): string[] {
  const text = readFileSync(logFile).subarray(fromByte).toString('utf8').trim();
  return text ? text.split('\n') : [];
}

/**
 * Starts a devnet for `request` in a detached process logging to `logFile`, and resolves with its descriptor once
 * the child says it is ready. `entry` replaces the child's script (tests).
 */
export async function startDetached(options: {
  request: DetachedStartRequest;
  logFile: string;
  timeoutMs: number;
  entry?: string;
}): Promise<DevnetDescriptor> {
  const { logFile, timeoutMs } = options;
  const out = openSync(logFile, 'a');
  const logStart = statSync(logFile).size;
  const child = childEntry();
  const spawned = spawn(process.execPath, [...child.execArgv, options.entry ?? child.entry], {
    detached: true,
    stdio: ['ignore', out, out, 'ipc'],
    // Structured clone: the request carries bigints (balances in MIST).
    serialization: 'advanced',
    env: process.env,
  });
  closeSync(out);
  try {
    spawned.send(options.request);
    const outcome = await firstOutcome(spawned, timeoutMs);
    if (outcome.kind === 'message' && outcome.message.type === 'devnet-ready')
      return outcome.message.descriptor;
    if (outcome.kind === 'timeout') {
      spawned.kill('SIGTERM');
      throw new UserError(
        ErrorCode.DevnetStartFailed,
        `The devnet was not ready within ${timeoutMs / 1000} s.`,
        { hint: `See ${logFile}` },
      );
    }
    throw startFailure(outcome.kind === 'message' ? outcome.message : undefined, logFile, logStart);
  } finally {
    detach(spawned);
  }
}

type Outcome = { kind: 'message'; message: DetachedMessage } | { kind: 'exit' } | { kind: 'timeout' };

/**
 * The child's first message, the end of its channel without one (it crashed or exited: the channel closes after
 * every message it sent was delivered, unlike 'exit', which may come first), or the timeout.
 */
function firstOutcome(child: ChildProcess, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    const done = (outcome: Outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    child.on('message', (message) => {
      if (isDetachedMessage(message)) done({ kind: 'message', message });
    });
    child.once('disconnect', () => done({ kind: 'exit' }));
    child.once('error', () => done({ kind: 'exit' }));
  });
}

/** Stops holding the child: no IPC channel, no reference keeping this process alive. */
function detach(child: ChildProcess): void {
  if (child.connected) child.disconnect();
  child.unref();
}

/** This run's failure: the child's own error when it sent one, else the lines this run added to the log. */
function startFailure(failure: DetachedMessage | undefined, logFile: string, logStart: number): WalrusError {
  if (failure?.type === 'devnet-start-failed') {
    const { code, message, hint } = failure.error;
    return new WalrusError(code, message, failure.exitCode, {
      hint: hint ? `${hint} Log: ${logFile}` : `Log: ${logFile}`,
    });
  }
  const lines = linesSince(logFile, logStart).slice(-5);
  return new UserError(
    ErrorCode.DevnetStartFailed,
    `The devnet exited before it was ready${lines.length ? `:\n${lines.join('\n')}` : '.'}`,
    { hint: `Full log: ${logFile}` },
  );
}
