// The quilt reader (src/blob/quilt-layout.ts) against the SDK's own encoder, at the shard counts where the SDK's
// patch reader returns zeros, and through a devnet at 4, 8 and 10 shards (the regression of "quilt patch reads
// return zeros at 8 shards").
import { encodeQuilt } from '@mysten/walrus';
import { describe, expect, it } from 'vitest';
import { encodePatchId, NotAQuiltError, parsePatchId, QuiltBytes } from '../../src/blob/quilt-layout.js';
import { readQuilt } from '../../src/blob/quilts.js';
import { startDaemon } from '../../src/daemon/daemon-server.js';
import { devnetSession } from '../daemon/daemon-fixture.js';
import { randomBlob, startTestDevnet, walrusClientFor } from '../devnet/helpers.js';

const QUILT_ID = 'b6bbbJ3wVpWMe4N3kYMXKqvC3uJ_1aKUuNj2L2yR5v8';

describe('QuiltBytes reads what encodeQuilt writes', () => {
  const layouts: Array<[number, number[]]> = [
    [4, [11, 13]],
    [8, [11, 13]],
    [10, [11, 13]],
    [8, [0, 1, 5000, 7000]],
    [10, [3, 300, 30]],
    [100, [1, 2, 3, 60_000]],
  ];
  for (const [nShards, sizes] of layouts) {
    it(`${nShards} shards, files of ${sizes.join(', ')} bytes`, () => {
      const blobs = sizes.map((s, i) => ({
        identifier: `file-${i}.bin`,
        contents: randomBlob(s),
        ...(i % 2 ? { tags: { kind: `k${i}` } } : {}),
      }));
      const { quilt, index } = encodeQuilt({ blobs, numShards: nShards });
      const read = new QuiltBytes(QUILT_ID, quilt, nShards);
      const patches = read.patches();
      expect(patches.map((p) => [p.identifier, p.startIndex, p.endIndex])).toEqual(
        index.patches.map((p) => [p.identifier, p.startIndex, p.endIndex]),
      );
      for (const blob of blobs) {
        const patch = patches.find((p) => p.identifier === blob.identifier)!;
        const got = read.patchAt(patch.startIndex);
        expect(got.identifier).toBe(blob.identifier);
        expect(got.tags).toEqual(blob.tags ?? {});
        expect(Buffer.from(got.bytes).toString('hex')).toBe(Buffer.from(blob.contents).toString('hex'));
        expect(parsePatchId(patch.patchId)).toEqual({
          quiltId: QUILT_ID,
          startIndex: patch.startIndex,
          endIndex: patch.endIndex,
        });
      }
    });
  }

  it('patch ids round-trip; other strings are not patch ids', () => {
    const id = encodePatchId(QUILT_ID, 3, 7);
    expect(id).toHaveLength(50);
    expect(parsePatchId(id)).toEqual({ quiltId: QUILT_ID, startIndex: 3, endIndex: 7 });
    expect(parsePatchId(QUILT_ID)).toBeUndefined();
    expect(parsePatchId('x'.repeat(50))).toBeUndefined();
  });

  it('bytes that are not a quilt are refused, never read as one', () => {
    expect(() => new QuiltBytes(QUILT_ID, randomBlob(7), 8)).toThrow(NotAQuiltError);
    const notQuilt = new QuiltBytes(QUILT_ID, new Uint8Array(4 * 6 * 2).fill(7), 8);
    expect(() => notQuilt.patches()).toThrow(NotAQuiltError);
  });
});

describe('quilt patches read back from a devnet at small shard counts', () => {
  for (const shards of [4, 8, 10]) {
    // Two small files: at 8 and 10 shards each spans two 16-byte columns, its contents starting inside the first.
    it(`${shards} shards: every patch reads back whole (not its first bytes then zeros)`, async () => {
      const devnet = await startTestDevnet({ shards });
      try {
        const files = [11, 13].map((s, i) => ({ identifier: `f${i}`, contents: randomBlob(s) }));
        const written = await walrusClientFor(devnet).writeQuilt({
          blobs: files,
          epochs: 1,
          deletable: true,
          signer: devnet.signers[0]!,
        });
        const session = devnetSession(devnet, devnet.signers[0]!);
        const expected = files.map((f) => [f.identifier, Buffer.from(f.contents).toString('hex')]);
        const read = await readQuilt(session, written.blobId, {});
        expect(read.map((r) => [r.identifier, Buffer.from(r.bytes).toString('hex')])).toEqual(expected);
        // The aggregator by patch id: the route that went through the SDK's sliver-by-sliver patch reader.
        const daemon = await startDaemon({ session, port: 0, maxBodyBytes: 1024 * 1024 });
        try {
          const served = await Promise.all(
            written.index.patches.map(async (p) => {
              const res = await fetch(`${daemon.url}/v1/blobs/by-quilt-patch-id/${p.patchId}`);
              return [
                res.headers.get('x-quilt-patch-identifier'),
                Buffer.from(await res.arrayBuffer()).toString('hex'),
              ];
            }),
          );
          expect(served).toEqual(expected);
        } finally {
          await daemon.close();
        }
      } finally {
        await devnet.stop();
      }
    }, 120_000);
  }
});
