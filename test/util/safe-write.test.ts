import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors/interrupted-error.js';
import { UserError } from '../../src/errors/user-error.js';
import { resolveWriteTarget, writeFileSafely, writeFileSafelySync } from '../../src/util/safe-write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'safe-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = Buffer.from('hello walrus\n');

describe('writeFileSafely', () => {
  it('writes a stream of chunks; a stream that fails leaves the old file, no temp file, and its own error', async () => {
    const path = join(dir, 'out.bin');
    async function* chunks(fail: boolean) {
      yield Buffer.from('one ');
      yield Buffer.from('two');
      if (fail) throw new RangeError('the read failed');
    }
    await writeFileSafely(path, chunks(false));
    expect(readFileSync(path, 'utf8')).toBe('one two');
    const failed = await writeFileSafely(path, chunks(true)).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(RangeError);
    expect((failed as Error).message).toBe('the read failed');
    expect(readFileSync(path, 'utf8')).toBe('one two');
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('creates a new file and replaces a regular one, keeping its mode, leaving no temp file', async () => {
    const path = join(dir, 'out.bin');
    await writeFileSafely(path, bytes);
    expect(readFileSync(path)).toEqual(bytes);
    chmodSync(path, 0o640);
    await writeFileSafely(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('forces the mode it is given (0600 for keys)', () => {
    const path = join(dir, 'accounts.json');
    writeFileSync(path, '{}', { mode: 0o644 });
    writeFileSafelySync(path, '{"imported":[]}', { mode: 0o600 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['accounts.json']);
  });

  it('writes through a symlink to its regular file, keeping the link', async () => {
    const target = join(dir, 'target.bin');
    writeFileSync(target, 'old');
    const link = join(dir, 'link.bin');
    symlinkSync('target.bin', link);
    await writeFileSafely(link, bytes);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target)).toEqual(bytes);
    expect(readdirSync(dir).sort()).toEqual(['link.bin', 'target.bin']);
  });

  it('refuses a dangling symlink and creates nothing', async () => {
    const link = join(dir, 'link.bin');
    symlinkSync('nowhere.bin', link);
    await expect(writeFileSafely(link, bytes)).rejects.toThrow(
      /symbolic link to nowhere\.bin, which does not exist/,
    );
    expect(readdirSync(dir)).toEqual(['link.bin']);
  });

  it('refuses a directory, naming it, and leaves nothing behind', async () => {
    const target = join(dir, 'sub');
    mkdirSync(target);
    const error = await writeFileSafely(target, bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(`${target} is a directory; refusing to write there.`);
    expect(readdirSync(dir)).toEqual(['sub']);
    expect(readdirSync(target)).toEqual([]);
  });

  it('names a missing parent directory', () => {
    const path = join(dir, 'missing', 'out.bin');
    expect(() => resolveWriteTarget(path)).toThrow(`the directory ${join(dir, 'missing')} does not exist`);
  });

  it('streams into a FIFO for its reader, and the FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    const chunks: Buffer[] = [];
    reader.stdout.on('data', (c: Buffer) => chunks.push(c));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    expect(await writeFileSafely(fifo, bytes, { streams: true })).toMatchObject({
      kind: 'stream',
      what: 'FIFO',
    });
    await closed;
    expect(Buffer.concat(chunks)).toEqual(bytes);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('refuses a FIFO for a state file (one read back later)', () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => writeFileSafelySync(fifo, '{}')).toThrow(`${fifo} is a FIFO; refusing to write there.`);
  });

  it('writes to /dev/null in place', async () => {
    expect(await writeFileSafely('/dev/null', bytes, { streams: true })).toMatchObject({
      kind: 'stream',
      what: 'character device',
    });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('on SIGINT mid-write: throws InterruptedError, leaves the old file and no temp file', async () => {
    const path = join(dir, 'out.bin');
    writeFileSync(path, 'old');
    const writing = writeFileSafely(path, Buffer.alloc(8 * 1024 * 1024, 1));
    sendSigintToNewListeners();
    await expect(writing).rejects.toThrow(InterruptedError);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('on SIGINT while a FIFO has no reader: stops waiting for one', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writing = writeFileSafely(fifo, bytes, { streams: true });
    sendSigintToNewListeners();
    await expect(writing).rejects.toThrow(`Interrupted while writing ${fifo}`);
    // Release the open still pending in the thread pool: a reader comes and goes.
    closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
  });
});

/** Delivers SIGINT only to the listeners added since the last call (not to the test runner's own). */
const knownListeners = new Set(process.listeners('SIGINT'));
function sendSigintToNewListeners(): void {
  for (const listener of process.listeners('SIGINT')) {
    if (!knownListeners.has(listener)) (listener as (signal: NodeJS.Signals) => void)('SIGINT');
  }
}
