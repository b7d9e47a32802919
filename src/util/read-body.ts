import type { IncomingMessage } from 'node:http';

/** The errors a server answers with when a body breaks the rules of {@link readBody}: each server speaks its own. */
export interface BodyErrors {
  /** A body over `limit` bytes; `declared` is the `content-length` when that alone was over. */
  tooLarge(limit: number, declared?: number): Error;
  /** A body the client did not finish sending (it aborted or the connection closed). */
  aborted(): Error;
}

/**
 * Reads a request body of at most `limit` bytes: the one body reader of every HTTP server here (gRPC-Web, the
 * storage nodes' API, the ledger's JSON endpoints, the Walrus daemon). A `content-length` above the limit is
 * refused before reading; a body that grows past it stops being kept (the rest is drained, not buffered, so the
 * server can still answer). Settles once.
 */
export function readBody(req: IncomingMessage, limit: number, errors: BodyErrors): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const header = req.headers['content-length'];
    const declared = Number(Array.isArray(header) ? header[0] : header);
    if (header !== undefined && Number.isFinite(declared) && declared > limit) {
      reject(errors.tooLarge(limit, declared));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) fail(errors.tooLarge(limit));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
    req.on('error', () => fail(errors.aborted()));
    req.on('close', () => {
      if (!req.complete) fail(errors.aborted());
    });
  });
}
