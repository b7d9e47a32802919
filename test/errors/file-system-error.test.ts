import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSystemErrorFrom, toWalrusError } from '../../src/errors/index.js';
import { expectUserError } from '../user-error.js';

const dir = mkdtempSync(join(tmpdir(), 'walrus-fs-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error Node throws for `syscall` on `path`. */
const errno = (code: string, path: string, syscall = 'open') =>
  Object.assign(new Error(`${code}: x, ${syscall} '${path}'`), { code, path, syscall });

describe('fileSystemErrorFrom', () => {
  it('names the missing directory of a path to write, under the name the user gave', () => {
    const error = toWalrusError(errno('ENOENT', '/nonexistent/x.4242.tmp'));
    expectUserError(error, {
      code: 'FILE_SYSTEM_ERROR',
      message: 'Cannot use /nonexistent/x: the directory /nonexistent does not exist.',
      hint: 'Create it first (mkdir -p /nonexistent), or give a path in an existing directory.',
    });
  });

  it('names the file in the way of a directory', () => {
    const file = join(dir, 'plain');
    writeFileSync(file, 'x');
    expect(fileSystemErrorFrom(errno('ENOTDIR', join(file, 'out.bin')))?.message).toBe(
      `Cannot use ${join(file, 'out.bin')}: ${file} is a file, not a directory.`,
    );
    expect(fileSystemErrorFrom(errno('EEXIST', file, 'mkdir'))?.message).toBe(
      `Cannot use ${file} as a directory: it is a file.`,
    );
  });

  it('says permission denied, directory and read-only in words', () => {
    expect(fileSystemErrorFrom(errno('EACCES', '/root/x'))?.message).toBe('Permission denied: /root/x.');
    expect(fileSystemErrorFrom(errno('EISDIR', dir))?.message).toBe(`${dir} is a directory, not a file.`);
    expect(fileSystemErrorFrom(errno('EROFS', '/ro/x'))?.message).toBe(
      '/ro/x is on a read-only file system.',
    );
  });

  it('leaves other errors alone', () => {
    expect(fileSystemErrorFrom(new Error('x'))).toBeUndefined();
    expect(fileSystemErrorFrom(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(toWalrusError(new RangeError('bug')).code).toBe('INTERNAL_ERROR');
  });
});
