// The aggregator's streamed blob routes (src/blob/blob-stream.ts) against an in-process devnet of 4 nodes and 100
// shards (p = 34 systematic primary slivers of s = 67 symbols): byte-identical bodies for sizes around one sliver and
// many, Range edges and sliver boundaries, the headers, and what a read does when a systematic sliver's node is down
// or serves corrupted slivers (rebuilt from recovery symbols, else the blob decoded: the bytes still right, or a cut
// connection; never a refused sliver's bytes).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeAttributes } from '../../src/blob/blob-attributes.js';
import { encodingParams, shardForPair, symbolSizeFor } from '../../src/protocol/encoding.js';
import { randomBlob, shardsByNode } from '../devnet/helpers.js';
import { startDaemonDevnet } from './daemon-fixture.js';

const N_SHARDS = 100;
const { primarySymbols: P, secondarySymbols: S } = encodingParams(N_SHARDS);

let env: Awaited<ReturnType<typeof startDaemonDevnet>>;
let url: string;
const log: string[] = [];

beforeAll(async () => {
  env = await startDaemonDevnet({ jwtSecret: undefined, log: (line) => log.push(line) });
  url = env.daemon.url;
}, 60_000);
afterAll(() => env?.stop());

/** Bytes of the blob each systematic primary sliver holds. */
const sliverBytes = (size: number) => S * symbolSizeFor(size, N_SHARDS)!;

interface Stored {
  bytes: Uint8Array;
  blobId: string;
  objectId: string;
}

async function store(bytes: Uint8Array): Promise<Stored> {
  const res = await fetch(`${url}/v1/blobs?epochs=2`, { method: 'PUT', body: bytes });
  expect(res.status, await res.clone().text()).toBe(200);
  const { newlyCreated } = (await res.json()) as {
    newlyCreated: { blobObject: { id: string; blobId: string } };
  };
  return { bytes, blobId: newlyCreated.blobObject.blobId, objectId: newlyCreated.blobObject.id };
}

async function get(path: string, range?: string): Promise<{ res: Response; body: Uint8Array }> {
  const res = await fetch(`${url}${path}`, range ? { headers: { range } } : {});
  return { res, body: new Uint8Array(await res.arrayBuffer()) };
}

describe('streamed bodies equal the blob', () => {
  const one = sliverBytes(1);
  // 0 B, 1 B, one sliver's worth less one, exactly one, one more (2 slivers), and many slivers.
  for (const size of [0, 1, one - 1, one, one + 1, 200_000]) {
    it(`${size} bytes: 200, Content-Length, ETag, the bytes`, async () => {
      const blob = await store(randomBlob(size));
      const { res, body } = await get(`/v1/blobs/${blob.blobId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(size));
      expect(res.headers.get('etag')).toBe(`"${blob.blobId}"`);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(body).equals(Buffer.from(blob.bytes))).toBe(true);
    }, 60_000);
  }

  it('HEAD gives the headers and no body', async () => {
    const blob = await store(randomBlob(3000));
    const res = await fetch(`${url}/v1/blobs/${blob.blobId}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('3000');
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  }, 60_000);
});

describe('ranges', () => {
  const size = 200_000;
  let blob: Stored;
  let edge: number;

  beforeAll(async () => {
    blob = await store(randomBlob(size));
    edge = sliverBytes(size);
    expect(size / edge).toBeGreaterThan(30); // many slivers
  }, 60_000);

  const cases: Array<[string, () => string, () => [number, number]]> = [
    ['the first byte', () => 'bytes=0-0', () => [0, 0]],
    ['the last byte', () => `bytes=${size - 1}-${size - 1}`, () => [size - 1, size - 1]],
    ['across a sliver boundary', () => `bytes=${edge - 1}-${edge}`, () => [edge - 1, edge]],
    ['exactly one sliver', () => `bytes=${edge}-${2 * edge - 1}`, () => [edge, 2 * edge - 1]],
    [
      'three slivers, from inside the first',
      () => `bytes=${edge + 7}-${3 * edge + 7}`,
      () => [edge + 7, 3 * edge + 7],
    ],
    ['a suffix of one byte', () => 'bytes=-1', () => [size - 1, size - 1]],
    ['a suffix longer than a sliver', () => `bytes=-${edge + 5}`, () => [size - edge - 5, size - 1]],
    ['a suffix longer than the blob', () => `bytes=-${size + 10}`, () => [0, size - 1]],
    ['an open range', () => `bytes=${3 * edge}-`, () => [3 * edge, size - 1]],
    ['an end past the blob', () => `bytes=${size - 3}-${size + 100}`, () => [size - 3, size - 1]],
  ];
  for (const [name, header, span] of cases) {
    it(`${name}: 206, Content-Range, Content-Length and the bytes`, async () => {
      const [a, b] = span();
      const { res, body } = await get(`/v1/blobs/${blob.blobId}`, header());
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${a}-${b}/${size}`);
      expect(res.headers.get('content-length')).toBe(String(b - a + 1));
      expect(Buffer.from(body).equals(Buffer.from(blob.bytes.subarray(a, b + 1)))).toBe(true);
    });
  }

  it('bad ranges: 416 past the end or a zero suffix, 400 malformed', async () => {
    for (const range of [`bytes=${size}-`, `bytes=${size}-${size + 1}`, 'bytes=-0', 'bytes=9-3']) {
      const { res } = await get(`/v1/blobs/${blob.blobId}`, range);
      expect(res.status, range).toBe(416);
    }
    expect((await get(`/v1/blobs/${blob.blobId}`, 'bytes=0-1,5-6')).res.status).toBe(400);
    const empty = await store(new Uint8Array(0));
    expect((await get(`/v1/blobs/${empty.blobId}`, 'bytes=0-0')).res.status).toBe(416);
  }, 60_000);

  it('the byte-range route across sliver boundaries', async () => {
    const start = edge - 10;
    const length = 2 * edge + 20;
    const { res, body } = await get(`/v1/blobs/${blob.blobId}/byte-range?start=${start}&length=${length}`);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${start + length - 1}/${size}`);
    expect(Buffer.from(body).equals(Buffer.from(blob.bytes.subarray(start, start + length)))).toBe(true);
    const last = await get(`/v1/blobs/${blob.blobId}/byte-range?start=${size - 1}&length=1`);
    expect(last.body).toEqual(blob.bytes.subarray(size - 1));
    expect((await get(`/v1/blobs/${blob.blobId}/byte-range?start=${size - 1}&length=2`)).res.status).toBe(
      416,
    );
  });

  it('by object id: content type from the attributes, Range and Content-Length as by blob id', async () => {
    await writeAttributes(env.session, blob.objectId, { 'content-type': 'video/mp4' });
    const whole = await get(`/v1/blobs/by-object-id/${blob.objectId}`);
    expect(whole.res.status).toBe(200);
    expect(whole.res.headers.get('content-type')).toBe('video/mp4');
    expect(whole.res.headers.get('content-length')).toBe(String(size));
    expect(Buffer.from(whole.body).equals(Buffer.from(blob.bytes))).toBe(true);
    const part = await get(`/v1/blobs/by-object-id/${blob.objectId}`, `bytes=${edge - 1}-${edge}`);
    expect(part.res.status).toBe(206);
    expect(part.res.headers.get('content-type')).toBe('video/mp4');
    expect(part.res.headers.get('content-range')).toBe(`bytes ${edge - 1}-${edge}/${size}`);
    expect(part.body).toEqual(blob.bytes.subarray(edge - 1, edge + 1));
  }, 60_000);
});

describe('faults: a systematic sliver that cannot be had', () => {
  const size = 200_000;
  let blob: Stored;
  let shards: Map<string, number[]>;

  beforeAll(async () => {
    blob = await store(randomBlob(size));
    shards = await shardsByNode(env.devnet);
  }, 60_000);

  afterEach(async () => {
    for (const n of env.devnet.nodes) {
      if (n.node.status !== 'started') await n.start();
      await n.node.setFaults({ corruptSlivers: false });
    }
  }, 60_000);

  /** The devnet node holding systematic sliver `pair` of the blob. */
  const holderOf = (pair: number) => {
    const shard = shardForPair(pair, Buffer.from(blob.blobId, 'base64url'), N_SHARDS);
    return env.devnet.nodes.find((n) => shards.get(n.nodeId)?.includes(shard))!;
  };

  /** The first systematic sliver not on the node of sliver 0 (so some bytes stream before the fault is met). */
  const laterPair = () => {
    const first = holderOf(0);
    for (let pair = 1; pair < P; pair++) if (holderOf(pair) !== first) return pair;
    throw new Error('every systematic sliver is on one node');
  };

  it('a node down: whole blob and ranges byte-identical, its slivers rebuilt from recovery symbols', async () => {
    const pair = laterPair();
    const down = holderOf(pair);
    await down.stop();
    log.length = 0;
    const whole = await get(`/v1/blobs/${blob.blobId}`);
    expect(whole.res.status).toBe(200);
    expect(Buffer.from(whole.body).equals(Buffer.from(blob.bytes))).toBe(true);
    // Its slivers are rebuilt from the other nodes' recovery symbols, one at a time; the blob is never decoded.
    expect(log.some((l) => l.includes(`rebuilt sliver pair ${pair} from recovery symbols`))).toBe(true);
    expect(log.filter((l) => l.includes('decoding it'))).toEqual([]);
    const edge = sliverBytes(size);
    const range = await get(`/v1/blobs/${blob.blobId}`, `bytes=${pair * edge - 3}-${pair * edge + 3}`);
    expect(range.res.status).toBe(206);
    expect(range.body).toEqual(blob.bytes.subarray(pair * edge - 3, pair * edge + 4));
  }, 120_000);

  it('a range needs only the slivers it covers: it reads with every other node down', async () => {
    // Too few shards are left to decode the blob: only a read of sliver `pair` alone can succeed.
    const pair = laterPair();
    const keep = holderOf(pair);
    for (const n of env.devnet.nodes) if (n !== keep) await n.stop();
    const edge = sliverBytes(size);
    const { res, body } = await get(
      `/v1/blobs/${blob.blobId}`,
      `bytes=${pair * edge + 1}-${(pair + 1) * edge - 1}`,
    );
    expect(res.status).toBe(206);
    expect(body).toEqual(blob.bytes.subarray(pair * edge + 1, (pair + 1) * edge));
  }, 120_000);

  it('two nodes down: too few symbols to rebuild a sliver, so the blob is decoded; the bytes are the same', async () => {
    const pair = laterPair();
    const down = [holderOf(pair), env.devnet.nodes.find((n) => n !== holderOf(pair) && n !== holderOf(0))!];
    for (const n of down) await n.stop();
    log.length = 0;
    const whole = await get(`/v1/blobs/${blob.blobId}`);
    expect(whole.res.status).toBe(200);
    expect(Buffer.from(whole.body).equals(Buffer.from(blob.bytes))).toBe(true);
    expect(log.some((l) => l.includes('could not be recovered') && l.includes('decoding it'))).toBe(true);
  }, 120_000);

  it('a node serving corrupted slivers: refused (named in the log), never served; the bytes are right', async () => {
    const pair = laterPair();
    const corrupt = holderOf(pair);
    await corrupt.node.setFaults({ corruptSlivers: true });
    log.length = 0;
    const whole = await get(`/v1/blobs/${blob.blobId}`);
    expect(whole.res.status).toBe(200);
    expect(Buffer.from(whole.body).equals(Buffer.from(blob.bytes))).toBe(true);
    expect(log.filter((l) => l.includes('decoding it'))).toEqual([]);
    const refused = log.filter((l) => l.startsWith('refused sliver pair'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((l) => l.includes(` from ${corrupt.name} (`))).toBe(true);
    // A range inside the corrupted sliver alone.
    const edge = sliverBytes(size);
    const inside = await get(`/v1/blobs/${blob.blobId}`, `bytes=${pair * edge}-${pair * edge + 99}`);
    expect(inside.res.status).toBe(206);
    expect(inside.body).toEqual(blob.bytes.subarray(pair * edge, pair * edge + 100));
  }, 120_000);

  it('too few nodes for the fallback: the connection is cut after the verified bytes, never wrong bytes', async () => {
    const keep = holderOf(0);
    const stopped = env.devnet.nodes.filter((n) => n !== keep);
    for (const n of stopped) await n.stop();
    const res = await fetch(`${url}/v1/blobs/${blob.blobId}`);
    // The first sliver was verified and sent with the headers; the body then ends short of Content-Length.
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(size));
    const reader = res.body!.getReader();
    const received: Uint8Array[] = [];
    const outcome = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'complete';
        received.push(value);
      }
    })().catch(() => 'cut');
    expect(outcome).toBe('cut');
    const got = Buffer.concat(received);
    expect(got.length).toBeLessThan(size);
    expect(got.equals(Buffer.from(blob.bytes.subarray(0, got.length)))).toBe(true);
  }, 120_000);

  it('a node down holding sliver 0: the first sliver is rebuilt before the headers go out', async () => {
    const down = holderOf(0);
    await down.stop();
    const { res, body } = await get(`/v1/blobs/${blob.blobId}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(body).equals(Buffer.from(blob.bytes))).toBe(true);
  }, 120_000);
});
