/**
 * Storage-node throughput. Part 1 measures the sliver store (plain files; node:sqlite lost to it and was
 * removed, docs/benchmarks.md): write, read and delete rates for typical sliver sizes, and bytes on disk. Part 2 runs a devnet-
 * shaped cluster (4 in-process nodes, 100 shards) and measures, next to the raw @mysten/walrus-wasm
 * encoder and decoder in the same run:
 *   store = SDK encode + upload to every node (metadata, slivers checked against the metadata,
 *           confirmations), read = p primary slivers over HTTP + decode + blob-id check,
 *   heal  = a wiped node recovering all its slivers of the blob from recovery symbols,
 * and the nodes' disk bytes per blob byte. Prints a table and one JSON line.
 *
 *   node --import tsx bench/storage-node.ts [--large] [--sizes=1,16] [--shards=100] [--nodes=4] [--no-verify]
 *     [--cluster-only]
 *
 * Sizes are in MiB (`--sizes=0.0009765625,16` for 1 KiB and 16 MiB). `--cluster-only` skips part 1.
 *
 * `--large` adds the 100 MiB case (about two more minutes on 2 cores).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobEncoder } from '@mysten/walrus-wasm';
import { blobIdToString } from '../devnet/storage-node/encoding.js';
import { FileSliverStore } from '../devnet/storage-node/file-sliver-store.js';
import {
  encode,
  loadSdk,
  randomBlob,
  readBlob,
  startCluster,
  storeBlob,
} from '../test/storage-node/helpers.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const MiB = 1024 * 1024;
const sizes = option('sizes', flag('large') ? '1,16,100' : '1,16')
  .split(',')
  .map(Number);
const nShards = Number(option('shards', '100'));
const nodeCount = Number(option('nodes', '4'));
const verify = !flag('no-verify');
const rows: Array<Record<string, string | number>> = [];

const mbps = (bytes: number, ms: number) => Number((bytes / MiB / (ms / 1000)).toFixed(2));

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Like {@link timed}, plus this process's CPU time in ms (all threads: nodes, expansion workers, client). */
async function timedCpu<T>(fn: () => Promise<T> | T): Promise<[T, number, number]> {
  const cpu = process.cpuUsage();
  const [value, ms] = await timed(fn);
  const used = process.cpuUsage(cpu);
  return [value, ms, (used.user + used.system) / 1000];
}

// ---- Part 1: sliver stores ----------------------------------------------------------------

async function storeCase(sliverBytes: number, count: number): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'bench-store-'));
  try {
    const store = new FileSliverStore(dir);
    await store.open();
    const payload = randomBlob(sliverBytes, 5);
    const blobIds = Array.from({ length: Math.ceil(count / 8) }, (_, i) => {
      const id = new Uint8Array(32);
      new DataView(id.buffer).setUint32(0, i + 1);
      return blobIdToString(id);
    });
    const keyOf = (i: number) => ({
      blobId: blobIds[Math.floor(i / 8)]!,
      key: { pairIndex: (i % 8) >> 1, type: i % 2 === 0 ? ('primary' as const) : ('secondary' as const) },
    });
    const [, writeMs] = await timed(async () => {
      for (let i = 0; i < count; i++) {
        const { blobId, key } = keyOf(i);
        await store.putSliver(blobId, key, payload);
      }
    });
    const [, readMs] = await timed(async () => {
      for (let i = 0; i < count; i++) {
        const { blobId, key } = keyOf(i);
        await store.getSliver(blobId, key);
      }
    });
    const disk = await store.diskUsage();
    const [, deleteMs] = await timed(async () => {
      for (const blobId of blobIds) await store.deleteBlob(blobId);
    });
    await store.close();
    rows.push({
      part: 'store',
      case: `files ${sliverBytes >= MiB ? `${sliverBytes / MiB} MiB` : `${sliverBytes / 1024} KiB`} x${count}`,
      'write MiB/s': mbps(sliverBytes * count, writeMs),
      'write ops/s': Math.round(count / (writeMs / 1000)),
      'read MiB/s': mbps(sliverBytes * count, readMs),
      'read ops/s': Math.round(count / (readMs / 1000)),
      'delete blobs/s': Math.round(blobIds.length / (deleteMs / 1000)),
      'disk/payload': Number((disk / (sliverBytes * count)).toFixed(3)),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- Part 2: cluster ---------------------------------------------------------------------------

async function clusterCases(): Promise<void> {
  const sdk = await loadSdk();
  const cluster = await startCluster({
    nodes: nodeCount,
    nShards,
    node: { verifySlivers: verify, rateLimit: false, selfHeal: false },
  });
  try {
    // Warm-up (worker threads, wasm instances, connections), not measured.
    const warm = await storeBlob(cluster, await encode(nShards, randomBlob(256 * 1024, 99)), {
      deletable: true,
    });
    cluster.chain.deleteBlob(warm);
    for (const size of sizes) {
      const bytes = randomBlob(size * MiB, size);
      // Raw wasm, same run: encode, then decode from p primary slivers.
      const encoder = new BlobEncoder(nShards);
      const [encoded, wasmEncodeMs] = await timed(() => sdk.wasm.encodeBlob(nShards, bytes));
      const { primarySymbols } = sdk.utils.getSourceSymbols(nShards);
      const [, wasmDecodeMs] = await timed(() => {
        const out = sdk.wasm.decodePrimarySlivers(
          encoded.blobId,
          nShards,
          bytes.length,
          encoded.primarySlivers.slice(0, primarySymbols),
        );
        return sdk.wasm.computeMetadata(nShards, out);
      });
      encoder.free();
      const diskBefore = await Promise.all(cluster.nodes.map((n) => n.stats().then((s) => s.diskBytes)));
      const [blob, encodeMs, encodeCpu] = await timedCpu(() => encode(nShards, bytes));
      const [objectId, uploadMs, uploadCpu] = await timedCpu(() =>
        storeBlob(cluster, blob, { deletable: true }),
      );
      const storeMs = encodeMs + uploadMs;
      const [read, readMs] = await timed(() => readBlob(cluster, blob.blobId, bytes.length));
      if (!Buffer.from(read).equals(Buffer.from(bytes))) throw new Error('read back different bytes');
      const diskAfter = await Promise.all(cluster.nodes.map((n) => n.stats().then((s) => s.diskBytes)));
      const disk = diskAfter.reduce((a, b) => a + b, 0) - diskBefore.reduce((a, b) => a + b, 0);
      const healed = cluster.node(1);
      const own = (await healed.stats()).slivers;
      await healed.wipe();
      const [report, healMs] = await timed(() => healed.sync());
      // A failed heal is a finding to print, not a reason to lose the row's other figures.
      const healedAll = report.failures.length === 0 && (await healed.stats()).slivers === own;
      if (!healedAll) console.error(`  heal failed: ${JSON.stringify(report.failures).slice(0, 300)}`);
      rows.push({
        part: 'cluster',
        case: `files ${size >= 1 ? `${size} MiB` : `${Math.round(size * 1024)} KiB`}, ${nodeCount} nodes, ${nShards} shards${verify ? '' : ', no sliver check'}`,
        'wasm encode MiB/s': mbps(bytes.length, wasmEncodeMs),
        'store ms': Math.round(storeMs),
        'store cpu ms': Math.round(encodeCpu + uploadCpu),
        'store MiB/s': mbps(bytes.length, storeMs),
        'store/encode': Number((storeMs / wasmEncodeMs).toFixed(2)),
        'wasm decode MiB/s': mbps(bytes.length, wasmDecodeMs),
        'read ms': Math.round(readMs),
        'read MiB/s': mbps(bytes.length, readMs),
        'read/decode': Number((readMs / wasmDecodeMs).toFixed(2)),
        'heal 1 node s': healedAll ? Number((healMs / 1000).toFixed(2)) : 'failed',
        'heal symbols': report.symbolsFetched,
        'disk/blob byte': Number((disk / bytes.length).toFixed(3)),
      });
      console.error(`  done: ${rows.at(-1)!.case}`);
      cluster.chain.deleteBlob(objectId);
      for (const node of cluster.nodes) await node.gc();
    }
  } finally {
    await cluster.close();
  }
}

function printTable(part: string): void {
  const selected = rows.filter((r) => r.part === part);
  if (selected.length === 0) return;
  const columns = Object.keys(selected[0]!).filter((c) => c !== 'part');
  const widths = columns.map((c) => Math.max(c.length, ...selected.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  console.log(line(columns));
  for (const row of selected) console.log(line(columns.map((c) => String(row[c]))));
  console.log();
}

const cpu = (await import('node:os')).cpus()[0]?.model ?? 'unknown CPU';
console.error(
  `storage-node bench on ${cpu}, ${(await import('node:os')).cpus().length} cores, Node ${process.version}`,
);
if (!flag('cluster-only')) {
  await storeCase(4 * 1024, 2000);
  await storeCase(64 * 1024, 1000);
  await storeCase(MiB, 100);
  printTable('store');
}
await clusterCases();
printTable('cluster');
console.log(JSON.stringify({ machine: cpu, node: process.version, rows }));
