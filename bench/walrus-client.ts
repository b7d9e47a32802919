/**
 * Store and read through the unmodified `WalrusClient` against an in-process devnet, every figure next to raw
 * `@mysten/walrus-wasm` in the same run (the machine is shared, so only same-run ratios mean anything):
 *   store / encode = `writeBlob` (the SDK's own encode, register, upload to every node with their sliver checks
 *                    and confirmations, the SDK's check of each node's signature, certify) over `encodeBlob` alone;
 *   read / decode  = `readBlob` (metadata, p primary slivers over HTTP, decode, blob-id check) over
 *                    `decodePrimarySlivers` + `computeMetadata` of p primary slivers picked at random, as the SDK
 *                    does (decoding from the systematic first p is much cheaper; shown too);
 *   kernel         = our encoder (`devnet/redstuff`) over walrus-wasm's encode, and one node's check of a sliver.
 * Also the in-process cold boot and the process's peak RSS. Medians over `--runs`, every sample in the JSON line.
 * Wall ratios suffer most from the neighbours on a shared machine; the CPU ratios (this process's CPU time, every
 * thread, over the raw call's) are steadier there, and on an idle machine with spare cores wall <= CPU.
 *
 *   node --import tsx bench/walrus-client.ts [--shards=100,1000] [--sizes=1K,1M,16M,100M] [--nodes=11] [--runs=3]
 *     [--profile=file.cpuprofile]   (CPU profile of the main thread over the stores and reads)
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { WalrusClient } from '@mysten/walrus';
import { encodeBlob } from '../devnet/redstuff/blob-encoder.js';
import { expandSliver } from '../devnet/redstuff/sliver.js';
import { type Devnet, startDevnet } from '../devnet/start-devnet.js';
import { parseSliver } from '../devnet/storage-node/bcs-types.js';
import { DEFAULTS } from '../src/config/defaults.js';
import { walrusClientFor } from '../test/devnet/helpers.js';
import { loadSdk } from '../test/storage-node/helpers.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const UNITS: Record<string, number> = { B: 1, K: 1024, M: 1024 * 1024 };
const parseSize = (text: string) => Number.parseFloat(text) * (UNITS[text.replace(/[\d.]/g, '') || 'B'] ?? 1);
const label = (bytes: number) =>
  bytes >= UNITS.M!
    ? `${bytes / UNITS.M!} MiB`
    : bytes >= UNITS.K!
      ? `${bytes / UNITS.K!} KiB`
      : `${bytes} B`;
const shardCounts = option('shards', '100,1000').split(',').map(Number);
const sizes = option('sizes', '1K,1M,16M').split(',').map(parseSize);
const nodes = Number(option('nodes', String(DEFAULTS.devnet.nodes)));
const runs = Number(option('runs', '3'));
const profilePath = option('profile', '');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};
/** Wall ms and this process's CPU ms (every thread: client, nodes, their workers, ledger). */
const wallAndCpu = async <T>(fn: () => Promise<T> | T): Promise<[T, number, number]> => {
  const cpu = process.cpuUsage();
  const [value, wall] = await ms(fn);
  const used = process.cpuUsage(cpu);
  return [value, wall, (used.user + used.system) / 1000];
};

const sdk = await loadSdk();
const session = new Session();
if (profilePath) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
}

type Sample = Record<string, number>;
const results: Array<{ shards: number; size: number; samples: Sample[] }> = [];
const boots: Array<{ shards: number; ms: number }> = [];

/** Picks `count` of `0..n-1` at random (the SDK reads from nodes in a weighted random order). */
function randomIndices(n: number, count: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, count);
}

async function measure(devnet: Devnet, client: WalrusClient, n: number, size: number): Promise<Sample> {
  const bytes = new Uint8Array(randomBytes(size));
  const [wasm, wasmEncodeMs, wasmEncodeCpu] = await wallAndCpu(() => sdk.wasm.encodeBlob(n, bytes));
  const [, kernelEncodeMs] = await ms(() => encodeBlob(n, bytes));
  const { primarySymbols: p } = sdk.utils.getSourceSymbols(n);
  const decodeFrom = (indices: number[]) =>
    wallAndCpu(() => {
      const out = sdk.wasm.decodePrimarySlivers(
        wasm.blobId,
        n,
        size,
        indices.map((i) => wasm.primarySlivers[i]!),
      );
      if (sdk.wasm.computeMetadata(n, out).blobId !== wasm.blobId) throw new Error('raw decode differs');
    });
  const [, decodeRandomMs, decodeRandomCpu] = await decodeFrom(randomIndices(n, p));
  const [, decodeSystematicMs] = await decodeFrom(Array.from({ length: p }, (_, i) => i));
  // One node's check of one pair of slivers, as on upload (the kernel call per sliver).
  const primary = parseSliver(wasm.primarySlivers[n - 1]!);
  const secondary = parseSliver(wasm.secondarySlivers[n - 1]!);
  const [, checkPairMs] = await ms(() => {
    expandSliver(n, 'primary', primary.data, primary.symbolSize);
    expandSliver(n, 'secondary', secondary.data, secondary.symbolSize);
  });
  const [{ blobId }, storeMs, storeCpu] = await wallAndCpu(() =>
    client.writeBlob({ blob: bytes, deletable: true, epochs: 1, signer: devnet.signers[0]! }),
  );
  if (blobId !== wasm.blobId) throw new Error('the SDK stored another blob id');
  const [read, readMs, readCpu] = await wallAndCpu(() => client.readBlob({ blobId }));
  if (!Buffer.from(read).equals(Buffer.from(bytes))) throw new Error('read back other bytes');
  return {
    wasmEncodeMs,
    wasmEncodeCpu,
    kernelEncodeMs,
    decodeRandomMs,
    decodeRandomCpu,
    decodeSystematicMs,
    checkPairMs,
    storeMs,
    storeCpu,
    readMs,
    readCpu,
  };
}

for (const n of shardCounts) {
  const [devnet, bootMs] = await ms(() =>
    startDevnet({
      nodes,
      shards: n,
      autoEpochs: false,
      ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
    }),
  );
  boots.push({ shards: n, ms: bootMs });
  // A longer node timeout than the SDK's 30 s: a 100 MiB upload to one node takes longer on 2 loaded cores.
  const client = walrusClientFor(devnet, { storageNodeClientOptions: { timeout: 600_000 } });
  try {
    // Warm-up (worker threads, wasm instances, connections, the client's caches), not measured.
    await measure(devnet, client, n, 4096);
    if (profilePath) await session.post('Profiler.start');
    for (const size of sizes) {
      const samples: Sample[] = [];
      for (let run = 0; run < runs; run++) samples.push(await measure(devnet, client, n, size));
      results.push({ shards: n, size, samples });
      console.error(`  done: ${label(size)}, ${n} shards`);
    }
  } finally {
    await devnet.stop();
  }
}
if (profilePath) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profilePath, JSON.stringify(profile));
}

const rows = results.map(({ shards, size, samples }) => {
  const m = (key: string) => median(samples.map((s) => s[key]!));
  const ratio = (a: string, b: string) => median(samples.map((s) => s[a]! / s[b]!));
  return {
    case: `${label(size)}, ${shards} shards`,
    'wasm encode ms': Math.round(m('wasmEncodeMs')),
    'store ms': Math.round(m('storeMs')),
    'store/encode': Number(ratio('storeMs', 'wasmEncodeMs').toFixed(2)),
    'store/encode CPU': Number(ratio('storeCpu', 'wasmEncodeCpu').toFixed(2)),
    'wasm decode+check ms (random p)': Math.round(m('decodeRandomMs')),
    'read ms': Math.round(m('readMs')),
    'read/decode': Number(ratio('readMs', 'decodeRandomMs').toFixed(2)),
    'read/decode CPU': Number(ratio('readCpu', 'decodeRandomCpu').toFixed(2)),
    'read/systematic decode': Number(ratio('readMs', 'decodeSystematicMs').toFixed(2)),
    'kernel speed-up': Number(ratio('wasmEncodeMs', 'kernelEncodeMs').toFixed(2)),
    'check per sliver ms': Number((m('checkPairMs') / 2).toFixed(3)),
    'check/encode per sliver': Number(
      median(samples.map((s) => s.checkPairMs! / 2 / (s.wasmEncodeMs! / (2 * shards)))).toFixed(2),
    ),
  };
});
const columns = Object.keys(rows[0] ?? {});
const widths = columns.map((c) =>
  Math.max(c.length, ...rows.map((r) => String(r[c as keyof typeof r]).length)),
);
const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
console.log(line(columns));
for (const row of rows) console.log(line(columns.map((c) => String(row[c as keyof typeof row]))));
const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(
  `boot (in-process, cold): ${boots.map((b) => `${Math.round(b.ms)} ms at ${b.shards} shards`).join(', ')}; ` +
    `peak RSS of this process (devnet + client): ${peakRssMiB} MiB`,
);
console.log(JSON.stringify({ bench: 'walrus-client', nodes, runs, boots, peakRssMiB, results, rows }));
