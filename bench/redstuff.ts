/**
 * RedStuff kernels against walrus-wasm, in the same run: for each shard count, a blob of `--size`
 * MiB is encoded by `@mysten/walrus-wasm` (what a node re-encoded per check before the kernels),
 * then one node's share of the slivers (`n / nodes` pairs, both types) is checked with one kernel
 * call per sliver, and the whole blob is encoded by the kernel's encoder (checked equal to the
 * wasm's blob id); then the blob is decoded from p primary slivers by walrus-wasm and by the kernel's
 * decoder (repair rows included). Times are CPU milliseconds of this single-threaded process (the
 * machine is shared; wall time would mostly measure the neighbours). Prints a table and one JSON line.
 *
 *   node --import tsx bench/redstuff.ts [--shards=100,1000] [--size=16] [--nodes=4] [--runs=2]
 */

import { decodeBlob } from '../devnet/redstuff/blob-decoder.js';
import { encodeBlob } from '../devnet/redstuff/blob-encoder.js';
import { expandSliver } from '../devnet/redstuff/sliver.js';
import { parseSliver } from '../devnet/storage-node/bcs-types.js';
import { blobIdToString } from '../devnet/storage-node/encoding.js';
import { loadSdk, randomBlob } from '../test/storage-node/helpers.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const MiB = 1024 * 1024;
const shardCounts = option('shards', '100,1000').split(',').map(Number);
const sizeMiB = Number(option('size', '16'));
const nodes = Number(option('nodes', '4'));
const runs = Number(option('runs', '2'));

/**
 * Runs `fn` and returns its value and the process's CPU milliseconds (user + system) it took: on a
 * shared machine wall time mostly measures the neighbours, and everything here is single-threaded.
 */
function timed<T>(fn: () => T): [T, number] {
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return [value, (used.user + used.system) / 1000];
}

const sdk = await loadSdk();
const rows: Record<string, string | number>[] = [];
// Warm-up: tables and JIT tiers of both wasm modules, not measured.
encodeBlob(10, randomBlob(100_000, 1));
sdk.wasm.encodeBlob(10, randomBlob(100_000, 1));

for (const n of shardCounts) {
  const bytes = randomBlob(sizeMiB * MiB, n);
  for (let run = 0; run < runs; run++) {
    const [wasm, wasmMs] = timed(() => sdk.wasm.encodeBlob(n, bytes));
    const share = Math.ceil(n / nodes);
    const primary = wasm.primarySlivers.slice(0, share).map((b) => parseSliver(b));
    const secondary = wasm.secondarySlivers.slice(0, share).map((b) => parseSliver(b));
    const [, checkMs] = timed(() => {
      for (const s of primary) expandSliver(n, 'primary', s.data, s.symbolSize);
      for (const s of secondary) expandSliver(n, 'secondary', s.data, s.symbolSize);
    });
    const [ours, kernelMs] = timed(() => encodeBlob(n, bytes));
    if (blobIdToString(ours.blobId) !== wasm.blobId)
      throw new Error(`n = ${n}: the kernel's blob id differs`);
    const { primarySymbols: p } = sdk.utils.getSourceSymbols(n);
    // The last p slivers: repair rows included, so both decoders must really decode.
    const picked = Array.from({ length: p }, (_, i) => n - 1 - i);
    const [, wasmDecodeMs] = timed(() =>
      sdk.wasm.decodePrimarySlivers(
        wasm.blobId,
        n,
        bytes.length,
        picked.map((i) => wasm.primarySlivers[i]!),
      ),
    );
    const [decoded, kernelDecodeMs] = timed(() =>
      decodeBlob(
        n,
        bytes.length,
        picked.map((index) => ({ index, data: parseSliver(wasm.primarySlivers[index]!).data })),
      ),
    );
    if (!Buffer.from(decoded).equals(Buffer.from(bytes)))
      throw new Error(`n = ${n}: the kernel decoded other bytes`);
    rows.push({
      case: `${sizeMiB} MiB, ${n} shards`,
      'wasm encode ms': Math.round(wasmMs),
      [`node check (${share} pairs) ms`]: Math.round(checkMs),
      'check per sliver ms': Number((checkMs / (2 * share)).toFixed(2)),
      'check / wasm encode': Number((checkMs / wasmMs).toFixed(3)),
      'kernel encode ms': Math.round(kernelMs),
      'kernel speed-up': Number((wasmMs / kernelMs).toFixed(2)),
      'wasm decode ms': Math.round(wasmDecodeMs),
      'kernel decode ms': Math.round(kernelDecodeMs),
      'decode speed-up': Number((wasmDecodeMs / kernelDecodeMs).toFixed(2)),
    });
    console.error(`  done: ${rows.at(-1)!.case} (run ${run + 1})`);
  }
}

const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
console.log(line(columns));
for (const row of rows) console.log(line(columns.map((c) => String(row[c] ?? ''))));
console.log(JSON.stringify({ bench: 'redstuff', nodes, sizeMiB, rows }));
