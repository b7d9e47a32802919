import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StateStoreError } from '../../../devnet/ledger/persistence/errors.js';
import { isProcessAlive } from '../../../devnet/ledger/persistence/lock.js';
import { bytes, loadedStore, openStore, reload, stateFile, tempDir } from './helpers.js';

function writeLock(dir: string, content: object | string): void {
  fs.mkdirSync(stateFile(dir, ''), { recursive: true });
  fs.writeFileSync(stateFile(dir, 'LOCK'), typeof content === 'string' ? content : JSON.stringify(content));
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(isProcessAlive(child.pid!)).toBe(false);
  return child.pid!;
}

describe('FileStateStore: directory lock', () => {
  it('writes a lock with our pid and removes it on close', async () => {
    const { dir, store } = await loadedStore();
    const lock = JSON.parse(fs.readFileSync(stateFile(dir, 'LOCK'), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    await store.close();
    expect(fs.existsSync(stateFile(dir, 'LOCK'))).toBe(false);
  });

  it('refuses a second store on the same directory in this process until the first closes', async () => {
    const dir = tempDir();
    const first = openStore(dir);
    await first.load();
    first.append(bytes('a'));
    const second = openStore(dir);
    await expect(second.load()).rejects.toMatchObject({
      code: 'LOCKED',
      message: /already open in this process/,
    });
    first.append(bytes('b')); // the failed attempt did not disturb the holder
    await first.close();
    expect((await second.load()).records).toHaveLength(2);
  });

  it('refuses a directory locked by another live process, naming it', async () => {
    const dir = tempDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeLock(dir, { pid: sleeper.pid, token: 'other' });
      const error = await reload(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateStoreError);
      expect(error).toMatchObject({
        code: 'LOCKED',
        message: new RegExp(`in use by process ${sleeper.pid}`),
      });
      expect(JSON.parse(fs.readFileSync(stateFile(dir, 'LOCK'), 'utf8')).token).toBe('other'); // untouched
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((resolve) => sleeper.once('exit', resolve));
    }
    // Now that the holder is dead, the lock is stale and taken over.
    expect((await reload(dir)).records).toEqual([]);
  });

  it('takes over a stale lock left by a dead process', async () => {
    const dir = tempDir();
    writeLock(dir, { pid: deadPid(), token: 'dead' });
    fs.writeFileSync(stateFile(dir, `LOCK.${deadPid()}.x.tmp`), 'orphan');
    const store = openStore(dir);
    await store.load();
    expect(JSON.parse(fs.readFileSync(stateFile(dir, 'LOCK'), 'utf8')).pid).toBe(process.pid);
    expect(fs.readdirSync(stateFile(dir, '')).filter((n) => n.startsWith('LOCK'))).toEqual(['LOCK']);
  });

  it('takes over a lock carrying our own pid (an earlier process that had the same pid)', async () => {
    const dir = tempDir();
    writeLock(dir, { pid: process.pid, token: 'previous-life' });
    expect((await reload(dir)).records).toEqual([]);
  });

  it('takes over a lock written before a reboot, even if its pid is alive now', async () => {
    if (!fs.existsSync('/proc/sys/kernel/random/boot_id')) return;
    const dir = tempDir();
    writeLock(dir, { pid: process.ppid, token: 'old-boot', bootId: 'not-this-boot' });
    expect((await reload(dir)).records).toEqual([]);
  });

  it('refuses an unreadable lock file rather than guessing', async () => {
    const dir = tempDir();
    writeLock(dir, 'garbage');
    await expect(reload(dir)).rejects.toMatchObject({ code: 'LOCKED', message: /unreadable lock file/ });
  });
});
