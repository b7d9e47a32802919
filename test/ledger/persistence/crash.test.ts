/**
 * The real thing: a child process appends numbered records (compacting every so often) and prints each
 * number once `append` has returned; we `kill -9` it at a random moment, reopen the directory, and check
 * that every printed number is there, in order, intact, and nothing else is broken. Several rounds run on
 * the same directory, so each child also starts from what the previous crash left.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileStateStore } from '../../../devnet/ledger/persistence/file-state-store.js';
import { verifyRecovered } from './fixtures/records.js';
import { tempDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const fixture = path.join(here, 'fixtures', 'crash-writer.ts');

interface Round {
  /** The number the child reported it would start from (what it recovered). */
  start: number;
  /** Numbers printed after `append` returned. */
  acknowledged: number[];
}

function runAndKill(
  dir: string,
  options: {
    killAfterMs: number;
    compactEvery: number;
    fsync: boolean;
    whileRunning?: (pid: number) => Promise<void>;
  },
): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fixture, dir, String(options.compactEvery), options.fsync ? '1' : '0'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let start: number | undefined;
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (start === undefined) {
        const ready = /^ready (\d+)\n/.exec(out);
        if (!ready) return;
        start = Number(ready[1]);
        const kill = () => {
          killed = true;
          child.kill('SIGKILL');
        };
        if (options.whileRunning) {
          options.whileRunning(child.pid!).then(() => setTimeout(kill, options.killAfterMs), reject);
        } else {
          setTimeout(kill, options.killAfterMs);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!killed || signal !== 'SIGKILL' || start === undefined) {
        reject(new Error(`crash writer exited by itself (code ${code}, signal ${signal}):\n${err}`));
        return;
      }
      // Only complete lines count: a number is acknowledged once its whole line was written.
      const lines = out.split('\n').slice(1, -1);
      resolve({ start, acknowledged: lines.map(Number) });
    });
  });
}

async function recover(dir: string) {
  const store = new FileStateStore(dir);
  try {
    const state = await store.load();
    return { next: verifyRecovered(state), discarded: state.discarded };
  } finally {
    await store.close();
  }
}

describe('FileStateStore: kill -9 at random moments', () => {
  it.each([
    { fsync: true, rounds: 8, compactEvery: 40, maxKillMs: 400 },
    { fsync: false, rounds: 6, compactEvery: 300, maxKillMs: 250 },
  ])(
    'keeps every acknowledged record (fsync: $fsync)',
    async ({ fsync, rounds, compactEvery, maxKillMs }) => {
      const dir = path.join(tempDir(), 'state');
      let expectedStart = 0;
      let total = 0;
      for (let round = 0; round < rounds; round++) {
        const result = await runAndKill(dir, {
          killAfterMs: Math.floor(Math.random() * maxKillMs),
          compactEvery,
          fsync,
          // First round: the running child holds the lock.
          whileRunning:
            round === 0
              ? async (pid) => {
                  await expect(new FileStateStore(dir).load()).rejects.toMatchObject({
                    code: 'LOCKED',
                    message: new RegExp(`process ${pid}`),
                  });
                }
              : undefined,
        });
        // The child recovered exactly what the last check recovered.
        expect(result.start).toBe(expectedStart);
        // It acknowledged consecutive numbers from there.
        result.acknowledged.forEach((n, i) => {
          expect(n).toBe(result.start + i);
        });
        // Everything acknowledged is back, in order and intact (verifyRecovered checks every byte); records written
        // but not yet seen by the parent may also be there.
        const { next } = await recover(dir);
        const acknowledgedUpTo = result.start + result.acknowledged.length;
        expect(next).toBeGreaterThanOrEqual(acknowledgedUpTo);
        // Records written after the last line the parent read may be there too (the kill races the pipe);
        // what matters is that nothing acknowledged is missing and nothing recovered is torn.
        total += result.acknowledged.length;
        expectedStart = next;
      }
      expect(total).toBeGreaterThan(0);
    },
  );
});
