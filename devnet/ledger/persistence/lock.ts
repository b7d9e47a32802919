/**
 * An exclusive lock on a state directory: a `LOCK` file naming its owner. It is created complete
 * (written to a temporary file, then hard-linked into place, which fails if `LOCK` exists), so a reader
 * never sees a half-written one. A lock whose owner is gone (no such pid, or written before the last
 * reboot) is stale and taken over.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateStoreError } from './errors.js';

export const LOCK_FILE = 'LOCK';

interface LockInfo {
  pid: number;
  token: string;
  hostname?: string;
  bootId?: string;
  createdAt?: string;
}

/** Directories locked by this process (real paths), so a second store here is refused even though the pid is alive. */
const heldHere = new Set<string>();

export class DirectoryLock {
  #released = false;

  private constructor(
    readonly dir: string,
    readonly key: string,
    readonly token: string,
  ) {}

  /** Takes the lock on `dir` (which must exist), or throws a `LOCKED` error naming the holder. */
  static acquire(dir: string): DirectoryLock {
    const key = fs.realpathSync(dir);
    if (heldHere.has(key)) {
      throw new StateStoreError('LOCKED', `state directory ${dir} is already open in this process`);
    }
    const lockPath = path.join(dir, LOCK_FILE);
    const token = randomUUID();
    const info: LockInfo = {
      pid: process.pid,
      token,
      hostname: os.hostname(),
      bootId: currentBootId(),
      createdAt: new Date().toISOString(),
    };
    removeOrphanedTmpFiles(dir);
    const tmp = path.join(dir, `${LOCK_FILE}.${process.pid}.${token}.tmp`);
    fs.writeFileSync(tmp, `${JSON.stringify(info)}\n`);
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          fs.linkSync(tmp, lockPath);
          heldHere.add(key);
          return new DirectoryLock(dir, key, token);
        } catch (error) {
          if (errnoCode(error) !== 'EEXIST') throw error;
        }
        const raw = readIfExists(lockPath);
        if (raw === undefined) continue; // released meanwhile: try again
        const holder = parseLockInfo(raw);
        if (!holder) {
          throw new StateStoreError(
            'LOCKED',
            `state directory ${dir} has an unreadable lock file ${lockPath}; if no devnet is using the directory, delete it`,
          );
        }
        if (!isStale(holder)) {
          throw new StateStoreError(
            'LOCKED',
            `state directory ${dir} is in use by process ${holder.pid}` +
              `${holder.hostname ? ` on ${holder.hostname}` : ''}. Stop that devnet first; ` +
              `if the process is not a devnet, delete ${lockPath}.`,
          );
        }
        // Stale: move it aside, and make sure what we moved is the lock we judged (not a fresh one a
        // concurrent opener put there meanwhile) before discarding it.
        const aside = path.join(dir, `${LOCK_FILE}.${process.pid}.${token}.stale.tmp`);
        try {
          fs.renameSync(lockPath, aside);
        } catch (error) {
          if (errnoCode(error) === 'ENOENT') continue;
          throw error;
        }
        const moved = fs.readFileSync(aside, 'utf8');
        if (moved !== raw) {
          try {
            fs.linkSync(aside, lockPath);
          } catch {
            // Someone holds it already; either way it is not ours.
          }
          fs.rmSync(aside, { force: true });
          throw new StateStoreError(
            'LOCKED',
            `state directory ${dir} was locked by another process just now`,
          );
        }
        fs.rmSync(aside, { force: true });
      }
      throw new StateStoreError('LOCKED', `could not lock state directory ${dir}: too much contention`);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    heldHere.delete(this.key);
    const lockPath = path.join(this.dir, LOCK_FILE);
    const raw = readIfExists(lockPath);
    if (raw !== undefined && parseLockInfo(raw)?.token === this.token) fs.rmSync(lockPath, { force: true });
  }
}

function isStale(holder: LockInfo): boolean {
  const boot = currentBootId();
  if (holder.bootId && boot && holder.bootId !== boot) return true; // written before a reboot
  // Our own pid but not held by this process: left by an earlier process that had the same pid
  // (common in containers, where the devnet is often pid 1).
  if (holder.pid === process.pid) return true;
  return !isProcessAlive(holder.pid);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM'; // exists, owned by someone else
  }
}

let bootId: string | null | undefined;
function currentBootId(): string | undefined {
  if (bootId === undefined) {
    try {
      bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId ?? undefined;
}

function parseLockInfo(raw: string): LockInfo | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, token } = value as Partial<LockInfo>;
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || typeof token !== 'string') {
      return undefined;
    }
    return value as LockInfo;
  } catch {
    return undefined;
  }
}

/** Temporary lock files left by processes that died between creating and removing them. */
function removeOrphanedTmpFiles(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const match = /^LOCK\.(\d+)\..+\.tmp$/.exec(name);
    if (match && Number(match[1]) !== process.pid && !isProcessAlive(Number(match[1]))) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
