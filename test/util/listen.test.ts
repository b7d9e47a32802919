import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../src/util/listen.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});
const server = () => {
  const created = createServer();
  servers.push(created);
  return created;
};

describe('listen', () => {
  it('binds port 0 and resolves with the port the system gave', async () => {
    const first = server();
    const port = await listen(first, { port: 0, host: '127.0.0.1' });
    expect(port).toBeGreaterThan(0);
    expect(first.address()).toMatchObject({ port, address: '127.0.0.1' });
  });

  it('names the server, port and host when the port is taken', async () => {
    const port = await listen(server(), { port: 0, host: '127.0.0.1' });
    await expect(listen(server(), { port, host: '127.0.0.1' }, 'Daemon')).rejects.toThrow(
      `Daemon: port ${port} on 127.0.0.1 is already in use`,
    );
    await expect(listen(server(), { port, host: '127.0.0.1' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('serves on a socket bound before (the port is never let go)', async () => {
    const reserved = server();
    const port = await listen(reserved, { port: 0, host: '127.0.0.1' });
    expect(await listen(server(), { handle: reserved })).toBe(port);
  });
});
