/**
 * How long the gRPC-Web server's close() takes with, in turn, an idle keep-alive connection, a live stream, a
 * unary handler that ignores the abort signal, and a plain request that never answers (cut after the grace
 * period). The first three should take milliseconds, not node's 5 s keep-alive timeout nor the grace period; the
 * last about the grace period. Prints a table and JSON. (The behaviour itself is tested in
 * test/ledger/grpc/grpc-web-server.test.ts; timings live here.)
 *
 *   node --import tsx bench/grpc-web-close.ts [rounds, default 5]
 */
import http from 'node:http';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { type GrpcWebServer, startGrpcWebServer } from '../devnet/ledger/rpc/grpc/grpc-web-server.js';
import { createFixtureRouter, signal, stuckUnaryRouter } from '../test/ledger/grpc/fixtures.js';

const rounds = Number(process.argv[2] ?? '5');
const GRACE_MS = 100;
const LEDGER = '/sui.rpc.v2.LedgerService';
/** An empty GetServiceInfo request in one gRPC-Web frame. */
const EMPTY_FRAME = new Uint8Array([0, 0, 0, 0, 0]);

/** Milliseconds `server.close()` takes. */
async function closeMs(server: GrpcWebServer): Promise<number> {
  const start = performance.now();
  await server.close();
  return performance.now() - start;
}

async function idleKeepAlive(): Promise<number> {
  const server = await startGrpcWebServer({ router: createFixtureRouter().router });
  const agent = new http.Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    const req = http.request(
      `${server.url}${LEDGER}/GetServiceInfo`,
      { method: 'POST', agent, headers: { 'content-type': 'application/grpc-web+proto' } },
      (res) => res.resume().on('end', () => resolve()),
    );
    req.on('error', reject);
    req.end(EMPTY_FRAME);
  });
  while (Object.values(agent.freeSockets).flat().length === 0) await new Promise((r) => setImmediate(r));
  const ms = await closeMs(server);
  agent.destroy();
  return ms;
}

async function liveStream(): Promise<number> {
  const server = await startGrpcWebServer({ router: createFixtureRouter().router, shutdownGraceMs: 10_000 });
  const client = new SuiGrpcClient({ network: 'localnet', baseUrl: server.url });
  const call = client.subscriptionService.subscribeCheckpoints({});
  const { reached: received, reach: first } = signal();
  const consumed = (async () => {
    for await (const _ of call.responses) first();
  })().catch(() => undefined);
  await received;
  const ms = await closeMs(server);
  await consumed;
  return ms;
}

async function stuckUnary(): Promise<number> {
  const { router, inHandler, release } = stuckUnaryRouter();
  const server = await startGrpcWebServer({ router, shutdownGraceMs: 10_000 });
  const pending = fetch(`${server.url}${LEDGER}/GetServiceInfo`, {
    method: 'POST',
    headers: { 'content-type': 'application/grpc-web+proto' },
    body: EMPTY_FRAME,
  }).then(
    (r) => r.arrayBuffer(),
    () => undefined,
  );
  await inHandler;
  const ms = await closeMs(server);
  await pending;
  release();
  return ms;
}

async function pastGrace(): Promise<number> {
  const { reached: inFallback, reach } = signal();
  const server = await startGrpcWebServer({
    router: createFixtureRouter().router,
    shutdownGraceMs: GRACE_MS,
    fallback: () => reach(),
  });
  const pending = fetch(`${server.url}/hang`).catch(() => undefined);
  await inFallback;
  const ms = await closeMs(server);
  await pending;
  return ms;
}

const cases: Array<[string, () => Promise<number>]> = [
  ['close() with an idle keep-alive connection', idleKeepAlive],
  ['close() with a live stream', liveStream],
  ['close() with a stuck unary handler', stuckUnary],
  [`close() with a request past the ${GRACE_MS} ms grace`, pastGrace],
];
const rows: Array<{ case: string; medianMs: number; maxMs: number }> = [];
for (const [name, run] of cases) {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await run());
  samples.sort((a, b) => a - b);
  const row = {
    case: name,
    medianMs: Number(samples[Math.floor(samples.length / 2)]!.toFixed(1)),
    maxMs: Number(samples.at(-1)!.toFixed(1)),
  };
  rows.push(row);
  console.log(`${name.padEnd(48)} median ${String(row.medianMs).padStart(7)} ms   max ${row.maxMs} ms`);
}
console.log(JSON.stringify({ benchmark: 'grpc-web-close', rounds, graceMs: GRACE_MS, rows }));
