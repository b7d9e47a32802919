/**
 * Peak memory of reading one large blob (default 100 MiB) from a `walrus dev up` devnet (4 nodes, 100 shards), each
 * path in a process of its own: the aggregator (`walrus daemon --aggregator`, its peak RSS from /proc while it
 * serves one GET to curl, which streams the body to /dev/null; then again with node 0 stopped, so its systematic
 * slivers are rebuilt from recovery symbols), the CLI's streamed reader (`walrus blob read -o FILE`:
 * `openBlobRead` into a file), the CLI's whole-blob reader (`readBlob`: quilts, `--decrypt`), and the unmodified
 * SDK's `readBlob`. Figures are MiB and multiples of the blob size; the devnet's own memory is not counted.
 *
 *   npm run build && node --import tsx bench/read-memory.ts [MiB, default 100]
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RUN = join(REPO, 'bin', 'run.js');
const mib = Number(process.argv[2] ?? '100');
const project = mkdtempSync(join(tmpdir(), 'walrus-read-memory-'));
const walrus = (args: string[]) =>
  execFileSync(process.execPath, [RUN, ...args], { cwd: project, encoding: 'utf8', maxBuffer: 1 << 26 });
const anyPorts = { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0, daemon: 0, relay: 0 };
writeFileSync(
  join(project, 'walrus.config.json'),
  JSON.stringify({
    devnet: { nodes: 4, shards: 100, epochDuration: '1h', accounts: { count: 1 }, ports: anyPorts },
  }),
);

function vmHwmMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'))!;
  return Math.round(Number(/(\d+)/.exec(line)![1]) / 1024);
}

/** One GET of the whole blob through `walrus daemon --aggregator` in a process of its own: its idle and peak RSS. */
async function aggregatorGet(blobId: string): Promise<{ idle: number; peak: number; ms: number }> {
  const daemon = spawn(
    process.execPath,
    [RUN, 'daemon', '--network', 'devnet', '--aggregator', '--port', '0', '--json'],
    {
      cwd: project,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    daemon.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":\s*"([^"]+)"/.exec(out);
      if (match) resolve(match[1]!);
    });
    daemon.once('exit', (code) => reject(new Error(`walrus daemon exited (${code})`)));
  });
  try {
    const idle = vmHwmMiB(daemon.pid!);
    const t1 = performance.now();
    execFileSync('curl', ['-sS', '--fail', '-o', '/dev/null', `${url}/v1/blobs/${blobId}`]);
    const ms = Math.round(performance.now() - t1);
    return { idle, peak: vmHwmMiB(daemon.pid!), ms };
  } finally {
    daemon.kill('SIGTERM');
  }
}

try {
  walrus(['dev', 'up', '--detach', '--json']);
  const file = join(project, 'big.bin');
  writeFileSync(file, randomBytes(mib * 2 ** 20));
  const t0 = performance.now();
  const stored = JSON.parse(walrus(['blob', 'store', file, '--json'])) as { blobs: { blobId: string }[] };
  const blobId = stored.blobs[0]!.blobId;
  console.error(`stored ${mib} MiB in ${Math.round(performance.now() - t0)} ms`);

  const healthy = await aggregatorGet(blobId);
  // The same GET with node 0 stopped: its systematic slivers are rebuilt from the other nodes' recovery symbols.
  walrus(['node', 'stop', '0']);
  const nodeDown = await aggregatorGet(blobId);
  walrus(['node', 'start', '0']);

  const child = (path: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(REPO, 'bench', 'read-memory-child.ts'),
          path,
          join(project, '.walrus', 'devnet.json'),
          blobId,
        ],
        { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 },
      ),
    ) as { baselineRssMiB: number; peakRssMiB: number };
  const streamed = child('stream');
  const verified = child('verified');
  const sdk = child('sdk');
  const rows = [
    { path: 'aggregator GET /v1/blobs (walrus daemon process)', baseline: healthy.idle, peak: healthy.peak },
    { path: 'aggregator GET, node 0 down (slivers recovered)', baseline: nodeDown.idle, peak: nodeDown.peak },
    {
      path: 'CLI streamed reader (blob read -o FILE)',
      baseline: streamed.baselineRssMiB,
      peak: streamed.peakRssMiB,
    },
    {
      path: 'CLI whole-blob reader (readBlob)',
      baseline: verified.baselineRssMiB,
      peak: verified.peakRssMiB,
    },
    { path: 'SDK WalrusClient.readBlob', baseline: sdk.baselineRssMiB, peak: sdk.peakRssMiB },
  ];
  console.log(`| path (${mib} MiB blob, 100 shards) | idle RSS MiB | peak RSS MiB | (peak − idle) / blob |`);
  console.log('|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.path} | ${r.baseline} | ${r.peak} | ${((r.peak - r.baseline) / mib).toFixed(2)} |`);
  console.log(JSON.stringify({ mib, getMs: healthy.ms, nodeDownGetMs: nodeDown.ms, rows }));
} finally {
  try {
    walrus(['dev', 'down']);
  } catch {
    // already down
  }
  rmSync(project, { recursive: true, force: true });
}
