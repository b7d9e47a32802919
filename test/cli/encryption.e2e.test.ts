/**
 * Client-side encryption through the built CLI against `walrus dev up`: `blob key`, `blob store --encrypt`,
 * `blob read --decrypt` with the key from --key-file or WALRUS_ENCRYPTION_KEY; a wrong key, a damaged envelope, a
 * plain blob and a missing key are exit-1 user errors that name the problem, and `-o` is left as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, runWalrus } from './devnet-project.js';

let project: string;
const walrus = (args: string[], env?: NodeJS.ProcessEnv) => runWalrus(project, args, env ? { env } : {});
const path = (name: string) => join(project, name);

beforeAll(() => {
  assertFreshBuild();
  project = mkdtempSync(join(tmpdir(), 'walrus-encryption-e2e-'));
  const ports = { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0, daemon: 0, relay: 0 };
  writeFileSync(
    path('walrus.config.json'),
    JSON.stringify({ devnet: { nodes: 4, shards: 10, epochDuration: '1h', accounts: { count: 1 }, ports } }),
  );
  const up = walrus(['dev', 'up', '--detach', '--json']);
  expect(up.code, up.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  walrus(['dev', 'down']);
  rmSync(project, { recursive: true, force: true });
});

function store(file: string, extra: string[], env?: NodeJS.ProcessEnv): string {
  const result = walrus(['blob', 'store', file, '--json', ...extra], env);
  expect(result.code, result.stderr).toBe(0);
  return (result.json() as unknown as { blobs: { blobId: string }[] }).blobs[0]!.blobId;
}

/** `blob read <id> --decrypt --key-file <keyFile> -o <out>`, with --json unless `json` is false. */
function readDecrypted(id: string, keyFile: string, out: string, json = true) {
  return walrus([
    'blob',
    'read',
    id,
    '--decrypt',
    '--key-file',
    keyFile,
    '-o',
    out,
    ...(json ? ['--json'] : []),
  ]);
}

describe('blob store --encrypt / blob read --decrypt', () => {
  // Three 64 KiB chunks and a short one.
  const content = randomBytes(3 * 65536 + 1234);
  let blobId: string;

  it('`blob key` writes a new key readable by its owner only, and never replaces a file', () => {
    const made = walrus(['blob', 'key', path('walrus.key'), '--json']);
    expect(made.code, made.stderr).toBe(0);
    expect(readFileSync(path('walrus.key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(path('walrus.key')).mode & 0o777).toBe(0o600);
    const again = walrus(['blob', 'key', path('walrus.key'), '--json']);
    expect(again.code).toBe(1);
    expect(again.json().error?.message).toContain('already exists');
  });

  it('round trip with --key-file; the stored blob is the envelope, not the file', () => {
    writeFileSync(path('secret.bin'), content);
    const result = walrus([
      'blob',
      'store',
      path('secret.bin'),
      '--encrypt',
      '--key-file',
      path('walrus.key'),
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const stored = (
      result.json() as unknown as {
        blobs: { blobId: string; size: number; fileSize: number; encrypted: boolean }[];
      }
    ).blobs[0]!;
    expect(stored).toMatchObject({
      encrypted: true,
      fileSize: content.length,
      size: content.length + 52 + 4 * 16,
    });
    blobId = stored.blobId;
    const read = readDecrypted(blobId, path('walrus.key'), path('out.bin'));
    expect(read.code, read.stderr).toBe(0);
    expect(read.json()).toMatchObject({ size: content.length, decrypted: true });
    expect(readFileSync(path('out.bin')).equals(content)).toBe(true);
    const raw = walrus(['blob', 'read', blobId, '-o', path('raw.bin')]);
    expect(raw.code, raw.stderr).toBe(0);
    const envelope = readFileSync(path('raw.bin'));
    expect(envelope.subarray(0, 6).toString()).toBe('WALENC');
    expect(envelope.includes(content.subarray(0, 64))).toBe(false);
  });

  it('the key from WALRUS_ENCRYPTION_KEY, as hex and as base64', () => {
    const hex = readFileSync(path('walrus.key'), 'utf8').trim();
    const base64 = Buffer.from(hex, 'hex').toString('base64');
    const read = walrus(['blob', 'read', blobId, '--decrypt', '-o', path('env.bin')], {
      WALRUS_ENCRYPTION_KEY: base64,
    });
    expect(read.code, read.stderr).toBe(0);
    expect(readFileSync(path('env.bin')).equals(content)).toBe(true);
    writeFileSync(path('small.txt'), 'hello, encrypted walrus');
    const small = store(path('small.txt'), ['--encrypt'], { WALRUS_ENCRYPTION_KEY: hex });
    const back = readDecrypted(small, path('walrus.key'), path('small.out'), false);
    expect(back.code, back.stderr).toBe(0);
    expect(readFileSync(path('small.out'), 'utf8')).toBe('hello, encrypted walrus');
  });

  it('a wrong key: exit 1, DECRYPTION_FAILED naming the key, and -o left as it was', () => {
    writeFileSync(path('other.key'), randomBytes(32)); // a raw 32-byte key file
    writeFileSync(path('keep.bin'), 'previous contents');
    const before = readdirSync(project).sort();
    const read = readDecrypted(blobId, path('other.key'), path('keep.bin'));
    expect(read.code).toBe(1);
    expect(read.json().error).toMatchObject({ code: 'DECRYPTION_FAILED' });
    expect(read.json().error?.message).toContain('the key does not match');
    expect(read.json().error?.hint).toContain('--key-file');
    expect(readFileSync(path('keep.bin'), 'utf8')).toBe('previous contents');
    expect(readdirSync(project).sort()).toEqual(before);
  });

  it('a damaged envelope (stored as a plain blob) and a plain blob: named, nothing written', () => {
    const envelope = readFileSync(path('raw.bin'));
    envelope[52 + 65536 + 16 + 100]! ^= 1; // a bit of chunk 1's ciphertext
    writeFileSync(path('damaged.bin'), envelope);
    const damaged = store(path('damaged.bin'), []);
    const read = readDecrypted(damaged, path('walrus.key'), path('d.out'));
    expect(read.code).toBe(1);
    expect(read.json().error).toMatchObject({ code: 'DECRYPTION_FAILED' });
    expect(read.json().error?.message).toContain('chunk 1 failed its integrity check');
    const plain = store(path('small.txt'), []);
    const notEncrypted = readDecrypted(plain, path('walrus.key'), path('p.out'));
    expect(notEncrypted.code).toBe(1);
    expect(notEncrypted.json().error?.hint).toBe(
      `Read it without --decrypt: walrus blob read ${plain} -o <file>`,
    );
    expect(readdirSync(project)).not.toContain('d.out');
    expect(readdirSync(project)).not.toContain('p.out');
  });

  it('no key, or a bad one: ENCRYPTION_KEY_INVALID before anything is spent', () => {
    const none = walrus(['blob', 'store', path('small.txt'), '--encrypt', '--json']);
    expect(none.code).toBe(1);
    expect(none.json().error).toMatchObject({ code: 'ENCRYPTION_KEY_INVALID' });
    expect(none.json().error?.message).toContain('WALRUS_ENCRYPTION_KEY');
    const bad = walrus(['blob', 'store', path('small.txt'), '--encrypt', '--json'], {
      WALRUS_ENCRYPTION_KEY: 'abc',
    });
    expect(bad.json().error).toMatchObject({ code: 'ENCRYPTION_KEY_INVALID' });
    const badFile = readDecrypted(blobId, path('small.txt'), path('x'));
    expect(badFile.code).toBe(1);
    expect(badFile.json().error).toMatchObject({ code: 'ENCRYPTION_KEY_INVALID' });
    const missing = readDecrypted(blobId, path('nope.key'), path('x'));
    expect(missing.code).toBe(1);
    expect(missing.json().error?.hint).toContain('walrus blob key');
  });
});
