// The encryption envelope (src/encryption/envelope.ts, docs/encryption.md): round trips at every size around the
// chunk boundaries, streaming in pieces of any size, and every way of damaging an envelope is caught and named.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  collect,
  DecryptFailure,
  type DecryptFailureKind,
  decryptBytes,
  decryptStream,
  encryptBytes,
  encryptedSize,
  encryptStream,
  HEADER_BYTES,
  importKey,
  MIN_CHUNK_BYTES,
  TAG_BYTES,
} from '../../src/encryption/envelope.js';

const CHUNK = MIN_CHUNK_BYTES; // small chunks, so "several chunks" stays small
const key = await importKey(new Uint8Array(randomBytes(32)));
const otherKey = await importKey(new Uint8Array(randomBytes(32)));

function bytes(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n));
}

async function failure(promise: Promise<unknown>): Promise<DecryptFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DecryptFailure);
  return error as DecryptFailure;
}

async function expectKind(sealed: Uint8Array, kind: DecryptFailureKind, chunk?: number) {
  const error = await failure(decryptBytes(key, sealed));
  expect(error.kind).toBe(kind);
  if (chunk !== undefined) expect(error.chunk).toBe(chunk);
}

/** Pieces of random sizes 1…max (how a file or a socket hands bytes over). */
async function* pieces(data: Uint8Array, max: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; ) {
    const n = 1 + Math.floor(Math.random() * max);
    yield data.subarray(i, i + n);
    i += n;
  }
}

describe('round trip', () => {
  const sizes = [0, 1, 2, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK - 1, 3 * CHUNK, 3 * CHUNK + 7];
  for (const size of sizes) {
    it(`${size} bytes: the envelope has the documented size and opens to the same bytes`, async () => {
      const plain = bytes(size);
      const sealed = await encryptBytes(key, plain, { chunkBytes: CHUNK });
      expect(sealed.length).toBe(encryptedSize(size, CHUNK));
      expect(sealed.length).toBe(HEADER_BYTES + size + Math.max(1, Math.ceil(size / CHUNK)) * TAG_BYTES);
      expect(await decryptBytes(key, sealed)).toEqual(plain);
    });
  }

  it('random sizes, streamed in random pieces both ways, give the same bytes', async () => {
    for (let round = 0; round < 20; round++) {
      const plain = bytes(Math.floor(Math.random() * 6 * CHUNK));
      const sealed = await collect(encryptStream(key, pieces(plain, 3000), { chunkBytes: CHUNK }));
      expect(sealed.length).toBe(encryptedSize(plain.length, CHUNK));
      expect(await collect(decryptStream(key, pieces(sealed, 3000)))).toEqual(plain);
    }
  });

  it('the default chunk size (64 KiB) round-trips a blob of several chunks', async () => {
    const plain = bytes(200_000);
    expect(await decryptBytes(key, await encryptBytes(key, plain))).toEqual(plain);
  });

  it('two envelopes of the same bytes differ (fresh salt and nonce)', async () => {
    const plain = bytes(100);
    expect(await encryptBytes(key, plain)).not.toEqual(await encryptBytes(key, plain));
  });

  it('streams in bounded memory: the encryptor never yields more than one sealed chunk at a time', async () => {
    let largest = 0;
    for await (const piece of encryptStream(key, pieces(bytes(10 * CHUNK), 5 * CHUNK), { chunkBytes: CHUNK }))
      largest = Math.max(largest, piece.length);
    expect(largest).toBe(CHUNK + TAG_BYTES);
  });
});

describe('a wrong key or damaged data is named, never wrong bytes', () => {
  const plain = bytes(3 * CHUNK + 100); // four chunks, the last one short
  const sealedP = encryptBytes(key, plain, { chunkBytes: CHUNK });
  const chunkStart = (i: number) => HEADER_BYTES + i * (CHUNK + TAG_BYTES);

  it('another key: wrong-key, from the key check', async () => {
    const error = await failure(decryptBytes(otherKey, await sealedP));
    expect(error.kind).toBe('wrong-key');
  });

  it('a flipped bit in every region is caught', async () => {
    const sealed = await sealedP;
    const regions: Array<[string, number, DecryptFailureKind]> = [
      ['magic', 0, 'not-encrypted'],
      ['version', 6, 'unsupported'],
      ['algorithm', 7, 'unsupported'],
      ['chunk size', 10, 'wrong-key'],
      ['salt', 12, 'wrong-key'],
      ['nonce prefix', 30, 'wrong-key'],
      ['reserved', 35, 'unsupported'],
      ['key check', 40, 'wrong-key'],
      ['chunk 0 ciphertext', chunkStart(0) + 5, 'tampered'],
      ['chunk 0 tag', chunkStart(1) - 1, 'tampered'],
      ['chunk 2 ciphertext', chunkStart(2) + CHUNK - 1, 'tampered'],
      ['last chunk ciphertext', chunkStart(3) + 1, 'tampered'],
      ['last chunk tag', sealed.length - 1, 'tampered'],
    ];
    for (const [region, offset, kind] of regions) {
      const damaged = sealed.slice();
      damaged[offset]! ^= 0x10;
      const error = await failure(decryptBytes(key, damaged));
      expect({ region, kind: error.kind }).toEqual({ region, kind });
    }
  });

  it('the chunk-size field changed to another valid size: refused (the header is authenticated)', async () => {
    const damaged = (await sealedP).slice();
    new DataView(damaged.buffer).setUint32(8, 2 * CHUNK);
    expect((await failure(decryptBytes(key, damaged))).kind).toBe('wrong-key');
  });

  it('truncated at a chunk boundary, inside a chunk, inside the header, to the header alone', async () => {
    const sealed = await sealedP;
    await expectKind(sealed.subarray(0, chunkStart(3)), 'truncated', 2);
    await expectKind(sealed.subarray(0, chunkStart(1)), 'truncated', 0);
    await expectKind(sealed.subarray(0, sealed.length - 1), 'tampered', 3);
    await expectKind(sealed.subarray(0, chunkStart(2) + 30), 'tampered', 2);
    await expectKind(sealed.subarray(0, chunkStart(2) + 10), 'truncated', 2); // shorter than a tag
    await expectKind(sealed.subarray(0, HEADER_BYTES), 'truncated', 0);
    await expectKind(sealed.subarray(0, HEADER_BYTES - 1), 'not-encrypted');
    await expectKind(new Uint8Array(0), 'not-encrypted');
  });

  it('bytes appended after the last chunk', async () => {
    const sealed = await sealedP;
    const appended = new Uint8Array(sealed.length + 20);
    appended.set(sealed);
    await expectKind(appended, 'tampered');
    // A whole extra chunk's worth after a full last chunk: the last chunk is found to be the last one.
    const full = await encryptBytes(key, bytes(2 * CHUNK), { chunkBytes: CHUNK });
    const extended = new Uint8Array(full.length + CHUNK + TAG_BYTES);
    extended.set(full);
    await expectKind(extended, 'trailing-data', 1);
  });

  it('two chunks swapped, a chunk dropped, a chunk repeated', async () => {
    const sealed = await sealedP;
    const size = CHUNK + TAG_BYTES;
    const chunk = (i: number) => sealed.subarray(chunkStart(i), chunkStart(i) + size);
    const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
    const header = sealed.subarray(0, HEADER_BYTES);
    const last = sealed.subarray(chunkStart(3));
    await expectKind(join(header, chunk(1), chunk(0), chunk(2), last), 'tampered', 0);
    await expectKind(join(header, chunk(0), chunk(2), last), 'tampered', 1);
    await expectKind(join(header, chunk(0), chunk(0), chunk(2), last), 'tampered', 1);
  });

  it('a chunk from another envelope under the same key', async () => {
    const sealed = await sealedP;
    const other = await encryptBytes(key, bytes(plain.length), { chunkBytes: CHUNK });
    const mixed = sealed.slice();
    mixed.set(other.subarray(chunkStart(1), chunkStart(2)), chunkStart(1));
    await expectKind(mixed, 'tampered', 1);
  });

  it('plain data that is not an envelope', async () => {
    await expectKind(
      new TextEncoder().encode('just a text file, not encrypted at all, long enough'),
      'not-encrypted',
    );
  });
});
