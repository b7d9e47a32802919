// The aggregator and publisher routes of `walrus daemon` against an in-process devnet: every route, the Walrus
// daemon's reply shapes and headers, and every bad request (bad range, unknown id, too large, bad query, auth).
import { createHmac } from 'node:crypto';
import { coinWithBalance, Transaction } from '@mysten/sui/transactions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAttributes } from '../../src/blob/blob-attributes.js';
import { randomBlob } from '../devnet/helpers.js';
import { startDaemonDevnet } from './daemon-fixture.js';

let env: Awaited<ReturnType<typeof startDaemonDevnet>>;
let url: string;

beforeAll(async () => {
  env = await startDaemonDevnet({ jwtSecret: undefined });
  url = env.daemon.url;
}, 60_000);
afterAll(() => env?.stop());

interface NewlyCreated {
  newlyCreated: {
    blobObject: {
      id: string;
      blobId: string;
      size: number;
      deletable: boolean;
      storage: { endEpoch: number };
    };
    resourceOperation: { registerFromScratch: { encodedLength: number; epochsAhead: number } };
    cost: number;
  };
}

async function put(bytes: Uint8Array, query = ''): Promise<Response> {
  return fetch(`${url}/v1/blobs${query}`, { method: 'PUT', body: bytes });
}

describe('publisher and aggregator', () => {
  const bytes = randomBlob(5000);
  let stored: NewlyCreated['newlyCreated'];

  beforeAll(async () => {
    const res = await put(bytes, '?epochs=2');
    expect(res.status).toBe(200);
    stored = ((await res.json()) as NewlyCreated).newlyCreated;
  }, 30_000);

  it('PUT /v1/blobs answers newlyCreated with the Blob object, and the blob reads back', async () => {
    expect(stored.blobObject.size).toBe(5000);
    expect(stored.blobObject.deletable).toBe(true);
    expect(stored.resourceOperation.registerFromScratch.epochsAhead).toBe(2);
    expect(stored.cost).toBeGreaterThan(0);
    const res = await fetch(`${url}/v1/blobs/${stored.blobObject.blobId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400, stale-while-revalidate=3600');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('a Range header gives 206 with Content-Range; suffix and open ranges too', async () => {
    const id = stored.blobObject.blobId;
    const res = await fetch(`${url}/v1/blobs/${id}`, { headers: { range: 'bytes=10-19' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-19/5000');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.subarray(10, 20));
    const suffix = await fetch(`${url}/v1/blobs/${id}`, { headers: { range: 'bytes=-5' } });
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(bytes.subarray(4995));
    const open = await fetch(`${url}/v1/blobs/${id}`, { headers: { range: 'bytes=4990-' } });
    expect(open.headers.get('content-range')).toBe('bytes 4990-4999/5000');
  });

  it('bad ranges: 416 outside the blob, 400 malformed', async () => {
    const id = stored.blobObject.blobId;
    expect((await fetch(`${url}/v1/blobs/${id}`, { headers: { range: 'bytes=5000-5001' } })).status).toBe(
      416,
    );
    expect((await fetch(`${url}/v1/blobs/${id}`, { headers: { range: 'bytes=9-3' } })).status).toBe(416);
    expect((await fetch(`${url}/v1/blobs/${id}`, { headers: { range: 'bytes=0-1,4-5' } })).status).toBe(400);
    expect((await fetch(`${url}/v1/blobs/${id}`, { headers: { range: 'lines=1-2' } })).status).toBe(400);
  });

  it('byte-range route; start+length past the end is 416, a missing length 400', async () => {
    const id = stored.blobObject.blobId;
    const res = await fetch(`${url}/v1/blobs/${id}/byte-range?start=100&length=50`);
    expect(res.status).toBe(206);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.subarray(100, 150));
    expect((await fetch(`${url}/v1/blobs/${id}/byte-range?start=4990&length=50`)).status).toBe(416);
    expect((await fetch(`${url}/v1/blobs/${id}/byte-range?start=1`)).status).toBe(400);
    expect((await fetch(`${url}/v1/blobs/${id}/byte-range?start=-1&length=2`)).status).toBe(400);
  });

  it('by object id: the attributes in the allow-list become headers, others do not', async () => {
    const plain = await fetch(`${url}/v1/blobs/by-object-id/${stored.blobObject.id}`);
    expect(plain.headers.get('content-type')).toBe('application/octet-stream');
    await writeAttributes(env.session, stored.blobObject.id, {
      'content-type': 'image/png',
      'x-secret': 'no',
      'Content-Disposition': 'inline',
    });
    const res = await fetch(`${url}/v1/blobs/by-object-id/${stored.blobObject.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe('inline');
    expect(res.headers.get('x-secret')).toBeNull();
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('the same bytes stored permanently twice: the second PUT is alreadyCertified; force stores anew', async () => {
    const blob = randomBlob(300);
    const first = (await (await put(blob, '?permanent=true&epochs=3')).json()) as NewlyCreated;
    expect(first.newlyCreated.blobObject.deletable).toBe(false);
    const again = (await (await put(blob, '?permanent=true&epochs=1')).json()) as {
      alreadyCertified: { blobId: string; endEpoch: number; event: { txDigest: string } };
    };
    expect(again.alreadyCertified.blobId).toBe(first.newlyCreated.blobObject.blobId);
    expect(again.alreadyCertified.endEpoch).toBe(first.newlyCreated.blobObject.storage.endEpoch);
    expect(again.alreadyCertified.event.txDigest).toBeTruthy();
    const forced = (await (await put(blob, '?permanent=true&epochs=1&force=true')).json()) as NewlyCreated;
    expect(forced.newlyCreated.blobObject.id).not.toBe(first.newlyCreated.blobObject.id);
  }, 30_000);

  it('share=true wraps the new Blob in a shared SharedBlob that anyone can fund and extend', async () => {
    const bytes = randomBlob(400);
    const res = (await (await put(bytes, '?share=true&epochs=1')).json()) as NewlyCreated & {
      newlyCreated: { sharedBlobObject: string };
    };
    const sharedId = res.newlyCreated.sharedBlobObject;
    expect(sharedId).toMatch(/^0x[0-9a-f]{64}$/);
    const { object } = await env.session.sui.core.getObject({ objectId: sharedId, include: { json: true } });
    expect(object.owner.$kind).toBe('Shared');
    expect(object.type).toBe(`${await env.session.walrusPackageId()}::shared_blob::SharedBlob`);
    // The Blob is wrapped: no longer an object of its own, still readable by blob id.
    await expect(
      env.session.sui.core.getObject({ objectId: res.newlyCreated.blobObject.id }),
    ).rejects.toThrow();
    const read = await fetch(`${url}/v1/blobs/${res.newlyCreated.blobObject.blobId}`);
    expect(new Uint8Array(await read.arrayBuffer())).toEqual(bytes);
    // Another account funds it and extends it by 2 epochs from the funds.
    const funder = env.devnet.signers[1]!;
    const tx = new Transaction();
    const pkg = await env.session.walrusPackageId();
    const shared = tx.object(sharedId);
    tx.moveCall({
      target: `${pkg}::shared_blob::fund`,
      arguments: [shared, coinWithBalance({ type: await env.session.walType(), balance: 1_000_000_000n })],
    });
    tx.moveCall({
      target: `${pkg}::shared_blob::extend`,
      arguments: [shared, tx.object(env.devnet.deployment.systemObjectId), tx.pure.u32(2)],
    });
    const result = await env.session.sui.core.signAndExecuteTransaction({ transaction: tx, signer: funder });
    expect(result.$kind, JSON.stringify(result.FailedTransaction?.status)).toBe('Transaction');
    const after = await env.session.sui.core.getObject({ objectId: sharedId, include: { json: true } });
    // A Balance's JSON is its value.
    const json = after.object.json as { blob: { storage: { end_epoch: number } }; funds: string };
    expect(Number(json.blob.storage.end_epoch)).toBe(res.newlyCreated.blobObject.storage.endEpoch + 2);
    expect(BigInt(json.funds)).toBeLessThan(1_000_000_000n);
    expect(BigInt(json.funds)).toBeGreaterThan(0n);
  }, 60_000);

  it('send_object_to hands the new Blob object to that address', async () => {
    const to = env.devnet.signers[1]!.toSuiAddress();
    const res = (await (await put(randomBlob(200), `?send_object_to=${to}`)).json()) as NewlyCreated;
    const { object } = await env.session.sui.core.getObject({ objectId: res.newlyCreated.blobObject.id });
    expect(object.owner).toMatchObject({ AddressOwner: to });
  }, 30_000);
});

describe('quilts', () => {
  it('PUT /v1/quilts stores a multipart quilt; patches read back by patch id, by identifier, and list', async () => {
    const form = new FormData();
    form.append('a.txt', new Blob(['hello quilt']));
    form.append('b.bin', new Blob([new Uint8Array([1, 2, 3, 4])]));
    form.append('_metadata', JSON.stringify([{ identifier: 'a.txt', tags: { kind: 'text' } }]));
    const res = await fetch(`${url}/v1/quilts?epochs=1`, { method: 'PUT', body: form });
    expect(res.status).toBe(200);
    const quilt = (await res.json()) as {
      blobStoreResult: NewlyCreated;
      storedQuiltBlobs: { identifier: string; quiltPatchId: string }[];
    };
    const quiltId = quilt.blobStoreResult.newlyCreated.blobObject.blobId;
    expect(quilt.storedQuiltBlobs.map((p) => p.identifier)).toEqual(['a.txt', 'b.bin']);
    const byPatch = await fetch(
      `${url}/v1/blobs/by-quilt-patch-id/${quilt.storedQuiltBlobs[0]!.quiltPatchId}`,
    );
    expect(byPatch.status).toBe(200);
    expect(byPatch.headers.get('x-quilt-patch-identifier')).toBe('a.txt');
    expect(await byPatch.text()).toBe('hello quilt');
    const byName = await fetch(`${url}/v1/blobs/by-quilt-id/${quiltId}/b.bin`);
    expect(new Uint8Array(await byName.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect((await fetch(`${url}/v1/blobs/by-quilt-id/${quiltId}/nope`)).status).toBe(404);
    const patches = await (await fetch(`${url}/v1/quilts/${quiltId}/patches`)).json();
    // Each with the patch id the store answered, so a client can read a patch by id from the list.
    expect(patches).toEqual([
      { identifier: 'a.txt', patchId: quilt.storedQuiltBlobs[0]!.quiltPatchId, tags: { kind: 'text' } },
      { identifier: 'b.bin', patchId: quilt.storedQuiltBlobs[1]!.quiltPatchId, tags: {} },
    ]);
    // A well-formed patch id of a blob that is not stored is 404.
    const unknownPatch = `${'A'.repeat(43)}${quilt.storedQuiltBlobs[0]!.quiltPatchId.slice(43)}`;
    expect((await fetch(`${url}/v1/blobs/by-quilt-patch-id/${unknownPatch}`)).status).toBe(404);
  }, 30_000);

  it('bad quilt requests: not multipart, no files, _metadata naming no file, bad patch id', async () => {
    expect((await fetch(`${url}/v1/quilts`, { method: 'PUT', body: 'x' })).status).toBe(400);
    const empty = new FormData();
    empty.append('_metadata', '[]');
    expect((await fetch(`${url}/v1/quilts`, { method: 'PUT', body: empty })).status).toBe(400);
    const stray = new FormData();
    stray.append('a', new Blob(['1']));
    stray.append('_metadata', JSON.stringify([{ identifier: 'zzz', tags: {} }]));
    expect((await fetch(`${url}/v1/quilts`, { method: 'PUT', body: stray })).status).toBe(400);
    expect((await fetch(`${url}/v1/blobs/by-quilt-patch-id/not-a-patch`)).status).toBe(400);
  });
});

describe('bad requests', () => {
  it('an unknown blob id is 404, a malformed one 400, an unknown object id 404', async () => {
    const unknown = 'A'.repeat(43);
    const res = await fetch(`${url}/v1/blobs/${unknown}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /not stored|not certified/,
    );
    expect((await fetch(`${url}/v1/blobs/xyz`)).status).toBe(400);
    expect((await fetch(`${url}/v1/blobs/by-object-id/0x${'ab'.repeat(32)}`)).status).toBe(404);
  }, 30_000);

  it('a body over the limit is 413 and stores nothing', async () => {
    const before = await env.session.walBalance();
    const res = await put(randomBlob(1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await env.session.walBalance()).toBe(before);
  });

  it('bad query parameters are 400 with a message naming the parameter', async () => {
    for (const query of [
      '?epochs=abc',
      '?epochs=0',
      '?permanent=true&deletable=true',
      '?send_object_to=bob',
      '?force=maybe',
      '?share=maybe',
      `?share=true&send_object_to=${env.devnet.signers[1]!.toSuiAddress()}`,
    ]) {
      const res = await put(randomBlob(10), query);
      expect(res.status, query).toBe(400);
    }
    expect((await put(randomBlob(10), '?epochs=100000')).status).toBe(400);
  });

  it('unknown routes 404, wrong methods 405, OPTIONS answers CORS preflight', async () => {
    expect((await fetch(`${url}/v2/nothing`)).status).toBe(404);
    expect((await fetch(`${url}/v1/blobs`, { method: 'GET' })).status).toBe(405);
    const pre = await fetch(`${url}/v1/blobs`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('/status and the OpenAPI document at /v1/api', async () => {
    const status = (await (await fetch(`${url}/status`)).json()) as { status: string; epoch: number };
    expect(status.status).toBe('ok');
    expect(status.epoch).toBeGreaterThanOrEqual(1);
    const api = (await (await fetch(`${url}/v1/api`)).json()) as { openapi: string; paths: object };
    expect(api.openapi).toMatch(/^3\./);
    expect(Object.keys(api.paths)).toContain('/v1/blobs/{blob_id}/byte-range');
  });
});

describe('JWT auth', () => {
  const secret = 'test-secret';
  const sign = (claims: object, key = secret) => {
    const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
    return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
  };
  let authed: Awaited<ReturnType<typeof import('../../src/daemon/daemon-server.js').startDaemon>>;
  beforeAll(async () => {
    const { startDaemon } = await import('../../src/daemon/daemon-server.js');
    authed = await startDaemon({
      session: env.session,
      port: 0,
      maxBodyBytes: 1024,
      jwtSecret: secret,
      aggregator: false,
    });
  });
  afterAll(() => authed?.close());

  it('refuses writes without a token, with a bad signature, expired or beyond max_epochs; accepts a good one', async () => {
    const putWith = (token?: string, query = '') =>
      fetch(`${authed.url}/v1/blobs${query}`, {
        method: 'PUT',
        body: randomBlob(64),
        ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      });
    expect((await putWith()).status).toBe(401);
    expect((await putWith(sign({ exp: Date.now() / 1000 + 60 }, 'wrong'))).status).toBe(401);
    expect((await putWith(sign({ exp: Date.now() / 1000 - 60 }))).status).toBe(401);
    expect((await putWith(sign({ max_epochs: 1 }), '?epochs=2')).status).toBe(401);
    expect((await putWith(sign({ exp: Date.now() / 1000 + 60, max_epochs: 2 }), '?epochs=2')).status).toBe(
      200,
    );
    // This daemon serves only the publisher.
    expect((await fetch(`${authed.url}/v1/blobs/${'A'.repeat(43)}`)).status).toBe(404);
  }, 30_000);
});

describe('storage node CORS', () => {
  it('a node answers a preflight for PUT and puts CORS headers on its replies, so a browser can use the SDK', async () => {
    const node = env.devnet.nodes[0]!.url;
    const pre = await fetch(`${node}/v1/blobs/${'A'.repeat(43)}/metadata`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
    const get = await fetch(`${node}/v1/blobs/${'A'.repeat(43)}/status`);
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
  });
});
