/**
 * CORS on the storage node's REST API, so a browser app can use the SDK against the devnet's nodes directly (the
 * SDK sends slivers and metadata with PUT and `content-type` headers, which need a preflight): any origin, the
 * methods and headers the API uses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, PUT, POST, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-max-age': '86400',
} as const;

/** Adds the CORS headers to the reply; answers a preflight (OPTIONS) itself and returns true then. */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204);
  res.end();
  return true;
}
