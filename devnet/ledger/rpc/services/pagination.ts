import { RpcStatusError, StatusCode } from '../grpc/index.js';

/**
 * One page of `items` for a `page_size`/`page_token` request. Tokens are the next offset as a 4-byte
 * big-endian integer; the last page has no token (Sui clients treat an empty token as "more").
 */
export function pageOf<T>(
  items: readonly T[],
  pageSize: number | undefined,
  pageToken: Uint8Array | undefined,
  maxPageSize: number,
): { items: T[]; nextPageToken?: Uint8Array } {
  let offset = 0;
  if (pageToken && pageToken.length > 0) {
    if (pageToken.length !== 4) throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'Invalid page token');
    offset = new DataView(pageToken.buffer, pageToken.byteOffset, 4).getUint32(0);
  }
  const size = Math.min(pageSize && pageSize > 0 ? pageSize : 50, maxPageSize);
  const slice = items.slice(offset, offset + size);
  const next = offset + slice.length;
  if (next >= items.length) return { items: slice };
  const token = new Uint8Array(4);
  new DataView(token.buffer).setUint32(0, next);
  return { items: slice, nextPageToken: token };
}
