import { request } from 'node:http';
import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { encode, randomBlob, sharedCluster, startCluster } from './helpers.js';

let blobId: string;

const fixture = sharedCluster({ nodes: 4, nShards: 8 });
beforeAll(async () => {
  const blob = await encode(fixture.cluster.nShards, randomBlob(4_000, 5));
  blobId = blob.blobId;
  fixture.cluster.chain.registerBlob({ blobId, size: blob.bytes.length });
  await fixture.sdk.client.storeBlobMetadata(
    { blobId, metadata: blob.metadata },
    { nodeUrl: fixture.cluster.node(0).url },
  );
});

async function call(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; reason?: string; body: unknown }> {
  const response = await fetch(`${fixture.cluster.node(0).url}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  const reason = (body as { error?: { details?: { reason?: string }[] } }).error?.details?.[0]?.reason;
  return { status: response.status, reason, body };
}

describe('malformed requests get a 4xx with a reason', () => {
  it.each([
    ['a short blob id', () => '/v1/blobs/abc/metadata', 'INVALID_BLOB_ID'],
    ['a blob id with bad characters', () => `/v1/blobs/${'*'.repeat(43)}/status`, 'INVALID_BLOB_ID'],
    ['a non-numeric pair', () => `/v1/blobs/${blobId}/slivers/x1/primary`, 'INVALID_SLIVER_PAIR_INDEX'],
    ['a pair out of range', () => `/v1/blobs/${blobId}/slivers/8/primary`, 'INDEX_OUT_OF_RANGE'],
    ['a huge pair', () => `/v1/blobs/${blobId}/slivers/99999999999/primary`, 'INVALID_SLIVER_PAIR_INDEX'],
    ['a bad sliver type', () => `/v1/blobs/${blobId}/slivers/1/tertiary`, 'INVALID_SLIVER_TYPE'],
    ['a bad object id', () => `/v1/blobs/${blobId}/confirmation/deletable/0xzz`, 'INVALID_OBJECT_ID'],
    ['a bad symbol id', () => `/v1/blobs/${blobId}/recoverySymbols/1_2`, 'INVALID_SYMBOL_ID'],
    ['a symbol list without ids', () => `/v1/blobs/${blobId}/recoverySymbols`, 'NO_SYMBOLS_SPECIFIED'],
    ['a bad symbol list', () => `/v1/blobs/${blobId}/recoverySymbols?id=1-99`, 'INVALID_FILTER'],
    ['bad percent-encoding', () => '/v1/blobs/%E0%A4%A/status', 'INVALID_PATH'],
    ['an unknown path', () => '/v2/whatever', 'NOT_FOUND'],
  ])('%s', async (_name, path, reason) => {
    const result = await call(path());
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.reason).toBe(reason);
  });

  it('a wrong method', async () => {
    const result = await call(`/v1/blobs/${blobId}/status`, { method: 'DELETE' });
    expect(result).toMatchObject({ status: 405, reason: 'METHOD_NOT_ALLOWED' });
  });

  it('garbage metadata and sliver bodies', async () => {
    const metadata = await call(`/v1/blobs/${blobId}/metadata`, {
      method: 'PUT',
      body: new Uint8Array([7, 7, 7]),
    });
    expect(metadata).toMatchObject({ status: 400, reason: 'INVALID_METADATA' });
    const pairs = [...Array(8).keys()];
    const results = await Promise.all(
      pairs.map((pair) =>
        call(`/v1/blobs/${blobId}/slivers/${pair}/primary`, {
          method: 'PUT',
          body: new Uint8Array([200, 1]),
        }),
      ),
    );
    for (const result of results) {
      expect(result.status).toBe(400);
      expect(['INVALID_SLIVER', 'SHARD_NOT_ASSIGNED']).toContain(result.reason);
    }
  });

  it('metadata of another blob id', async () => {
    const other = await encode(fixture.cluster.nShards, randomBlob(4_000, 6));
    const body = fixture.sdk.bcs.BlobMetadata.serialize(other.metadata).toBytes();
    const result = await call(`/v1/blobs/${blobId}/metadata`, { method: 'PUT', body });
    // Already stored for this blob id: the node still checks the body first.
    expect(result).toMatchObject({ status: 400, reason: 'INVALID_METADATA' });
  });

  it('bodies over the limit', async () => {
    const result = await call(`/v1/blobs/${blobId}/metadata`, {
      method: 'PUT',
      body: new Uint8Array(1_000_000),
    });
    expect(result).toMatchObject({ status: 413, reason: 'PAYLOAD_TOO_LARGE' });
    const announced = await new Promise<number>((resolve, reject) => {
      const req = request(`${fixture.cluster.node(0).url}/v1/blobs/${blobId}/slivers/0/primary`, {
        method: 'PUT',
        headers: { 'content-length': String(10 ** 10) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(new Uint8Array(1000));
    });
    expect(announced).toBe(413);
  });

  it('raw garbage on the socket', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(fixture.cluster.node(0).port, '127.0.0.1', () =>
        socket.write('NOT HTTP AT ALL\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
  });

  it('the node is still healthy afterwards', async () => {
    const result = await call('/v1/health');
    expect(result.status).toBe(200);
  });
});

describe('request rate limit', () => {
  it('answers 429 RATE_LIMITED past the burst', async () => {
    const limited = await startCluster({
      nodes: 4,
      nShards: 4,
      node: { rateLimit: { perSecond: 1, burst: 3 } },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${limited.node(0).url}/v1/health`)).status);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
      const body = (await (await fetch(`${limited.node(0).url}/v1/health`)).json()) as {
        error: { details: { reason: string }[] };
      };
      expect(body.error.details[0]!.reason).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
