/**
 * `walrus dev up --detach`: the parent re-runs `walrus dev up` in a detached child that logs to the devnet log,
 * and waits until the child's descriptor appears. The child reports a failed start over an IPC channel, so the
 * parent prints this run's cause (its code, message and hint), never lines an earlier run left in the log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { type DevnetDescriptor, readDescriptor } from '../../devnet/cli-api.js';
import { ErrorCode } from '../errors/codes.js';
import { toWalrusError } from '../errors/to-walrus-error.js';
import { UserError } from '../errors/user-error.js';
import { type ExitCode, WalrusError, type WalrusErrorJson } from '../errors/walrus-error.js';

/** Set in the child's environment. */
export const DETACHED_ENV = 'WALRUS_DEVNET_DETACHED';

/** What the child sends its parent when its start fails. */
interface DetachedFailure {
  type: 'devnet-start-failed';
  error: WalrusErrorJson;
  exitCode: ExitCode;
}

function isDetachedFailure(value: unknown): value is DetachedFailure {
  return (value as DetachedFailure | undefined)?.type === 'devnet-start-failed';
}

/** True in the child of `dev up --detach`. */
export function isDetachedChild(): boolean {
  return process.env[DETACHED_ENV] === '1';
}

/** In the detached child: tells the parent why the start failed (no-op elsewhere). */
export function reportDetachedFailure(error: unknown): void {
  if (!isDetachedChild() || !process.send) return;
  const walrusError = toWalrusError(error);
  const failure: DetachedFailure = {
    type: 'devnet-start-failed',
    error: walrusError.toJSON(),
    exitCode: walrusError.exitCode,
  };
  process.send(failure);
}

/** In the detached child, once ready: lets go of the parent's channel so the parent can exit. */
export function releaseDetachedParent(): void {
  if (isDetachedChild() && process.connected) process.disconnect();
}

/** The lines `logFile` gained since it was `fromByte` long. */
function linesSince(logFile: string, fromByte: number): string[] {
  const text = readFileSync(logFile).subarray(fromByte).toString('utf8').trim();
  return text ? text.split('\n') : [];
}

/**
 * Starts `args` (a `walrus dev up` command line without `--detach`) detached, logging to `logFile`, and resolves
 * with its descriptor once `descriptorFile` holds one written by that child.
 */
export async function startDetached(options: {
  args: string[];
  logFile: string;
  descriptorFile: string;
  timeoutMs: number;
}): Promise<DevnetDescriptor> {
  const { logFile, descriptorFile, timeoutMs } = options;
  const out = openSync(logFile, 'a');
  const logStart = statSync(logFile).size;
  const child = spawn(process.execPath, options.args, {
    detached: true,
    stdio: ['ignore', out, out, 'ipc'],
    env: { ...process.env, [DETACHED_ENV]: '1' },
  });
  closeSync(out);
  let failure: DetachedFailure | undefined;
  let exited = false;
  child.on('message', (message) => {
    if (isDetachedFailure(message)) failure = message;
  });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => {
    exited = true;
  });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) throw startFailure(failure, logFile, logStart);
      const descriptor = readDescriptor(descriptorFile);
      if (descriptor && descriptor.pid === child.pid) return descriptor;
      await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 20))]);
    }
    child.kill('SIGTERM');
    throw new UserError(
      ErrorCode.DevnetStartFailed,
      `The devnet was not ready within ${timeoutMs / 1000} s.`,
      {
        hint: `See ${logFile}`,
      },
    );
  } finally {
    detach(child);
  }
}

/** Stops holding the child: no IPC channel, no reference keeping this process alive. */
function detach(child: ChildProcess): void {
  if (child.connected) child.disconnect();
  child.unref();
}

/** This run's failure: the child's own error when it sent one, else the lines this run added to the log. */
function startFailure(failure: DetachedFailure | undefined, logFile: string, logStart: number): WalrusError {
  if (failure) {
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
