import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ErrorCode } from './codes.js';
import { UserError } from './user-error.js';

interface ErrnoLike {
  code?: unknown;
  path?: unknown;
  syscall?: unknown;
}

/** A temporary sibling written before a rename (`out.bin.1234.tmp`): the user named `out.bin`. */
const TEMP_SUFFIX = /\.\d+\.tmp$/;

/**
 * Recognises a Node file-system error (an errno code with a `path`) and turns it into a {@link UserError} that names
 * the path and the problem in words, with what to do; undefined for anything else. The temporary file of an atomic
 * write is reported under the name the user gave.
 */
export function fileSystemErrorFrom(error: unknown): UserError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, path: rawPath } = error as ErrnoLike;
  if (typeof code !== 'string' || typeof rawPath !== 'string') return undefined;
  const path = rawPath.replace(TEMP_SUFFIX, '');
  const problem = describe(code, path, (error as ErrnoLike).syscall);
  if (!problem) return undefined;
  return new UserError(ErrorCode.FileSystem, problem.message, { hint: problem.hint, cause: error });
}

function describe(
  code: string,
  path: string,
  syscall: unknown,
): { message: string; hint: string } | undefined {
  switch (code) {
    case 'ENOENT': {
      const parent = dirname(path);
      if (!isDirectory(parent)) {
        return {
          message: `Cannot use ${path}: the directory ${parent} does not exist.`,
          hint: `Create it first (mkdir -p ${parent}), or give a path in an existing directory.`,
        };
      }
      return { message: `${path} does not exist.`, hint: 'Check the path.' };
    }
    case 'ENOTDIR': {
      const file = fileInTheWay(path);
      return {
        message: file
          ? `Cannot use ${path}: ${file} is a file, not a directory.`
          : `Cannot use ${path}: part of it is not a directory.`,
        hint: 'Give a path whose parent folders are directories.',
      };
    }
    case 'EISDIR':
      return { message: `${path} is a directory, not a file.`, hint: 'Give the path of a file.' };
    case 'EEXIST':
      if (syscall === 'mkdir' && !isDirectory(path)) {
        return {
          message: `Cannot use ${path} as a directory: it is a file.`,
          hint: 'Give the path of a directory (or of one to create).',
        };
      }
      return {
        message: `${path} already exists and is in the way.`,
        hint: 'Remove it or choose another path.',
      };
    case 'EACCES':
    case 'EPERM':
      return {
        message: `Permission denied: ${path}.`,
        hint: 'Choose a path you can write to, or fix its permissions.',
      };
    case 'EROFS':
      return { message: `${path} is on a read-only file system.`, hint: 'Choose a writable location.' };
    case 'ENOSPC':
      return { message: `No space left on the device for ${path}.`, hint: 'Free some space and try again.' };
    default:
      return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The nearest ancestor of `path` that exists and is not a directory. */
function fileInTheWay(path: string): string | undefined {
  for (let current = dirname(path); current !== dirname(current); current = dirname(current)) {
    try {
      if (!statSync(current).isDirectory()) return current;
      return undefined;
    } catch {
      // missing: look further up
    }
  }
  return undefined;
}
