/**
 * The devnet's RPC (a process of its own, as `walrus dev up --detach` runs it) keeps an idle keep-alive connection
 * open for a minute. A client busy in synchronous work (the SDK's wasm encode: 20 MiB at 100 shards took over 5 s
 * on a loaded machine) sends its next call on the socket it had; with Node's default 5 s idle timeout the server
 * had closed it, and `blob store` of a 20 MiB file failed with "Could not reach … (UND_ERR_SOCKET)" after `encoded`
 * (17 MiB passed). What is checked here is the server's side of that: an idle connection still open after 6 s.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as wait } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, devnetProject, runWalrus } from './devnet-project.js';

let project: string;
let rpcUrl: string;

beforeAll(() => {
  assertFreshBuild();
  project = devnetProject('walrus-rpc-keep-alive-', { nodes: 4, shards: 4, accounts: { count: 1 } });
  const up = runWalrus(project, ['dev', 'up', '--detach', '--json']);
  expect(up.code, up.stderr).toBe(0);
  rpcUrl = (up.json() as { rpcUrl: string }).rpcUrl;
}, 120_000);

afterAll(() => {
  runWalrus(project, ['dev', 'down']);
});

describe('the devnet RPC keeps idle connections', () => {
  it('a keep-alive connection left idle for 6 s (longer than Node’s default 5 s) is still open', async () => {
    const agent = new http.Agent({ keepAlive: true });
    try {
      let closedAfterMs: number | undefined;
      const socket = await new Promise<Socket>((resolve, reject) => {
        const req = http.get(`${rpcUrl}/`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.socket as Socket));
        });
        req.on('error', reject);
      });
      const idleSince = Date.now();
      socket.once('close', () => {
        closedAfterMs = Date.now() - idleSince;
      });
      // The idle time is what is under test, so here a wait is the test itself, not a synchronisation.
      await wait(6_000);
      expect(closedAfterMs, 'the server closed the idle connection').toBeUndefined();
      expect(socket.destroyed).toBe(false);
    } finally {
      agent.destroy();
    }
  }, 60_000);
});
