/**
 * `walrus blob read -o PATH` through the built binary against a detached devnet: what it does with each kind of
 * thing at PATH (README, "Limits"). A regular file is replaced atomically, a symlink is followed to its file, FIFOs
 * and character devices are written in place, a directory or a missing parent is a user error, and no temporary
 * file is ever left behind.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBlobEncoder } from '../../devnet/index.js';
import { blobIdToString } from '../../src/protocol/encoding.js';
import { detachedProject, QUIET_DEVNET, RUN, removeDevnetProject, runWalrus } from './devnet-project.js';

let project: string;
let out: string;
let blobId: string;
const content = randomBytes(150_000);
const walrus = (args: string[]) => runWalrus(project, args);

beforeAll(() => {
  ({ project } = detachedProject('walrus-output-e2e-', { ...QUIET_DEVNET, nodes: 4, shards: 8 }));
  out = join(project, 'out');
  mkdirSync(out);
  writeFileSync(join(project, 'asset.bin'), content);
  const stored = walrus(['blob', 'store', join(project, 'asset.bin'), '--json']);
  expect(stored.code, stored.stderr).toBe(0);
  blobId = (stored.json().blobs as Array<{ blobId: string }>)[0]!.blobId;
}, 120_000);

afterAll(() => removeDevnetProject(project));

/** Contents whose blob id at `nShards` starts with `-` (one id in 64 does), found by trying counter contents. */
async function contentWithDashedId(nShards: number): Promise<{ bytes: Buffer; blobId: string }> {
  const encodeBlob = await loadBlobEncoder();
  for (let i = 0; ; i++) {
    const bytes = Buffer.from(`a blob whose id starts with a dash, try ${i}`);
    const blobId = blobIdToString(encodeBlob(nShards, bytes).blobId);
    if (blobId.startsWith('-')) return { bytes, blobId };
  }
}

describe('blob ids starting with "-"', () => {
  it('are read, stat-ed and named as arguments, before or after the flags', async () => {
    const { bytes, blobId: dashed } = await contentWithDashedId(8);
    writeFileSync(join(project, 'dashed.bin'), bytes);
    const stored = walrus(['blob', 'store', join(project, 'dashed.bin'), '--json']);
    expect(stored.code, stored.stderr).toBe(0);
    expect((stored.json().blobs as Array<{ blobId: string }>)[0]!.blobId).toBe(dashed);
    const first = walrus(['blob', 'read', dashed, '-o', join(out, 'dashed-1.bin')]);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(out, 'dashed-1.bin'))).toEqual(bytes);
    const last = walrus(['blob', 'read', '-o', join(out, 'dashed-2.bin'), dashed]);
    expect(last.code, last.stderr).toBe(0);
    expect(readFileSync(join(out, 'dashed-2.bin'))).toEqual(bytes);
    const status = walrus(['blob', 'status', dashed, '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.json().blobId).toBe(dashed);
    rmSync(join(out, 'dashed-1.bin'));
    rmSync(join(out, 'dashed-2.bin'));
  });
});

describe('blob read -o', () => {
  it('replaces a regular file, keeping nothing else in its directory', () => {
    writeFileSync(join(out, 'copy.bin'), 'old');
    const read = walrus(['blob', 'read', blobId, '-o', join(out, 'copy.bin')]);
    expect(read.code, read.stderr).toBe(0);
    expect(readFileSync(join(out, 'copy.bin'))).toEqual(content);
    expect(readdirSync(out)).toEqual(['copy.bin']);
    rmSync(join(out, 'copy.bin'));
  });

  it('writes through a symlink to its regular file and keeps the link', () => {
    writeFileSync(join(out, 'target.bin'), 'old');
    symlinkSync('target.bin', join(out, 'link.bin'));
    const read = walrus(['blob', 'read', blobId, '-o', join(out, 'link.bin')]);
    expect(read.code, read.stderr).toBe(0);
    expect(lstatSync(join(out, 'link.bin')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(out, 'target.bin'))).toEqual(content);
    expect(readdirSync(out).sort()).toEqual(['link.bin', 'target.bin']);
    rmSync(join(out, 'link.bin'));
    rmSync(join(out, 'target.bin'));
  });

  it('streams into a FIFO: its reader gets every byte and the FIFO stays a FIFO', () => {
    const fifo = join(out, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The reader copies to a file (a detached `sh`), so this test process can wait for walrus synchronously.
    const received = join(project, 'received.bin');
    const reader = spawnSync('sh', ['-c', `cat "${fifo}" > "${received}" 2>/dev/null </dev/null & echo $!`], {
      encoding: 'utf8',
    });
    const readerPid = Number(reader.stdout.trim());
    const read = walrus(['blob', 'read', blobId, '-o', fifo]);
    const stillFifo = lstatSync(fifo).isFIFO();
    if (!stillFifo) process.kill(readerPid); // it would wait for a writer forever
    expect(read.code, read.stderr).toBe(0);
    expect(stillFifo).toBe(true);
    waitForExit(readerPid);
    expect(readFileSync(received)).toEqual(content);
    expect(readdirSync(out)).toEqual(['pipe']);
    rmSync(fifo);
  });

  it('writes to a character device in place', () => {
    // As root, a private copy of /dev/null (same device numbers): a regression must never replace the real one.
    const device = process.getuid?.() === 0 ? join(out, 'null') : '/dev/null';
    if (device !== '/dev/null') expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    const read = walrus(['blob', 'read', blobId, '-o', device]);
    expect(read.code, read.stderr).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(out)).toEqual(device === '/dev/null' ? [] : ['null']);
    rmSync(join(out, 'null'), { force: true });
  });

  it('writes to /dev/stdout when it is a pipe', () => {
    const read = spawnSync(process.execPath, [RUN, 'blob', 'read', blobId, '-o', '/dev/stdout'], {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1', WALRUS_HOME: '' },
    });
    expect(read.status, read.stderr.toString()).toBe(0);
    expect(read.stdout).toEqual(content);
  });

  it('refuses a directory with exit 1, naming it, and leaves nothing behind', () => {
    const target = join(out, 'dir');
    mkdirSync(target);
    const read = walrus(['blob', 'read', blobId, '-o', target, '--json']);
    expect(read.code).toBe(1);
    expect(read.json().error).toMatchObject({
      code: 'WRITE_FAILED',
      message: `${target} is a directory; refusing to write there.`,
    });
    expect(readdirSync(out)).toEqual(['dir']);
    expect(readdirSync(target)).toEqual([]);
    rmSync(target, { recursive: true });
  });

  it('names a missing parent directory with exit 1', () => {
    const missing = join(out, 'missing');
    const read = walrus(['blob', 'read', blobId, '-o', join(missing, 'copy.bin'), '--json']);
    expect(read.code).toBe(1);
    expect(read.json().error).toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: `Cannot write ${join(missing, 'copy.bin')}: the directory ${missing} does not exist.`,
      hint: `Create it first (mkdir -p ${missing}), or give another path.`,
    });
    expect(readdirSync(out)).toEqual([]);
  });
});

/** Waits until a process (not our child) has exited, by polling with signal 0 through `sh` (no fixed sleep). */
function waitForExit(pid: number): void {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    spawnSync('sh', ['-c', `while kill -0 ${pid} 2>/dev/null; do sleep 0.05; done`]);
  }
}
