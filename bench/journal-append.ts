/**
 * Micro benchmark of the state directory: durable appends per second (what bounds the ledger's
 * acknowledged transactions per second), the same without fsync, recovery speed and compaction time.
 *
 *   node --import tsx bench/journal-append.ts [seconds per case, default 2]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStateStore } from '../devnet/ledger/persistence/file-state-store.js';

const seconds = Number(process.argv[2] ?? '2');
const root = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'journal-bench-'));
let caseNo = 0;

async function appendRate(size: number, fsync: boolean): Promise<void> {
  const dir = path.join(root, `case-${caseNo++}`);
  const store = new FileStateStore(dir, { fsync });
  await store.load();
  const record = new Uint8Array(size).fill(7);
  const until = performance.now() + seconds * 1000;
  let n = 0;
  const start = performance.now();
  while (performance.now() < until) {
    for (let i = 0; i < 16; i++) store.append(record);
    n += 16;
  }
  const elapsed = (performance.now() - start) / 1000;
  await store.close();
  const rate = n / elapsed;
  console.log(
    `append ${String(size).padStart(6)} B  fsync=${fsync ? 'on ' : 'off'}  ${Math.round(rate).toLocaleString('en-US').padStart(10)} appends/s  ` +
      `(${((elapsed / n) * 1e6).toFixed(1)} µs each)`,
  );

  const reopened = new FileStateStore(dir, { fsync });
  const t0 = performance.now();
  const state = await reopened.load();
  const loadMs = performance.now() - t0;
  console.log(
    `  recovery: ${state.records.length.toLocaleString('en-US')} records in ${loadMs.toFixed(0)} ms ` +
      `(${Math.round(state.records.length / (loadMs / 1000)).toLocaleString('en-US')} records/s)`,
  );
  const snapshot = new Uint8Array(10 * 1024 * 1024).fill(3);
  const t1 = performance.now();
  await reopened.compact(snapshot);
  console.log(`  compact with a 10 MiB snapshot: ${(performance.now() - t1).toFixed(0)} ms`);
  await reopened.close();
}

try {
  console.log(`state directories under ${root}; ${seconds} s per case`);
  for (const fsync of [true, false]) {
    for (const size of [128, 1024, 16 * 1024]) await appendRate(size, fsync);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
