/**
 * The grpc-web wire format, apart from the HTTP server: content types, frames (flag byte, u32 big-endian length,
 * payload; `0x00` data, `0x80` trailer), grpc-web-text base64, trailers with percent-encoded `grpc-message`, and
 * `grpc-timeout`.
 */
import { RpcStatusError, StatusCode } from './status.js';

/** Frame flags. */
export const FRAME_DATA = 0x00;
export const FRAME_TRAILER = 0x80;
export const FRAME_COMPRESSED = 0x01;

export type WireFormat = 'text' | 'binary';

export interface GrpcWebContentType {
  /** The media type to answer with (the request's, without parameters, lower case). */
  mediaType: string;
  format: WireFormat | 'unsupported';
}

/** Classifies a request content type; undefined when it is not grpc-web at all. */
export function parseGrpcWebContentType(header: string | undefined): GrpcWebContentType | undefined {
  if (!header) return undefined;
  const mediaType = header.split(';')[0]!.trim().toLowerCase();
  switch (mediaType) {
    case 'application/grpc-web':
    case 'application/grpc-web+proto':
      return { mediaType, format: 'binary' };
    case 'application/grpc-web-text':
    case 'application/grpc-web-text+proto':
      return { mediaType, format: 'text' };
    default:
      // e.g. application/grpc-web+json: grpc-web, but a message encoding we do not speak.
      return mediaType.startsWith('application/grpc-web') ? { mediaType, format: 'unsupported' } : undefined;
  }
}

/** Wire bytes allowed for `limit` decoded bytes (base64 grows by 4/3, plus some whitespace slack). */
export function wireLimit(limit: number, format: WireFormat): number {
  return format === 'text' ? Math.ceil(limit / 3) * 4 + 1024 : limit;
}

const B64_VALUE = (() => {
  const table = new Int16Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  // base64url too, as protobuf-ts decodes it
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();
const EQ = '='.charCodeAt(0);

/**
 * Decodes a grpc-web-text body: base64 that may be split in padded chunks (inner `=` padding) and
 * contain whitespace. Throws `INVALID_ARGUMENT` on anything else.
 */
export function decodeGrpcWebText(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.floor((body.length * 3) / 4) + 3);
  let o = 0;
  let group = 0; // 4-char group being read
  let pos = 0; // chars read of the group
  let padding = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === EQ) {
      if (pos < 2 || (pos === 2 && padding === 0 && nextNonSpace(body, i + 1) !== EQ)) {
        throw invalidBase64();
      }
      padding++;
      pos++;
      if (pos === 4) {
        // Flush the group: `xx==` holds one byte (12 bits read), `xxx=` two (18 bits read).
        if (padding === 2) out[o++] = (group >> 4) & 0xff;
        else {
          out[o++] = (group >> 10) & 0xff;
          out[o++] = (group >> 2) & 0xff;
        }
        group = 0;
        pos = 0;
        padding = 0;
      }
      continue;
    }
    const v = B64_VALUE[c]!;
    if (v < 0 || padding > 0) throw invalidBase64();
    group = (group << 6) | v;
    pos++;
    if (pos === 4) {
      out[o++] = (group >> 16) & 0xff;
      out[o++] = (group >> 8) & 0xff;
      out[o++] = group & 0xff;
      group = 0;
      pos = 0;
    }
  }
  // Unpadded tail (tolerated, as protobuf-ts does).
  if (pos === 1 || padding > 0) throw invalidBase64();
  if (pos === 2) out[o++] = (group >> 4) & 0xff;
  if (pos === 3) {
    out[o++] = (group >> 10) & 0xff;
    out[o++] = (group >> 2) & 0xff;
  }
  return out.subarray(0, o);
}

function nextNonSpace(body: Uint8Array, from: number): number | undefined {
  for (let i = from; i < body.length; i++) {
    const c = body[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
  }
  return undefined;
}

function invalidBase64(): RpcStatusError {
  return new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'malformed grpc-web-text body: invalid base64');
}

/** The one message of a unary / server-streaming request body. */
export function parseRequestFrames(body: Uint8Array): Uint8Array {
  let message: Uint8Array | undefined;
  let offset = 0;
  while (offset < body.length) {
    if (body.length - offset < 5) {
      throw new RpcStatusError(
        StatusCode.INVALID_ARGUMENT,
        'malformed grpc-web body: truncated frame header',
      );
    }
    const flag = body[offset]!;
    const length =
      ((body[offset + 1]! << 24) |
        (body[offset + 2]! << 16) |
        (body[offset + 3]! << 8) |
        body[offset + 4]!) >>>
      0;
    const start = offset + 5;
    if (length > body.length - start) {
      throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'malformed grpc-web body: truncated frame');
    }
    if (flag === FRAME_DATA) {
      if (message) {
        throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'expected one request message, got several');
      }
      message = body.subarray(start, start + length);
    } else if (flag === (FRAME_DATA | FRAME_COMPRESSED)) {
      throw new RpcStatusError(StatusCode.UNIMPLEMENTED, 'compressed grpc-web messages are not supported');
    } else {
      throw new RpcStatusError(
        StatusCode.INVALID_ARGUMENT,
        `malformed grpc-web body: unexpected frame type 0x${flag.toString(16).padStart(2, '0')}`,
      );
    }
    offset = start + length;
  }
  if (!message) throw new RpcStatusError(StatusCode.INVALID_ARGUMENT, 'missing request message');
  return message;
}

/** A grpc-web frame: flag byte, u32 BE length, payload. */
export function encodeFrame(flag: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(5 + payload.length);
  frame[0] = flag;
  new DataView(frame.buffer).setUint32(1, payload.length, false);
  frame.set(payload, 5);
  return frame;
}

/** A trailer frame with `grpc-status` and, for errors, the percent-encoded `grpc-message`. */
export function encodeTrailer(code: number, message: string): Uint8Array {
  let text = `grpc-status: ${code}\r\n`;
  if (code !== StatusCode.OK) text += `grpc-message: ${encodeGrpcMessage(message)}\r\n`;
  return encodeFrame(FRAME_TRAILER, Buffer.from(text, 'latin1'));
}

/**
 * Percent-encodes a status message as the gRPC spec says: UTF-8 bytes outside printable ASCII, and
 * `%` itself, become `%XX`. (The SDK's transport decodes it back.)
 */
export function encodeGrpcMessage(message: string): string {
  const bytes = Buffer.from(message, 'utf8');
  let out = '';
  for (const b of bytes) {
    if (b >= 0x20 && b <= 0x7e && b !== 0x25) out += String.fromCharCode(b);
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `grpc-timeout` (`<digits><H|M|S|m|u|n>`) in ms; undefined if absent or malformed. */
export function parseGrpcTimeout(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const match = /^(\d{1,8})([HMSmun])$/.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unitMs: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 0.001, n: 0.000001 };
  return amount * unitMs[match[2]!]!;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
