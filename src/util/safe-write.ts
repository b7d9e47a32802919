/**
 * The one way walrus-devkit writes a file at a path the user can name or see (`blob read -o`, `.walrus/accounts.json`,
 * `.walrus/devnet.json`). What happens depends on what is at the path (README, "Limits"):
 *
 * - nothing, or a regular file: the bytes go to a temporary file in the same directory (`.<name>.<pid>.<random>.tmp`),
 *   are fsync'd and renamed over the path, and the directory is fsync'd. Readers see the old file or the new one,
 *   never half of one. A replaced file keeps its permission bits (unless `mode` forces them); hard links to it keep
 *   the old content, as with any atomic replace.
 * - a symbolic link to a regular file: the link stays and its target is replaced as above (what `cp` does). A link
 *   to nothing is refused, since a write through it would create a file somewhere the user did not name.
 * - a FIFO or a character device (`/dev/null`): with `streams`, the bytes are written straight to it, no temporary
 *   file, no rename (a terminal is refused: binary data would garble it). `/dev/stdout` and `/dev/stderr` (and their
 *   `/dev/fd/1|2`, `/proc/self/fd/1|2` aliases) write to this process's descriptor, whatever it is (pipe, socket, file).
 *   Without `streams` (files read back later, like accounts.json) all of these are refused.
 * - a directory, a socket or a block device: refused, nothing is created.
 *
 * A missing or non-directory parent is a user error naming it. The temporary file is removed on every error path, at
 * process exit and on SIGINT (the async writer stops and throws {@link InterruptedError}; the sync writer, for files
 * of a few hundred bytes, finishes first and then lets the signal take its usual course).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { type FileHandle, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isatty } from 'node:tty';
import { ErrorCode } from '../errors/codes.js';
import { InterruptedError } from '../errors/interrupted-error.js';
import { UserError } from '../errors/user-error.js';

/** Options of {@link writeFileSafely} and {@link writeFileSafelySync}. */
export interface SafeWriteOptions {
  /** Permission bits of the written file, whatever was there (e.g. 0o600 for keys). Default: the replaced file's, else 0o666 less the umask. */
  mode?: number;
}

/** Options of {@link writeFileSafely}, which may also write to FIFOs and character devices. */
export interface SafeOutputOptions extends SafeWriteOptions {
  /** Write straight to a FIFO or character device at the path (for outputs); refuse them when false. @default false */
  streams?: boolean;
}

/** Where the bytes go: a regular file replaced (or created) atomically, or a FIFO/device written in place. */
export type WriteTarget =
  | { kind: 'file'; path: string; mode: number | undefined }
  | { kind: 'stream'; path: string; what: 'FIFO' | 'character device' }
  | { kind: 'stream'; path: string; what: 'standard output' | 'standard error'; fd: 1 | 2 };

/** `/dev/stdout` and its aliases name a descriptor of this process, which may be a pipe, a socket or a file. */
const STANDARD_STREAMS: Record<string, 1 | 2> = {
  '/dev/stdout': 1,
  '/dev/fd/1': 1,
  '/proc/self/fd/1': 1,
  '/dev/stderr': 2,
  '/dev/fd/2': 2,
  '/proc/self/fd/2': 2,
};

/**
 * Decides how `path` can be written, or throws a {@link UserError} naming it. Nothing is created. Call it before
 * expensive work (a blob read) to fail early; the writers call it again.
 */
export function resolveWriteTarget(path: string, options: SafeOutputOptions = {}): WriteTarget {
  const fd = STANDARD_STREAMS[path];
  if (fd !== undefined && options.streams) {
    if ((fd === 1 ? process.stdout : process.stderr).isTTY) throw terminalRefused(path);
    return { kind: 'stream', path, what: fd === 1 ? 'standard output' : 'standard error', fd };
  }
  let stats = statOrUndefined(path, lstatSync);
  if (!stats) {
    checkParent(path);
    return { kind: 'file', path, mode: undefined };
  }
  if (stats.isSymbolicLink()) {
    const followed = statOrUndefined(path, statSync);
    if (!followed) {
      throw new UserError(
        ErrorCode.WriteFailed,
        `${path} is a symbolic link to ${readlinkSync(path)}, which does not exist; refusing to create a file through it.`,
        { hint: 'Remove the link, or give the path where the file should be written.' },
      );
    }
    if (followed.isFile()) return { kind: 'file', path: realpathSync(path), mode: followed.mode & 0o7777 };
    stats = followed;
  }
  if (stats.isFile()) return { kind: 'file', path, mode: stats.mode & 0o7777 };
  const what = kindOf(stats);
  if ((what === 'FIFO' || what === 'character device') && options.streams)
    return { kind: 'stream', path, what };
  throw new UserError(ErrorCode.WriteFailed, `${path} is a ${what}; refusing to write there.`, {
    hint:
      what === 'directory'
        ? `Give a file path, e.g. ${join(path, 'file.bin')}.`
        : 'Give the path of a regular file (it is created or replaced).',
  });
}

/**
 * Writes `data` to `path` as described at the top of this file. Returns where it went. Errors are user errors
 * naming the path (exit 1); SIGINT during the write removes the temporary file and throws {@link InterruptedError}.
 */
export async function writeFileSafely(
  path: string,
  data: string | Uint8Array | AsyncIterable<Uint8Array>,
  options: SafeOutputOptions = {},
): Promise<WriteTarget> {
  const target = resolveWriteTarget(path, options);
  const interrupt = watchSigint(path);
  const bytes =
    typeof data === 'string'
      ? Buffer.from(data)
      : data instanceof Uint8Array
        ? data
        : fromSource(data, interrupt);
  try {
    if (target.kind === 'stream') {
      // Opening a FIFO waits for a reader: an interrupt must not wait for it.
      await Promise.race([writeStream(target, bytes), interrupt.promise]);
    } else {
      await replaceFile(target, bytes, options.mode, interrupt);
    }
  } catch (error) {
    throw error instanceof SourceFailure ? error.original : error;
  } finally {
    interrupt.dispose();
  }
  return target;
}

/** A failure of the bytes' source (a streamed read), passed through the writer as it is: it is not a write error. */
class SourceFailure extends Error {
  constructor(readonly original: unknown) {
    super('the source of the bytes failed');
  }
}

/** The chunks of `source`; its errors become {@link SourceFailure}s, and a SIGINT stops it between chunks. */
async function* fromSource(
  source: AsyncIterable<Uint8Array>,
  interrupt: SigintWatch,
): AsyncGenerator<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      interrupt.throwIfFired();
      let next: IteratorResult<Uint8Array>;
      try {
        next = await chunks.next();
      } catch (error) {
        done = true;
        throw new SourceFailure(error);
      }
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Stopped early (an interrupt, a write error): let the source stop its own work.
    if (!done) await chunks.return?.();
  }
}

/**
 * Synchronous {@link writeFileSafely} for small state files (regular files only). A SIGINT arriving meanwhile is
 * held until the file is complete, then takes its default course.
 */
export function writeFileSafelySync(
  path: string,
  data: string | Uint8Array,
  options: SafeWriteOptions = {},
): WriteTarget {
  const target = resolveWriteTarget(path);
  if (target.kind !== 'file') throw new Error('unreachable: streams are not allowed here');
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  holdSigintUntilNextTick();
  const temp = tempPathFor(target.path);
  let fd: number | undefined;
  const removeTemp = () => unlinkQuietly(temp);
  process.once('exit', removeTemp);
  try {
    fd = openSync(temp, 'wx', options.mode ?? target.mode ?? 0o666);
    const mode = options.mode ?? target.mode;
    if (mode !== undefined) fchmodSync(fd, mode);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target.path);
    syncDirectory(dirname(target.path));
    return target;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeTemp();
    throw writeError(path, error);
  } finally {
    process.removeListener('exit', removeTemp);
  }
}

async function replaceFile(
  target: Extract<WriteTarget, { kind: 'file' }>,
  bytes: Uint8Array | AsyncIterable<Uint8Array>,
  forcedMode: number | undefined,
  interrupt: SigintWatch,
): Promise<void> {
  const temp = tempPathFor(target.path);
  const removeTemp = () => unlinkQuietly(temp);
  process.once('exit', removeTemp);
  let handle: FileHandle | undefined;
  try {
    const mode = forcedMode ?? target.mode;
    handle = await open(temp, 'wx', mode ?? 0o666);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    interrupt.throwIfFired();
    await rename(temp, target.path);
    syncDirectory(dirname(target.path));
  } catch (error) {
    await handle?.close().catch(() => {});
    removeTemp();
    throw error instanceof InterruptedError || error instanceof SourceFailure
      ? error
      : writeError(target.path, error);
  } finally {
    process.removeListener('exit', removeTemp);
  }
}

async function writeStream(
  target: Extract<WriteTarget, { kind: 'stream' }>,
  bytes: Uint8Array | AsyncIterable<Uint8Array>,
): Promise<void> {
  if ('fd' in target) {
    const stream = target.fd === 1 ? process.stdout : process.stderr;
    const chunks = bytes instanceof Uint8Array ? [bytes] : bytes;
    for await (const chunk of chunks) {
      await new Promise<void>((resolve, reject) =>
        stream.write(chunk, (e) => (e ? reject(writeError(target.path, e)) : resolve())),
      );
    }
    return;
  }
  let handle: FileHandle | undefined;
  try {
    // No O_CREAT and no O_TRUNC: this writes into what is there, and creates nothing if it vanished meanwhile.
    handle = await open(target.path, constants.O_WRONLY | constants.O_NOCTTY);
    const stats = await handle.stat();
    if (!stats.isFIFO() && !stats.isCharacterDevice()) {
      throw new UserError(
        ErrorCode.WriteFailed,
        `${target.path} changed while it was being opened; nothing was written.`,
      );
    }
    if (isatty(handle.fd)) throw terminalRefused(target.path);
    await handle.writeFile(bytes);
  } catch (error) {
    throw error instanceof UserError || error instanceof SourceFailure
      ? error
      : writeError(target.path, error);
  } finally {
    await handle?.close().catch(() => {});
  }
}

function terminalRefused(path: string): UserError {
  return new UserError(ErrorCode.WriteFailed, `${path} is a terminal; refusing to write binary data to it.`, {
    hint: 'Give a file path, or pipe the output: walrus blob read <id> | <command>',
  });
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function statOrUndefined(path: string, stat: (p: string) => Stats): Stats | undefined {
  try {
    return stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') checkParent(path);
    throw writeError(path, error);
  }
}

/** The parent of a path to be created must be an existing, writable directory. */
function checkParent(path: string): void {
  const parent = dirname(path);
  let stats: Stats;
  try {
    stats = statSync(parent);
  } catch {
    throw new UserError(
      ErrorCode.FileNotFound,
      `Cannot write ${path}: the directory ${parent} does not exist.`,
      {
        hint: `Create it first (mkdir -p ${parent}), or give another path.`,
      },
    );
  }
  if (!stats.isDirectory()) {
    throw new UserError(ErrorCode.WriteFailed, `Cannot write ${path}: ${parent} is not a directory.`, {
      hint: 'Give a path whose parent folders are directories.',
    });
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isSocket()) return 'socket';
  return 'special file';
}

/** A failed system call as a user error naming the path (disk full, read-only, permission denied, reader gone). */
function writeError(path: string, error: unknown): Error {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EPIPE: 'its reader closed it before everything was written',
    EISDIR: 'it is a directory',
    ENXIO: 'no such device or reader',
  };
  const reason = (code && reasons[code]) ?? (error as Error).message;
  return new UserError(ErrorCode.WriteFailed, `Could not write ${path}: ${reason}.`, { cause: error });
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already renamed or never created.
  }
}

/** Makes the rename durable. Directories cannot be opened for fsync on Windows (nor need it). */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: the file itself is complete and fsync'd.
  }
}

interface SigintWatch {
  /** Rejects with an InterruptedError on SIGINT (never resolves). */
  promise: Promise<never>;
  throwIfFired(): void;
  dispose(): void;
}

/** Turns a SIGINT during an async write into an InterruptedError instead of killing the process mid-write. */
function watchSigint(path: string): SigintWatch {
  const interrupted = () =>
    new InterruptedError(`Interrupted while writing ${path}; it was left as it was.`, {
      hint: 'Run the command again to write it.',
    });
  let fired = false;
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<never>((_, r) => {
    reject = r;
  });
  promise.catch(() => {}); // raced only for streams
  const onSigint = () => {
    fired = true;
    reject(interrupted());
  };
  process.once('SIGINT', onSigint);
  return {
    promise,
    throwIfFired: () => {
      if (fired) throw interrupted();
    },
    dispose: () => process.removeListener('SIGINT', onSigint),
  };
}

/**
 * Keeps a SIGINT from killing the process in the middle of a synchronous write: with no other listener, one is
 * installed until the next turn of the event loop; if the signal came, it is raised again once the write is done.
 */
function holdSigintUntilNextTick(): void {
  if (process.listenerCount('SIGINT') > 0) return; // someone else handles it, after the write
  let received = false;
  const hold = () => {
    // Raised again only if nobody else heard it: a listener added meanwhile has handled it already.
    received = process.listenerCount('SIGINT') === 1;
  };
  process.on('SIGINT', hold);
  // Two turns, so that one poll phase (where a pending signal is delivered) runs before the listener goes.
  setImmediate(() =>
    setImmediate(() => {
      process.removeListener('SIGINT', hold);
      if (received) process.kill(process.pid, 'SIGINT');
    }),
  );
}
