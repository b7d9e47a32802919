/**
 * The encryption envelope of `blob store --encrypt` / `blob read --decrypt` (docs/encryption.md): AES-256-GCM through
 * WebCrypto in the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015), as Tink's AES-GCM-HKDF streaming
 * AEAD does it, so a blob of any size is sealed and opened one chunk at a time in bounded memory.
 *
 * Layout (all integers big-endian):
 *
 *   header (52 bytes)
 *     0  magic        6 bytes  "WALENC"
 *     6  version      1 byte   1
 *     7  algorithm    1 byte   1 = AES-256-GCM, key from HKDF-SHA256
 *     8  chunk size   4 bytes  plaintext bytes per chunk, 1 KiB … 16 MiB
 *    12  salt        16 bytes  random, one per envelope
 *    28  nonce prefix 7 bytes  random, one per envelope
 *    35  reserved     1 byte   0
 *    36  key check   16 bytes  GCM tag of the empty plaintext, nonce = prefix ‖ FFFFFFFF ‖ 02, AAD = bytes 0…35
 *   chunks (at least one)
 *     ciphertext (chunk size bytes; the last one 0 … chunk size) ‖ 16-byte GCM tag,
 *     nonce = prefix ‖ u32 chunk index ‖ (01 for the last chunk, else 00), AAD = the whole 52-byte header.
 *
 * The AES key of an envelope is HKDF-SHA256(the user's 32-byte key, salt, info "walrus-devkit/envelope/v1"): a fresh
 * key per blob, so the 7-byte nonce prefix never has to be unique across blobs. The nonce binds each chunk to its
 * place and marks the last one, and the AAD binds every chunk to the header: a reordered, dropped, altered or
 * truncated chunk fails its tag, and so do bytes appended after the last chunk. The key check tells a wrong key apart
 * from damaged data. Only the empty plaintext has an empty (tag-only) chunk.
 */

import type { webcrypto } from 'node:crypto';

/** WebCrypto's key type (globalThis.crypto.subtle; this project builds without the DOM lib). */
export type CryptoKey = webcrypto.CryptoKey;

export const MAGIC = new TextEncoder().encode('WALENC');
export const VERSION = 1;
export const ALGORITHM_AES_256_GCM = 1;
export const HEADER_BYTES = 52;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
export const MIN_CHUNK_BYTES = 1024;
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
/** Chunk indexes are a u32 in the nonce, and FFFFFFFF is the key check's. */
const MAX_CHUNKS = 0xffff_ffff;
const NONCE_PREFIX_BYTES = 7;
const SALT_BYTES = 16;
const FIELDS_BYTES = 36;
const HKDF_INFO = new TextEncoder().encode('walrus-devkit/envelope/v1');

/** Why an envelope did not open; the CLI turns each into a message that says what to do. */
export type DecryptFailureKind =
  /** Not an envelope of ours (no magic), or a version/algorithm/chunk size this build does not know. */
  | 'not-encrypted'
  | 'unsupported'
  /** The key check failed: another key sealed this blob (or its header was altered). */
  | 'wrong-key'
  /** A chunk failed its tag: the data was altered or reordered. */
  | 'tampered'
  /** The data ends before its last chunk. */
  | 'truncated'
  /** Bytes follow the last chunk. */
  | 'trailing-data';

export class DecryptFailure extends Error {
  constructor(
    readonly kind: DecryptFailureKind,
    message: string,
    /** The chunk that failed, when one did. */
    readonly chunk?: number,
  ) {
    super(message);
    this.name = 'DecryptFailure';
  }
}

/** Imports the user's 32-byte key for WebCrypto (non-extractable; it only derives the envelopes' keys). */
export function importKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES)
    throw new RangeError(`an encryption key is ${KEY_BYTES} bytes, not ${raw.length}`);
  return globalThis.crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'HKDF', false, [
    'deriveKey',
  ]);
}

/** The AES-256-GCM key of the envelope with this salt. */
function envelopeKey(master: CryptoKey, salt: Uint8Array): Promise<CryptoKey> {
  return globalThis.crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, info: HKDF_INFO },
    master,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Bytes of the envelope of `plainBytes` bytes in chunks of `chunkBytes`. */
export function encryptedSize(plainBytes: number, chunkBytes = DEFAULT_CHUNK_BYTES): number {
  const chunks = Math.max(1, Math.ceil(plainBytes / chunkBytes));
  return HEADER_BYTES + plainBytes + chunks * TAG_BYTES;
}

function nonce(prefix: Uint8Array, index: number, flag: number): Uint8Array<ArrayBuffer> {
  const n = new Uint8Array(12);
  n.set(prefix, 0);
  new DataView(n.buffer).setUint32(NONCE_PREFIX_BYTES, index);
  n[11] = flag;
  return n;
}

async function seal(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  aad: Uint8Array,
  plain: Uint8Array,
): Promise<Uint8Array> {
  const params = { name: 'AES-GCM', iv, additionalData: aad as Uint8Array<ArrayBuffer> };
  return new Uint8Array(
    await globalThis.crypto.subtle.encrypt(params, key, plain as Uint8Array<ArrayBuffer>),
  );
}

/** The plaintext, or undefined when the tag does not verify. */
async function open(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  aad: Uint8Array,
  sealed: Uint8Array,
): Promise<Uint8Array | undefined> {
  const params = { name: 'AES-GCM', iv, additionalData: aad as Uint8Array<ArrayBuffer> };
  try {
    return new Uint8Array(
      await globalThis.crypto.subtle.decrypt(params, key, sealed as Uint8Array<ArrayBuffer>),
    );
  } catch {
    return undefined;
  }
}

/** Options of {@link encryptStream}. */
export interface EncryptOptions {
  /** Plaintext bytes per chunk. @default DEFAULT_CHUNK_BYTES */
  chunkBytes?: number;
}

/** Builds the header (magic … key check) of a new envelope, with its key and nonce prefix. */
async function makeHeader(
  master: CryptoKey,
  chunkBytes: number,
): Promise<{ header: Uint8Array; key: CryptoKey; prefix: Uint8Array }> {
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC, 0);
  header[6] = VERSION;
  header[7] = ALGORITHM_AES_256_GCM;
  new DataView(header.buffer).setUint32(8, chunkBytes);
  globalThis.crypto.getRandomValues(header.subarray(12, 12 + SALT_BYTES + NONCE_PREFIX_BYTES));
  const { key, prefix, checkNonce, fields } = await headerKey(master, header);
  header.set(await seal(key, checkNonce, fields, new Uint8Array()), FIELDS_BYTES);
  return { header, key, prefix };
}

/**
 * The envelope's key and nonce prefix, from a header's salt and prefix fields, and what its key check is sealed
 * with: the nonce after the last chunk's, over the header fields.
 */
async function headerKey(master: CryptoKey, header: Uint8Array) {
  const key = await envelopeKey(master, header.subarray(12, 12 + SALT_BYTES));
  const prefix = header.slice(12 + SALT_BYTES, FIELDS_BYTES - 1);
  return { key, prefix, checkNonce: nonce(prefix, MAX_CHUNKS, 2), fields: header.subarray(0, FIELDS_BYTES) };
}

/** Re-slices a byte stream into pieces of exactly `size` bytes (the last one shorter, possibly empty). */
async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(size);
  let filled = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.length) {
      const n = Math.min(size - filled, piece.length - offset);
      buffer.set(piece.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === size) {
        yield buffer;
        buffer = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  yield buffer.subarray(0, filled);
}

/**
 * Seals a plaintext stream: yields the header, then one sealed chunk at a time. Holds two chunks at most (one read
 * ahead, to know which one is last).
 */
export async function* encryptStream(
  master: CryptoKey,
  source: AsyncIterable<Uint8Array>,
  options: EncryptOptions = {},
): AsyncGenerator<Uint8Array> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES)
    throw new RangeError(`chunk size must be ${MIN_CHUNK_BYTES}…${MAX_CHUNK_BYTES} bytes`);
  const { header, key, prefix } = await makeHeader(master, chunkBytes);
  yield header;
  let index = 0;
  let pending: Uint8Array | undefined;
  for await (const piece of rechunk(source, chunkBytes)) {
    // rechunk yields full pieces and then one last, shorter (possibly empty) piece; an empty last piece after full
    // ones is dropped so the last chunk is never empty unless the whole plaintext is.
    if (pending !== undefined) {
      const last = piece.length === 0;
      yield await seal(key, nonce(prefix, index, last ? 1 : 0), header, pending);
      index++;
      if (last) return;
      if (index >= MAX_CHUNKS) throw new RangeError('too many chunks for one envelope');
    }
    pending = piece;
  }
  yield await seal(key, nonce(prefix, index, 1), header, pending ?? new Uint8Array());
}

/** Reads and checks the header fields, derives the envelope's key and checks it against the key check. */
async function readHeader(
  master: CryptoKey,
  header: Uint8Array,
): Promise<{ chunkBytes: number; key: CryptoKey; prefix: Uint8Array }> {
  if (header.length < HEADER_BYTES || !MAGIC.every((b, i) => header[i] === b)) {
    throw new DecryptFailure(
      'not-encrypted',
      header.length < HEADER_BYTES && MAGIC.every((b, i) => i >= header.length || header[i] === b)
        ? `the data is ${header.length} bytes, shorter than an encryption header (${HEADER_BYTES} bytes)`
        : 'the data does not start with an encryption header ("WALENC")',
    );
  }
  if (header[6] !== VERSION || header[7] !== ALGORITHM_AES_256_GCM)
    throw new DecryptFailure(
      'unsupported',
      `envelope version ${header[6]}, algorithm ${header[7]}: this build reads version ${VERSION}, AES-256-GCM (${ALGORITHM_AES_256_GCM})`,
    );
  const chunkBytes = new DataView(header.buffer, header.byteOffset).getUint32(8);
  if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_CHUNK_BYTES || header[FIELDS_BYTES - 1] !== 0)
    throw new DecryptFailure(
      'unsupported',
      `the header names a chunk size of ${chunkBytes} bytes, which is not valid`,
    );
  const { key, prefix, checkNonce, fields } = await headerKey(master, header);
  if (!(await open(key, checkNonce, fields, header.subarray(FIELDS_BYTES, HEADER_BYTES))))
    throw new DecryptFailure('wrong-key', 'the key does not match the one this blob was encrypted with');
  return { chunkBytes, key, prefix };
}

/**
 * Opens an envelope stream: yields plaintext one verified chunk at a time, and throws a {@link DecryptFailure} at the
 * first chunk that does not verify. A caller that must not show unverified output keeps the pieces until the end
 * (every yielded piece is authentic, but the stream may still turn out truncated).
 */
export async function* decryptStream(
  master: CryptoKey,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  // The header first (it may arrive split over several pieces).
  let head: Uint8Array = new Uint8Array(0);
  let rest: Uint8Array = new Uint8Array(0);
  while (head.length < HEADER_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    const joined = concat(head, next.value);
    head = joined.subarray(0, HEADER_BYTES);
    rest = joined.subarray(HEADER_BYTES);
  }
  const header = head.slice();
  const { chunkBytes, key, prefix } = await readHeader(master, header);
  const sealedBytes = chunkBytes + TAG_BYTES;
  const body = (async function* () {
    if (rest.length) yield rest;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  let index = 0;
  let pending: Uint8Array | undefined;
  for await (const piece of rechunk(body, sealedBytes)) {
    if (pending !== undefined) {
      const last = piece.length === 0;
      yield await openChunk(key, prefix, header, index, pending, last);
      if (last) return;
      index++;
    }
    pending = piece;
  }
  // The last piece was shorter than a sealed chunk (or the body was empty: rechunk's one, empty piece).
  if (index === 0 && pending?.length === 0)
    throw new DecryptFailure(
      'truncated',
      'the data ends right after the header: an envelope has at least one chunk',
      0,
    );
  yield await openChunk(key, prefix, header, index, pending!, true);
}

/** Opens chunk `index`; on failure, tells truncation and appended data apart from tampering. */
async function openChunk(
  key: CryptoKey,
  prefix: Uint8Array,
  header: Uint8Array,
  index: number,
  sealed: Uint8Array,
  last: boolean,
): Promise<Uint8Array> {
  if (sealed.length < TAG_BYTES)
    throw new DecryptFailure(
      'truncated',
      `chunk ${index} is ${sealed.length} bytes, shorter than its tag`,
      index,
    );
  const plain = await open(key, nonce(prefix, index, last ? 1 : 0), header, sealed);
  if (plain) return plain;
  // Did it verify with the other flag? Then the chunks are intact, but the data ends in the wrong place.
  if (await open(key, nonce(prefix, index, last ? 0 : 1), header, sealed)) {
    throw last
      ? new DecryptFailure(
          'truncated',
          `the data ends after chunk ${index}, which is not the last chunk`,
          index,
        )
      : new DecryptFailure('trailing-data', `bytes follow the last chunk (chunk ${index})`, index);
  }
  throw new DecryptFailure(
    'tampered',
    `chunk ${index} failed its integrity check: the data was altered or cut short`,
    index,
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Collects a stream into one buffer of `size` bytes when known (no growing copies), else concatenates. */
export async function collect(source: AsyncIterable<Uint8Array>, size?: number): Promise<Uint8Array> {
  if (size === undefined) {
    const parts: Uint8Array[] = [];
    for await (const p of source) parts.push(p);
    return parts.reduce(concat, new Uint8Array(0));
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for await (const p of source) {
    out.set(p, offset);
    offset += p.length;
  }
  return offset === size ? out : out.subarray(0, offset);
}

/** Seals bytes held in memory. */
export function encryptBytes(
  key: CryptoKey,
  plain: Uint8Array,
  options: EncryptOptions = {},
): Promise<Uint8Array> {
  return collect(encryptStream(key, once(plain), options), encryptedSize(plain.length, options.chunkBytes));
}

/** Opens an envelope held in memory; throws a {@link DecryptFailure} unless all of it verifies. */
export function decryptBytes(key: CryptoKey, sealed: Uint8Array): Promise<Uint8Array> {
  return collect(decryptStream(key, once(sealed)), Math.max(0, sealed.length - HEADER_BYTES));
}
