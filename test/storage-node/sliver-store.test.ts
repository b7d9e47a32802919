import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSliverStore } from '../../devnet/storage-node/file-sliver-store.js';
import { tempDir } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

/** A store opened on a fresh directory (removed after the file's tests). */
async function openedStore(prefix: string): Promise<{ dir: string; store: FileSliverStore }> {
  const { dir, remove } = tempDir(prefix);
  cleanups.push(remove);
  const store = new FileSliverStore(dir);
  await store.open();
  return { dir, store };
}

const blobA = 'Y5pf0f9YyuZ8fGTJS1-2lqlkmsUDr5Aq0ETjV0dwSBQ';
const blobB = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('the file sliver store', () => {
  it('stores, lists, replaces, deletes and persists across reopening', async () => {
    const { dir, store } = await openedStore('sliver-store-');
    expect(await store.listBlobs()).toEqual([]);
    await store.putMetadata(blobA, new Uint8Array([1, 2, 3]));
    await store.putSliver(blobA, { pairIndex: 3, type: 'primary' }, new Uint8Array(1000).fill(7));
    await store.putSliver(blobA, { pairIndex: 3, type: 'secondary' }, new Uint8Array([9]));
    await store.putSliver(blobB, { pairIndex: 0, type: 'secondary' }, new Uint8Array([5]));
    await store.putSliver(blobA, { pairIndex: 3, type: 'secondary' }, new Uint8Array([8, 8]));
    expect((await store.listBlobs()).sort()).toEqual([blobB, blobA].sort());
    expect(await store.hasMetadata(blobA)).toBe(true);
    expect(await store.hasMetadata(blobB)).toBe(false);
    expect(await store.hasSliver(blobA, { pairIndex: 3, type: 'primary' })).toBe(true);
    expect(await store.hasSliver(blobA, { pairIndex: 4, type: 'primary' })).toBe(false);
    expect(Array.from((await store.getSliver(blobA, { pairIndex: 3, type: 'secondary' }))!)).toEqual([8, 8]);
    expect(await store.getSliver(blobB, { pairIndex: 3, type: 'secondary' })).toBeUndefined();
    expect((await store.listSlivers(blobA)).sort((a, b) => a.type.localeCompare(b.type))).toEqual([
      { pairIndex: 3, type: 'primary' },
      { pairIndex: 3, type: 'secondary' },
    ]);
    expect(await store.diskUsage()).toBeGreaterThan(0);
    await store.close();

    const reopened = new FileSliverStore(dir);
    await reopened.open();
    expect(Array.from((await reopened.getMetadata(blobA))!)).toEqual([1, 2, 3]);
    expect((await reopened.getSliver(blobA, { pairIndex: 3, type: 'primary' }))!.length).toBe(1000);
    await reopened.deleteSlivers(blobA, [{ pairIndex: 3, type: 'primary' }]);
    expect(await reopened.hasSliver(blobA, { pairIndex: 3, type: 'primary' })).toBe(false);
    await reopened.deleteBlob(blobA);
    expect(await reopened.listBlobs()).toEqual([blobB]);
    await reopened.clear();
    expect(await reopened.listBlobs()).toEqual([]);
    await reopened.close();
  });

  it('writes small slivers (synchronously) and large ones (asynchronously) alike, leaving no temporary file', async () => {
    const { dir, remove } = tempDir('sliver-store-sizes-');
    cleanups.push(remove);
    for (const fsync of [false, true]) {
      const store = new FileSliverStore(join(dir, String(fsync)), { fsync });
      await store.open();
      const small = new Uint8Array(300).fill(1);
      const large = new Uint8Array(200_000).fill(2);
      // Concurrent first writes of one blob, each of which may create its directory.
      await Promise.all([
        store.putSliver(blobA, { pairIndex: 0, type: 'primary' }, small),
        store.putSliver(blobA, { pairIndex: 1, type: 'primary' }, large),
        store.putMetadata(blobA, small),
      ]);
      await store.putSliver(blobA, { pairIndex: 0, type: 'primary' }, large);
      await store.putSliver(blobA, { pairIndex: 1, type: 'primary' }, small);
      await store.close();
      const reopened = new FileSliverStore(join(dir, String(fsync)), { fsync });
      await reopened.open();
      expect((await reopened.getSliver(blobA, { pairIndex: 0, type: 'primary' }))!).toEqual(large);
      expect((await reopened.getSliver(blobA, { pairIndex: 1, type: 'primary' }))!).toEqual(small);
      expect((await reopened.getMetadata(blobA))!).toEqual(small);
      const files = readdirSync(join(dir, String(fsync)), { recursive: true }).map(String);
      expect(files.filter((f) => f.includes('.tmp-'))).toEqual([]);
      expect(files.filter((f) => /(^|\/)(metadata|p0|p1)$/.test(f))).toHaveLength(3);
      await reopened.close();
    }
  });

  it('forgets a deleted blob even when it is looked up while being deleted', async () => {
    const { store } = await openedStore('sliver-store-');
    await store.putMetadata(blobA, new Uint8Array([1]));
    for (let pair = 0; pair < 20; pair++) {
      await store.putSliver(blobA, { pairIndex: pair, type: 'primary' }, new Uint8Array([pair]));
    }
    const deleting = store.deleteBlob(blobA);
    // A status query arriving while the files are being removed (as a node's HTTP API does).
    const during = store.hasMetadata(blobA);
    await Promise.all([deleting, during]);
    expect(await store.hasMetadata(blobA)).toBe(false);
    expect(await store.listSlivers(blobA)).toEqual([]);
    await store.close();
  });
});

describe('files sliver store: deleting', () => {
  it('moves a deleted blob out of the store at once, removes it in the background, and leftovers on open', async () => {
    const { dir, store } = await openedStore('sliver-store-delete-');
    await store.putMetadata(blobA, new Uint8Array([1]));
    await store.putSliver(blobA, { pairIndex: 0, type: 'primary' }, new Uint8Array([2]));
    await store.deleteBlob(blobA);
    expect(await store.listBlobs()).toEqual([]);
    expect(await store.hasMetadata(blobA)).toBe(false);
    expect(await store.getSliver(blobA, { pairIndex: 0, type: 'primary' })).toBeUndefined();
    await store.deleteBlob(blobB); // never stored: nothing to do
    await store.close(); // waits for the background removal
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);

    // A removal cut short (a crash) leaves a renamed directory: the next open removes it.
    mkdirSync(join(dir, 'blobs', '.deleted-0123', 'inner'), { recursive: true });
    const reopened = new FileSliverStore(dir);
    await reopened.open();
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
    await reopened.close();
  });
});
