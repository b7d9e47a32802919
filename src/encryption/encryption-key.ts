/**
 * Where `blob store --encrypt` and `blob read --decrypt` get their key (docs/encryption.md): `--key-file <path>`, else
 * the environment variable WALRUS_ENCRYPTION_KEY. A key is 32 bytes, given as 64 hex digits or as base64 (standard
 * or URL-safe, padding optional); a key file may also hold the 32 raw bytes. Surrounding whitespace is ignored. The
 * key itself never appears in a message.
 */
import { readFileSync, statSync } from 'node:fs';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { type CryptoKey, importKey, KEY_BYTES } from './envelope.js';

export const ENCRYPTION_KEY_ENV = 'WALRUS_ENCRYPTION_KEY';

const FORMAT_HINT =
  'Make one with `walrus blob key <file>` and pass --key-file <file>, or set WALRUS_ENCRYPTION_KEY to 64 hex digits (e.g. `openssl rand -hex 32`).';

/** Parses a key from text (hex or base64), or undefined when it is neither form of 32 bytes. */
export function parseKeyText(text: string): Uint8Array | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Uint8Array.from(Buffer.from(value, 'hex'));
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === KEY_BYTES) return Uint8Array.from(bytes);
  }
  return undefined;
}

/** The key's 32 bytes from a key file: raw bytes, or hex/base64 text. */
export function readKeyFile(path: string): Uint8Array {
  let raw: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    raw = readFileSync(path);
  } catch {
    throw new UserError(ErrorCode.FileNotFound, `Cannot read the key file ${path}: no such regular file.`, {
      hint: `Check the path, or make a key: walrus blob key ${path}`,
    });
  }
  if (raw.length === KEY_BYTES) return Uint8Array.from(raw);
  const parsed = raw.length < 200 ? parseKeyText(raw.toString('utf8')) : undefined;
  if (parsed) return parsed;
  throw new UserError(
    ErrorCode.EncryptionKeyInvalid,
    `The key file ${path} does not hold a 32-byte key (it has ${raw.length} bytes: neither 32 raw bytes nor 64 hex digits nor base64 of 32 bytes).`,
    { hint: FORMAT_HINT },
  );
}

/** The raw key from `--key-file`, else from WALRUS_ENCRYPTION_KEY; a user error naming both when neither is set. */
export function keyBytesFrom(keyFile: string | undefined, env: NodeJS.ProcessEnv = process.env): Uint8Array {
  if (keyFile !== undefined) return readKeyFile(keyFile);
  const text = env[ENCRYPTION_KEY_ENV];
  if (text === undefined || text.trim() === '') {
    throw new UserError(
      ErrorCode.EncryptionKeyInvalid,
      `No encryption key: give --key-file <file> or set ${ENCRYPTION_KEY_ENV}.`,
      { hint: FORMAT_HINT },
    );
  }
  const parsed = parseKeyText(text);
  if (parsed) return parsed;
  throw new UserError(
    ErrorCode.EncryptionKeyInvalid,
    `${ENCRYPTION_KEY_ENV} is not a 32-byte key (${text.trim().length} characters: neither 64 hex digits nor base64 of 32 bytes).`,
    { hint: FORMAT_HINT },
  );
}

/** The WebCrypto key from `--key-file` or the environment. */
export function loadEncryptionKey(keyFile: string | undefined, env?: NodeJS.ProcessEnv): Promise<CryptoKey> {
  return importKey(keyBytesFrom(keyFile, env));
}
