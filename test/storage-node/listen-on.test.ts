/**
 * A storage node serves on a socket its caller bound first (`listenOn`): the devnet binds port 0, registers the
 * port it got on chain, and hands the bound socket over, in this process or to a child process. The port is never
 * free in between, so no other process can take it (no pick-a-free-port-then-bind).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StorageNodeProcess } from '../../devnet/storage-node/node-process.js';
import { StorageNode } from '../../devnet/storage-node/storage-node.js';
import { loneNodeOptions } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'walrus-listen-on-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function bound(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
  });
}

function nodeOptions(name: string) {
  return loneNodeOptions(root, name);
}

describe.each([
  [
    'in this process',
    (options: ReturnType<typeof nodeOptions> & { listenOn: Server }) => new StorageNode(options),
  ],
  [
    'in a child process',
    (options: ReturnType<typeof nodeOptions> & { listenOn: Server }) => new StorageNodeProcess(options),
  ],
])('a storage node %s', (name, create) => {
  it('serves on the socket it was handed, and keeps that port across a restart', async () => {
    const reserved = await bound();
    const port = (reserved.address() as { port: number }).port;
    const node = create({ ...nodeOptions(name.replaceAll(' ', '-')), listenOn: reserved });
    try {
      await node.start();
      expect(node.port).toBe(port);
      expect((await fetch(`http://127.0.0.1:${port}/v1/health`)).ok).toBe(true);
      await node.stop();
      await node.start();
      expect(node.port).toBe(port);
      expect((await fetch(`http://127.0.0.1:${port}/v1/health`)).ok).toBe(true);
    } finally {
      await node.stop();
    }
  });
});
