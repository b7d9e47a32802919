/**
 * Where a 1 KiB `writeBlob` / `readBlob` of the unmodified `WalrusClient` spends its time, against an in-process
 * devnet, with the client talking to it as user code does (gRPC-Web over HTTP to the RPC port, HTTP to the nodes).
 * Every request the client sends is timestamped (start, response headers) through the `fetch` both clients accept,
 * and the wall and CPU time of each call is printed; the timeline of the last run shows the phases (register tx,
 * each node's metadata/sliver PUTs and confirmation, certify tx; on read: status, metadata, sliver GETs).
 *
 * `--devnet=process` runs the devnet in a child process, as `walrus dev up` does: the client's CPU (this process)
 * and the devnet's (the child's) are then measured apart, and the two run on separate cores. Each run also times
 * walrus-wasm's own `encodeBlob` of the same blob in this process (`rawEncode*`): a store's client CPU over it is
 * what the unmodified SDK spends beyond the encode, a floor no devnet can lower; `sdkEncodeCpu` is the SDK's own
 * `encodeBlob` (the same wasm call plus the committee look-up) for comparison.
 *
 *   node --import tsx bench/small-blob.ts [--nodes=11] [--shards=100] [--runs=5] [--size=1024] [--timeline]
 *     [--requests] [--profile=out.cpuprofile] [--devnet=in-process|process]
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import { accountKeypair } from '../devnet/devnet-accounts.js';
import { startDevnet } from '../devnet/start-devnet.js';
import { DEFAULTS } from '../src/config/defaults.js';
import { loadSdk } from '../test/storage-node/helpers.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const nodes = Number(option('nodes', String(DEFAULTS.devnet.nodes)));
const shards = Number(option('shards', '100'));
const runs = Number(option('runs', '5'));
const size = Number(option('size', '1024'));
const showTimeline = args.includes('--timeline');
/** Also list every request of the last store that is not a sliver PUT, one per line. */
const showRequests = args.includes('--requests');
/** Write a CPU profile of the counted stores and reads (main thread) to this path. */
const profilePath = option('profile', '');
const session = new Session();

interface Request {
  kind: string;
  start: number;
  headers: number;
}
let requests: Request[] = [];
let origin = 0;

/** A short name for a request: the gRPC method, or the node's REST route with ids elided. */
function requestKind(url: string, method: string): string {
  const { pathname, port } = new URL(url);
  if (pathname.startsWith('/sui.rpc.')) return `rpc ${pathname.split('/').pop()}`;
  const route = pathname
    .replace(/\/v1\/blobs\/[^/]+/, '/v1/blobs/:id')
    .replace(/\/slivers\/\d+\/(primary|secondary)/, '/slivers/:pair/$1');
  return `node:${port} ${method} ${route}`;
}

const tracedFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const record: Request = {
    kind: requestKind(url, init?.method ?? 'GET'),
    start: performance.now() - origin,
    headers: Number.NaN,
  };
  requests.push(record);
  const response = await fetch(input, init);
  record.headers = performance.now() - origin;
  return response;
};

/** What the client needs of a devnet, and its CPU time so far (ms). */
interface DevnetHandle {
  rpcUrl: string;
  systemObjectId: string;
  stakingObjectId: string;
  secretKey: string;
  cpuMs: () => Promise<number>;
  stop: () => Promise<void>;
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** `--serve`: the child of `--devnet=process`. Starts the devnet, answers CPU queries, stops on request. */
async function serve(): Promise<void> {
  const devnet = await startDevnet({ nodes, shards, autoEpochs: false, accounts: 1 });
  // `--profile=PATH`: the devnet's main thread goes to PATH.devnet.cpuprofile (the warm-up included).
  if (profilePath) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  process.on('message', async (message: string) => {
    if (message === 'cpu') process.send!({ cpuMs: cpuNow() });
    if (message === 'stop') {
      if (profilePath) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(`${profilePath}.devnet.cpuprofile`, JSON.stringify(profile));
      }
      await devnet.stop();
      process.exit(0);
    }
  });
  process.send!({
    rpcUrl: devnet.descriptor.rpcUrl,
    systemObjectId: devnet.deployment.systemObjectId,
    stakingObjectId: devnet.deployment.stakingObjectId,
    secretKey: devnet.descriptor.accounts![0]!.secretKey,
  });
}

async function startHandle(): Promise<DevnetHandle> {
  if (option('devnet', 'in-process') === 'in-process') {
    const devnet = await startDevnet({ nodes, shards, autoEpochs: false, accounts: 1 });
    return {
      rpcUrl: devnet.descriptor.rpcUrl,
      systemObjectId: devnet.deployment.systemObjectId,
      stakingObjectId: devnet.deployment.stakingObjectId,
      secretKey: devnet.descriptor.accounts![0]!.secretKey,
      cpuMs: async () => 0,
      stop: () => devnet.stop(),
    };
  }
  const child = fork(new URL(import.meta.url).pathname, [...args, '--serve'], { execArgv: process.execArgv });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const info = await next<Omit<DevnetHandle, 'cpuMs' | 'stop'>>();
  return {
    ...info,
    cpuMs: async () => {
      const reply = next<{ cpuMs: number }>();
      child.send('cpu');
      return (await reply).cpuMs;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

if (args.includes('--serve')) {
  await serve();
} else {
  await bench();
}

async function bench(): Promise<void> {
  const devnet = await startHandle();
  const suiClient = new SuiGrpcClient({ network: 'localnet', baseUrl: devnet.rpcUrl, fetch: tracedFetch });
  const client = () =>
    new WalrusClient({
      suiClient,
      packageConfig: {
        systemObjectId: devnet.systemObjectId,
        stakingPoolId: devnet.stakingObjectId,
      },
      storageNodeUrlScheme: 'http',
      storageNodeClientOptions: { fetch: tracedFetch },
    });
  const signer = accountKeypair({ secretKey: devnet.secretKey });

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  /** Wall ms, this process's CPU ms and the devnet child's CPU ms (0 in-process: it is in this process's). */
  async function measure<T>(
    fn: () => Promise<T>,
  ): Promise<{ value: T; wall: number; cpu: number; devnetCpu: number }> {
    const devnetBefore = await devnet.cpuMs();
    const cpu = process.cpuUsage();
    origin = performance.now();
    requests = [];
    const value = await fn();
    const wall = performance.now() - origin;
    const used = process.cpuUsage(cpu);
    const devnetCpu = (await devnet.cpuMs()) - devnetBefore;
    return { value, wall, cpu: (used.user + used.system) / 1000, devnetCpu };
  }

  /** Requests grouped by kind: how many, when the first started and the last answered (ms from the call's start). */
  function timeline(): string {
    const groups = new Map<string, { count: number; first: number; last: number }>();
    for (const r of requests) {
      const kind = r.kind.replace(/^node:\d+/, 'node');
      const group = groups.get(kind) ?? { count: 0, first: r.start, last: r.headers };
      group.count++;
      group.first = Math.min(group.first, r.start);
      group.last = Math.max(group.last, r.headers);
      groups.set(kind, group);
    }
    return [...groups]
      .sort((a, b) => a[1].first - b[1].first)
      .map(
        ([kind, g]) =>
          `  ${g.first.toFixed(0).padStart(5)} .. ${g.last.toFixed(0).padStart(5)} ms  ${g.count}x ${kind}`,
      )
      .join('\n');
  }

  const rows: Record<string, number[]> = {
    storeWall: [],
    storeCpu: [],
    storeDevnetCpu: [],
    readWall: [],
    readCpu: [],
    readDevnetCpu: [],
    storeRequests: [],
    readRequests: [],
    rawEncodeWall: [],
    rawEncodeCpu: [],
    sdkEncodeCpu: [],
  };
  const { wasm } = await loadSdk();
  let storeTimeline = '';
  let readTimeline = '';
  // One warm-up store and read (JIT, wasm instantiation, the first committee read), not counted.
  for (let run = -1; run < runs; run++) {
    const blob = randomBytes(size);
    const store = await measure(() => client().writeBlob({ blob, deletable: true, epochs: 1, signer }));
    storeTimeline = timeline();
    if (showRequests && run === runs - 1) {
      for (const r of requests.filter((q) => !q.kind.includes('/slivers/')))
        console.log(
          `  ${r.start.toFixed(1).padStart(6)} -> ${r.headers.toFixed(1).padStart(6)}  ${r.kind.slice(0, 90)}`,
        );
    }
    const storeRequests = requests.length;
    const rawEncode = await measure(async () => wasm.encodeBlob(shards, blob));
    const sdkEncode = await measure(() => client().encodeBlob(blob));
    const read = await measure(() => client().readBlob({ blobId: store.value.blobId }));
    readTimeline = timeline();
    if (!Buffer.from(read.value).equals(blob)) throw new Error('read back other bytes');
    if (run < 0) {
      if (profilePath) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
      }
      continue;
    }
    rows.storeWall!.push(store.wall);
    rows.storeCpu!.push(store.cpu);
    rows.storeDevnetCpu!.push(store.devnetCpu);
    rows.readDevnetCpu!.push(read.devnetCpu);
    rows.readWall!.push(read.wall);
    rows.readCpu!.push(read.cpu);
    rows.storeRequests!.push(storeRequests);
    rows.rawEncodeWall!.push(rawEncode.wall);
    rows.rawEncodeCpu!.push(rawEncode.cpu);
    rows.sdkEncodeCpu!.push(sdkEncode.cpu);
    rows.readRequests!.push(requests.length);
  }
  if (profilePath) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
  }
  await devnet.stop();

  const summary = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Math.round(median(v))]));
  console.log(
    `\n${size} B blob, ${nodes} nodes, ${shards} shards, median of ${runs} (Node ${process.versions.node})`,
  );
  console.table(summary);
  const ratio = (a: string, b: string) => (median(rows[a]!) / median(rows[b]!)).toFixed(2);
  console.log(
    `store / raw encode: wall ${ratio('storeWall', 'rawEncodeWall')}x, client CPU ${ratio('storeCpu', 'rawEncodeCpu')}x` +
      ` (the SDK's own floor), devnet CPU ${ratio('storeDevnetCpu', 'rawEncodeCpu')}x`,
  );
  if (showTimeline) console.log(`last store:\n${storeTimeline}\nlast read:\n${readTimeline}`);
  console.log(JSON.stringify({ benchmark: 'small-blob', nodes, shards, size, runs, rows }));
}
