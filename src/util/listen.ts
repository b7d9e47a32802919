import type { Server } from 'node:net';

/** Where {@link listen} binds: a port (0 for any free one; read it back from the result) on a host, or a socket. */
export type ListenTarget = { port: number; host: string } | { handle: Server };

/**
 * Starts `server` listening and resolves with the port it bound: the one way the project's servers bind (never
 * pick-a-free-port-then-bind; bind port 0 and read the port back). With `what` (e.g. `Daemon`), a taken port is an
 * error naming the server, the port and the host; without it the listener's own error is passed on.
 */
export function listen(server: Server, target: ListenTarget, what?: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        what !== undefined && error.code === 'EADDRINUSE' && 'port' in target
          ? new Error(`${what}: port ${target.port} on ${target.host} is already in use`)
          : error,
      );
    server.once('error', onError);
    const bound = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    };
    if ('handle' in target) server.listen(target.handle, bound);
    else server.listen(target.port, target.host, bound);
  });
}
