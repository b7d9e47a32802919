/**
 * The daemon through the built CLI: `walrus dev up` runs an aggregator + publisher (its URLs in the descriptor) and
 * the README's curl examples work against it; `walrus daemon --network devnet` serves the same routes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, RUN, runWalrus, walrusEnv } from './devnet-project.js';

let project: string;
let daemonUrl: string;
let relayUrl: string;
const walrus = (args: string[]) => runWalrus(project, args);
const curl = (args: string[]) => execFileSync('curl', ['-sS', '--fail-with-body', ...args]);

beforeAll(() => {
  assertFreshBuild();
  project = mkdtempSync(join(tmpdir(), 'walrus-daemon-e2e-'));
  const ports = { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 };
  writeFileSync(
    join(project, 'walrus.config.json'),
    JSON.stringify({ devnet: { nodes: 4, shards: 100, epochDuration: '1h', accounts: { count: 1 }, ports } }),
  );
  const up = walrus(['dev', 'up', '--detach', '--json']);
  expect(up.code, up.stderr).toBe(0);
  const descriptor = up.json() as {
    aggregatorUrl: string;
    publisherUrl: string;
    publisherAddress: string;
    uploadRelayUrl: string;
  };
  expect(descriptor.publisherUrl).toBe(descriptor.aggregatorUrl);
  expect(descriptor.publisherAddress).toMatch(/^0x[0-9a-f]{64}$/);
  daemonUrl = descriptor.aggregatorUrl;
  relayUrl = descriptor.uploadRelayUrl;
}, 120_000);

afterAll(() => {
  walrus(['dev', 'down']);
  rmSync(project, { recursive: true, force: true });
});

describe('the README curl examples against dev up', () => {
  const file = () => join(project, 'hello.bin');
  let blobId: string;
  let objectId: string;
  const content = randomBytes(20_000);

  it('PUT a file, GET it back by blob id, a byte range', () => {
    writeFileSync(file(), content);
    const put = JSON.parse(
      curl(['-X', 'PUT', '--data-binary', `@${file()}`, `${daemonUrl}/v1/blobs?epochs=2`]).toString(),
    ) as { newlyCreated: { blobObject: { blobId: string; id: string } } };
    blobId = put.newlyCreated.blobObject.blobId;
    objectId = put.newlyCreated.blobObject.id;
    expect(curl([`${daemonUrl}/v1/blobs/${blobId}`])).toEqual(content);
    expect(curl(['-H', 'Range: bytes=100-199', `${daemonUrl}/v1/blobs/${blobId}`])).toEqual(
      content.subarray(100, 200),
    );
  });

  it('GET by object id, with the content type set by `blob attr set`', () => {
    expect(curl([`${daemonUrl}/v1/blobs/by-object-id/${objectId}`])).toEqual(content);
    // The publisher's account owns the Blob: send it to the CLI's account first.
    const me = (walrus(['account', 'list', '--json']).json() as { accounts: { address: string }[] })
      .accounts[0]!.address;
    const moved = JSON.parse(
      curl([
        '-X',
        'PUT',
        '--data-binary',
        `@${file()}`,
        `${daemonUrl}/v1/blobs?force=true&send_object_to=${me}`,
      ]).toString(),
    ) as { newlyCreated: { blobObject: { id: string } } };
    const mine = moved.newlyCreated.blobObject.id;
    const set = walrus(['blob', 'attr', 'set', mine, 'content-type=image/png', 'x-note=hi', '--json']);
    expect(set.code, set.stderr).toBe(0);
    const headers = curl([
      '-D',
      '-',
      '-o',
      '/dev/null',
      `${daemonUrl}/v1/blobs/by-object-id/${mine}`,
    ]).toString();
    expect(headers.toLowerCase()).toContain('content-type: image/png');
    expect(walrus(['blob', 'attr', 'get', mine, 'x-note']).stdout.trim()).toBe('hi');
    expect(walrus(['blob', 'attr', 'rm', mine, 'x-note', '--json']).code).toBe(0);
    expect(walrus(['blob', 'attr', 'get', mine, '--json']).json().attributes).toEqual({
      'content-type': 'image/png',
    });
    expect(walrus(['blob', 'attr', 'rm', mine, 'nope']).code).toBe(1);
  }, 60_000);

  it('blob store-quilt and blob read-quilt by identifier and by tag', () => {
    writeFileSync(join(project, 'q1.txt'), 'one');
    writeFileSync(join(project, 'q2.txt'), 'two');
    const stored = walrus([
      'blob',
      'store-quilt',
      join(project, 'q1.txt'),
      join(project, 'q2.txt'),
      '--tag',
      'k=v',
      '--json',
    ]);
    expect(stored.code, stored.stderr).toBe(0);
    const quiltId = stored.json().quiltId as string;
    const out = mkdtempSync(join(tmpdir(), 'walrus-quilt-out-'));
    const one = walrus(['blob', 'read-quilt', quiltId, '--identifier', 'q2.txt', '-o', out, '--json']);
    expect(one.code, one.stderr).toBe(0);
    expect(readFileSync(join(out, 'q2.txt'), 'utf8')).toBe('two');
    const byTag = walrus(['blob', 'read-quilt', quiltId, '--tag', 'k=v', '-o', out, '--json']);
    expect((byTag.json().files as unknown[]).length).toBe(2);
    const missing = walrus(['blob', 'read-quilt', quiltId, '--identifier', 'nope', '-o', out, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json().error?.hint).toContain('q1.txt');
    expect(curl([`${daemonUrl}/v1/blobs/by-quilt-id/${quiltId}/q1.txt`]).toString()).toBe('one');
  }, 60_000);

  it('a quilt round trip', () => {
    writeFileSync(join(project, 'a.txt'), 'first file');
    writeFileSync(join(project, 'b.txt'), 'second file');
    const quilt = JSON.parse(
      curl([
        '-X',
        'PUT',
        '-F',
        `a.txt=@${join(project, 'a.txt')}`,
        '-F',
        `b.txt=@${join(project, 'b.txt')}`,
        `${daemonUrl}/v1/quilts?epochs=1`,
      ]).toString(),
    ) as {
      blobStoreResult: { newlyCreated: { blobObject: { blobId: string } } };
      storedQuiltBlobs: { identifier: string; quiltPatchId: string }[];
    };
    const quiltId = quilt.blobStoreResult.newlyCreated.blobObject.blobId;
    expect(curl([`${daemonUrl}/v1/blobs/by-quilt-id/${quiltId}/b.txt`]).toString()).toBe('second file');
    const patch = quilt.storedQuiltBlobs.find((p) => p.identifier === 'a.txt')!;
    expect(curl([`${daemonUrl}/v1/blobs/by-quilt-patch-id/${patch.quiltPatchId}`]).toString()).toBe(
      'first file',
    );
  });
});

/** The README's curl block under "HTTP: aggregator, publisher, upload relay", one command per line, comments dropped. */
function readmeCurlBlock(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### HTTP: aggregator, publisher, upload relay'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .map((line) => line.replace(/\s+# .*$/, '').trim())
    .filter(Boolean);
}

describe("the README's curl block, run as written", () => {
  it('every line runs against dev up with its placeholders filled in, and does what its comment says', () => {
    const lines = readmeCurlBlock();
    expect(lines.length).toBeGreaterThanOrEqual(8);
    const photo = randomBytes(3000);
    writeFileSync(join(project, 'photo.png'), photo);
    writeFileSync(join(project, 'a.txt'), 'file a');
    writeFileSync(join(project, 'b.txt'), 'file b');
    const me = (walrus(['account', 'list', '--json']).json() as { accounts: { address: string }[] })
      .accounts[0]!.address;
    const values: Record<string, string> = {};
    const outputs: string[] = [];
    for (const line of lines) {
      const command = line
        .replaceAll('http://127.0.0.1:31415', daemonUrl)
        .replace(/^npx walrus /, `${JSON.stringify(process.execPath)} ${JSON.stringify(RUN)} `)
        .replace(/<([a-z-]+)>/g, (_, name: string) => {
          expect(values[name], `${name} for: ${line}`).toBeDefined();
          return values[name]!;
        });
      const out = execFileSync('sh', ['-c', command], { cwd: project, env: walrusEnv() });
      outputs.push(out.toString('latin1'));
      if (line.includes('PUT --data-binary')) {
        const put = JSON.parse(out.toString()) as { newlyCreated: { blobObject: { blobId: string } } };
        values['blob-id'] = put.newlyCreated.blobObject.blobId;
        // `blob attr set` needs a Blob the CLI's account owns (the README's note: send_object_to=<you>).
        const mine = JSON.parse(
          curl([
            '-X',
            'PUT',
            '--data-binary',
            '@photo.png',
            `${daemonUrl}/v1/blobs?force=true&send_object_to=${me}`,
          ]).toString(),
        ) as { newlyCreated: { blobObject: { id: string } } };
        values['object-id'] = mine.newlyCreated.blobObject.id;
      }
      if (line.includes('/v1/quilts'))
        values['quilt-id'] = (
          JSON.parse(out.toString()) as {
            blobStoreResult: { newlyCreated: { blobObject: { blobId: string } } };
          }
        ).blobStoreResult.newlyCreated.blobObject.blobId;
    }
    expect(readFileSync(join(project, 'copy.png')).equals(photo)).toBe(true);
    const at = (needle: string) => outputs[lines.findIndex((l) => l.includes(needle))]!;
    expect(Buffer.from(at('Range: bytes=0-99'), 'latin1').equals(photo.subarray(0, 100))).toBe(true);
    expect(Buffer.from(at('byte-range?start=0&length=100'), 'latin1').equals(photo.subarray(0, 100))).toBe(
      true,
    );
    expect(at('by-object-id').toLowerCase()).toContain('content-type: image/png');
    expect(at('by-quilt-id')).toBe('file b');
  }, 120_000);
});

describe('the upload relay dev up runs', () => {
  it('asks no tip', () => {
    expect(JSON.parse(curl([`${relayUrl}/v1/tip-config`]).toString())).toBe('no_tip');
  });
});

describe('walrus daemon --network devnet', () => {
  it('refuses a malformed --tip, and --tip without --relay', () => {
    const bad = walrus(['daemon', '--relay', '--tip', 'lots', '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json().error?.message).toContain('--tip must be none, const:MIST or linear:BASE,PER_KIB');
    expect(walrus(['daemon', '--tip', 'const:5']).code).toBe(1);
  });

  it('serves the aggregator on a port it prints, and stops on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [RUN, 'daemon', '--network', 'devnet', '--aggregator', '--port', '0', '--json'],
      {
        cwd: project,
        env: walrusEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const info = await new Promise<{ url: string; aggregator: boolean; publisher: boolean }>(
      (resolve, reject) => {
        child.stdout.on('data', (d) => {
          stdout += d;
          try {
            resolve(JSON.parse(stdout));
          } catch {
            // not the whole document yet
          }
        });
        child.once('exit', (code) => reject(new Error(`daemon exited ${code}: ${stderr}`)));
      },
    );
    expect(info, stderr).toMatchObject({ aggregator: true, publisher: false });
    const status = await fetch(`${info.url}/status`);
    expect(status.status).toBe(200);
    expect((await fetch(`${info.url}/v1/blobs`, { method: 'PUT', body: 'x' })).status).toBe(404);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 60_000);
});
