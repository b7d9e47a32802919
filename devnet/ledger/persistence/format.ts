/**
 * On-disk format of a state directory (format version 1). All integers are little-endian.
 *
 * `snapshot` (written as `snapshot.tmp`, then renamed over `snapshot`):
 *
 *   offset size
 *        0    8  magic "WDEVSNAP"
 *        8    4  format version (u32)
 *       12    4  flags (u32, 0)
 *       16    8  generation (u64): the first journal generation NOT contained in the snapshot
 *       24    8  payload length (u64)
 *       32    4  CRC-32 of the payload
 *       36    4  CRC-32 of bytes 0..36
 *       40    …  payload (opaque to this layer)
 *
 * `journal-<generation, 16 decimal digits>.log` (created as `….log.tmp`, then renamed):
 *
 *        0    8  magic "WDEVJRNL"
 *        8    4  format version (u32)
 *       12    4  flags (u32, 0)
 *       16    8  generation (u64), equal to the one in the file name
 *       24    4  reserved (u32, 0)
 *       28    4  CRC-32 of bytes 0..28
 *       32    …  frames
 *
 * A frame is `length (u32) | crc (u32) | payload`, where crc = CRC-32 over the four length bytes followed
 * by the payload. Covering the length means a zero-filled tail (what some file systems leave after a crash)
 * never parses as a frame.
 */
import * as fs from 'node:fs';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { StateStoreError } from './errors.js';

export const FORMAT_VERSION = 1;

export const SNAPSHOT_MAGIC = 'WDEVSNAP';
export const JOURNAL_MAGIC = 'WDEVJRNL';
export const SNAPSHOT_HEADER_BYTES = 40;
export const JOURNAL_HEADER_BYTES = 32;
export const FRAME_HEADER_BYTES = 8;
/** Largest record `append` accepts; a bigger length field in a journal is treated as damage. */
export const MAX_RECORD_BYTES = 1 << 30;

export const SNAPSHOT_FILE = 'snapshot';
export const SNAPSHOT_TMP_FILE = 'snapshot.tmp';

const JOURNAL_NAME = /^journal-(\d{16})\.log$/;
const JOURNAL_TMP_NAME = /^journal-\d{16}\.log\.tmp$/;

export function journalFileName(generation: number): string {
  return `journal-${generation.toString().padStart(16, '0')}.log`;
}

/** The generation of a journal file name, or undefined for any other name. */
export function parseJournalFileName(name: string): number | undefined {
  const match = JOURNAL_NAME.exec(name);
  return match ? Number(match[1]) : undefined;
}

export function isJournalTmpFileName(name: string): boolean {
  return JOURNAL_TMP_NAME.test(name);
}

/**
 * CRC-32 of `data`, continuing from `initial`. Empty data returns `initial` without calling zlib: some Node
 * releases (seen on 20.x) return 0 for an empty view, dropping the initial value.
 */
export function crc32(data: Uint8Array, initial = 0): number {
  return data.byteLength === 0 ? initial : zlibCrc32(data, initial);
}

// ---------------------------------------------------------------------------------------------------------
// Frames

export function encodeFrame(record: Uint8Array): Buffer {
  if (record.byteLength > MAX_RECORD_BYTES) {
    throw new RangeError(`record of ${record.byteLength} bytes exceeds the ${MAX_RECORD_BYTES}-byte limit`);
  }
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + record.byteLength);
  frame.writeUInt32LE(record.byteLength, 0);
  frame.set(record, FRAME_HEADER_BYTES);
  frame.writeUInt32LE(crc32(record, crc32(frame.subarray(0, 4))), 4);
  return frame;
}

export interface FrameScan {
  /** Every complete, intact record, in order; each a fresh copy. */
  records: Uint8Array[];
  /** File offset just past the last intact frame. */
  end: number;
  /** Why scanning stopped before the end of the file, if it did. */
  problem?: string;
  /**
   * The damaged frame is followed by an intact one. A crash can only tear the last write, so this is
   * damage to acknowledged data (a bad disk, a stray edit), which must not be silently cut off.
   */
  intactAfter?: boolean;
}

/** Reads frames from `start` to `size`, stopping at the first incomplete or corrupt one. */
export function scanFrames(fd: number, start: number, size: number): FrameScan {
  const reader = new BufferedReader(fd);
  const records: Uint8Array[] = [];
  let pos = start;
  while (pos < size) {
    if (size - pos < FRAME_HEADER_BYTES) {
      return { records, end: pos, problem: `incomplete frame header at offset ${pos}` };
    }
    const header = reader.view(pos, FRAME_HEADER_BYTES);
    const length = header.readUInt32LE(0);
    const expected = header.readUInt32LE(4);
    const lengthCrc = crc32(header.subarray(0, 4));
    if (length > MAX_RECORD_BYTES) {
      return { records, end: pos, problem: `implausible record length ${length} at offset ${pos}` };
    }
    if (pos + FRAME_HEADER_BYTES + length > size) {
      return { records, end: pos, problem: `record at offset ${pos} extends past the end of the file` };
    }
    const payload = reader.view(pos + FRAME_HEADER_BYTES, length);
    if (crc32(payload, lengthCrc) !== expected) {
      const next = pos + FRAME_HEADER_BYTES + length;
      return {
        records,
        end: pos,
        problem: `checksum mismatch in record at offset ${pos}`,
        intactAfter: next < size && isIntactFrame(reader, next, size),
      };
    }
    records.push(new Uint8Array(payload));
    pos += FRAME_HEADER_BYTES + length;
  }
  return { records, end: pos };
}

function isIntactFrame(reader: BufferedReader, pos: number, size: number): boolean {
  if (size - pos < FRAME_HEADER_BYTES) return false;
  const header = reader.view(pos, FRAME_HEADER_BYTES);
  const length = header.readUInt32LE(0);
  const expected = header.readUInt32LE(4);
  const lengthCrc = crc32(header.subarray(0, 4));
  if (length > MAX_RECORD_BYTES || pos + FRAME_HEADER_BYTES + length > size) return false;
  return crc32(reader.view(pos + FRAME_HEADER_BYTES, length), lengthCrc) === expected;
}

/** Positional reads through a reusable buffer, so scanning costs one syscall per megabyte, not per record. */
class BufferedReader {
  #buf = Buffer.allocUnsafe(1 << 20);
  #bufPos = 0;
  #bufLen = 0;

  constructor(readonly fd: number) {}

  /** `len` bytes at file offset `pos`; the view is valid until the next call. */
  view(pos: number, len: number): Buffer {
    if (pos >= this.#bufPos && pos + len <= this.#bufPos + this.#bufLen) {
      return this.#buf.subarray(pos - this.#bufPos, pos - this.#bufPos + len);
    }
    if (len > this.#buf.length) this.#buf = Buffer.allocUnsafe(Math.max(len, this.#buf.length * 2));
    this.#bufPos = pos;
    this.#bufLen = readFully(this.fd, this.#buf, pos);
    if (this.#bufLen < len) {
      throw new StateStoreError('CORRUPT', `file shrank while being read (wanted ${len} bytes at ${pos})`);
    }
    return this.#buf.subarray(0, len);
  }
}

/** Fills `buf` from file offset `pos` until full or end of file; returns the bytes read. */
export function readFully(fd: number, buf: Uint8Array, pos: number): number {
  let done = 0;
  while (done < buf.byteLength) {
    const n = fs.readSync(fd, buf, done, buf.byteLength - done, pos + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** Writes all of `buf` at file offset `pos` (a single `write` may be short). */
export function writeFully(fd: number, buf: Uint8Array, pos: number): void {
  let done = 0;
  while (done < buf.byteLength) {
    done += fs.writeSync(fd, buf, done, buf.byteLength - done, pos + done);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Headers

/** Checks magic and version, the parts that must be readable whatever the version. */
function checkMagicAndVersion(bytes: Uint8Array, magic: string, what: string, file: string): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== magic) {
    throw new StateStoreError(
      'CORRUPT',
      `${file} is not a devnet ${what} file (bad magic${buf.length < 12 ? ', file too short' : ''})`,
    );
  }
  const version = buf.readUInt32LE(8);
  if (version !== FORMAT_VERSION) {
    throw new StateStoreError(
      'UNSUPPORTED_VERSION',
      `${file} uses state format version ${version}, but this devnet only reads version ${FORMAT_VERSION}. ` +
        'It was probably written by a different devkit release: use that release, or start from a fresh state directory.',
    );
  }
}

export function encodeJournalHeader(generation: number): Buffer {
  const header = Buffer.alloc(JOURNAL_HEADER_BYTES);
  header.write(JOURNAL_MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeBigUInt64LE(BigInt(generation), 16);
  header.writeUInt32LE(crc32(header.subarray(0, 28)), 28);
  return header;
}

/** Validates the header of an open journal file. */
export function checkJournalHeader(fd: number, size: number, generation: number, file: string): void {
  const header = Buffer.alloc(Math.min(size, JOURNAL_HEADER_BYTES));
  readFully(fd, header, 0);
  checkMagicAndVersion(header, JOURNAL_MAGIC, 'journal', file);
  if (header.length < JOURNAL_HEADER_BYTES || crc32(header.subarray(0, 28)) !== header.readUInt32LE(28)) {
    throw new StateStoreError('CORRUPT', `${file} has a damaged header`);
  }
  const stored = Number(header.readBigUInt64LE(16));
  if (stored !== generation) {
    throw new StateStoreError(
      'CORRUPT',
      `${file} claims generation ${stored}, but its name says ${generation}`,
    );
  }
}

export function encodeSnapshotHeader(generation: number, payload: Uint8Array): Buffer {
  const header = Buffer.alloc(SNAPSHOT_HEADER_BYTES);
  header.write(SNAPSHOT_MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeBigUInt64LE(BigInt(generation), 16);
  header.writeBigUInt64LE(BigInt(payload.byteLength), 24);
  header.writeUInt32LE(crc32(payload), 32);
  header.writeUInt32LE(crc32(header.subarray(0, 36)), 36);
  return header;
}

export interface DecodedSnapshot {
  /** First journal generation not contained in the snapshot. */
  generation: number;
  payload: Uint8Array;
}

/** Parses a whole snapshot file; any damage is an error (the journals it replaced are gone). */
export function decodeSnapshot(file: Buffer, name: string): DecodedSnapshot {
  checkMagicAndVersion(file, SNAPSHOT_MAGIC, 'snapshot', name);
  if (file.length < SNAPSHOT_HEADER_BYTES || crc32(file.subarray(0, 36)) !== file.readUInt32LE(36)) {
    throw new StateStoreError('CORRUPT', `${name} has a damaged header`);
  }
  const generation = Number(file.readBigUInt64LE(16));
  const length = Number(file.readBigUInt64LE(24));
  if (file.length !== SNAPSHOT_HEADER_BYTES + length) {
    throw new StateStoreError(
      'CORRUPT',
      `${name} should hold ${length} payload bytes but holds ${file.length - SNAPSHOT_HEADER_BYTES}`,
    );
  }
  const payload = new Uint8Array(file.buffer, file.byteOffset + SNAPSHOT_HEADER_BYTES, length);
  if (crc32(payload) !== file.readUInt32LE(32)) {
    throw new StateStoreError('CORRUPT', `${name} fails its checksum`);
  }
  return { generation, payload };
}
