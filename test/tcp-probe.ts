/**
 * Whether a new TCP connection to a loopback port is refused: what "the port refuses connections" means. A `fetch`
 * cannot tell, because it may reuse a pooled keep-alive socket and fail with "other side closed" instead.
 */
import { connect } from 'node:net';

/** Resolves with the error code of a connection attempt to 127.0.0.1:`port`, or 'connected'. */
export function connectTo(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
