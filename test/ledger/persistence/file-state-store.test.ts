import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StateStoreError } from '../../../devnet/ledger/persistence/errors.js';
import {
  encodeFrame,
  encodeJournalHeader,
  encodeSnapshotHeader,
  JOURNAL_HEADER_BYTES,
  journalFileName,
  SNAPSHOT_TMP_FILE,
} from '../../../devnet/ledger/persistence/format.js';
import { bytes, listState, loadedStore, openStore, reload, stateFile, tempDir, text } from './helpers.js';

const J0 = journalFileName(0);
const J1 = journalFileName(1);
const J2 = journalFileName(2);

async function writeRecords(dir: string, records: string[]): Promise<void> {
  const store = openStore(dir);
  await store.load();
  for (const r of records) store.append(bytes(r));
  await store.close();
}

/** A state directory whose first journal holds `records`, then is damaged in place by `damage`. */
async function damagedJournal(records: string[], damage: (content: Buffer) => void) {
  const dir = tempDir();
  await writeRecords(dir, records);
  const journal = stateFile(dir, J0);
  const content = fs.readFileSync(journal);
  damage(content);
  fs.writeFileSync(journal, content);
  return { dir, journal, content };
}

describe('FileStateStore: round trips', () => {
  it('starts empty and creates the directory', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect(await store.load()).toEqual({ records: [] });
    expect(listState(dir)).toEqual(['LOCK', J0]);
    await store.close();
    expect(listState(dir)).toEqual([J0]);
  });

  it('returns appended records after a restart, byte for byte', async () => {
    const dir = tempDir();
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) & 0xff);
    const records = [bytes('first'), new Uint8Array(0), big, bytes('last')];
    const store = openStore(dir);
    await store.load();
    for (const r of records) store.append(r);
    expect(store.journalRecords).toBe(4);
    await store.close();

    const state = await reload(dir);
    expect(state.snapshot).toBeUndefined();
    expect(state.discarded).toBeUndefined();
    expect(state.records).toHaveLength(4);
    state.records.forEach((r, i) => {
      expect(Buffer.from(r).equals(records[i]!)).toBe(true);
    });
  });

  it('keeps appending to the same journal across restarts', async () => {
    const dir = tempDir();
    await writeRecords(dir, ['a', 'b']);
    await writeRecords(dir, ['c']);
    expect((await reload(dir)).texts).toEqual(['a', 'b', 'c']);
    expect(listState(dir)).toEqual([J0]);
  });

  it('works the same without fsync', async () => {
    const dir = tempDir();
    const store = openStore(dir, { fsync: false });
    await store.load();
    store.append(bytes('a'));
    await store.compact(bytes('S'));
    store.append(bytes('b'));
    await store.close();
    const state = await reload(dir, { fsync: false });
    expect(text(state.snapshot!)).toBe('S');
    expect(state.texts).toEqual(['b']);
  });

  it('can be reopened with load() after close()', async () => {
    const { store } = await loadedStore();
    store.append(bytes('a'));
    await store.close();
    expect((await store.load()).records.map(text)).toEqual(['a']);
    expect(store.journalRecords).toBe(1);
  });

  it('refuses writes before load() and after close()', async () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect(() => store.append(bytes('a'))).toThrow(expect.objectContaining({ code: 'NOT_OPEN' }));
    await expect(store.compact(bytes('s'))).rejects.toMatchObject({ code: 'NOT_OPEN' });
    await store.load();
    await expect(store.load()).rejects.toBeInstanceOf(StateStoreError);
    await store.close();
    await store.close(); // idempotent
    expect(() => store.append(bytes('a'))).toThrow(StateStoreError);
  });
});

describe('FileStateStore: torn and damaged journal tails', () => {
  it('recovers every complete record whatever the cut point, and appends cleanly after', async () => {
    const dir = tempDir();
    const records = ['alpha', 'b', '', 'delta-delta-delta'];
    await writeRecords(dir, records);
    const journal = stateFile(dir, J0);
    const full = fs.readFileSync(journal);
    // Frame ends: header + sum of (8 + length).
    const ends: number[] = [];
    let end = JOURNAL_HEADER_BYTES;
    for (const r of records) {
      end += 8 + bytes(r).length;
      ends.push(end);
    }

    for (let cut = JOURNAL_HEADER_BYTES; cut <= full.length; cut++) {
      fs.writeFileSync(journal, full.subarray(0, cut));
      const complete = ends.filter((e) => e <= cut).length;
      const state = await reload(dir);
      expect(state.texts, `cut at ${cut}`).toEqual(records.slice(0, complete));
      const validEnd = complete === 0 ? JOURNAL_HEADER_BYTES : ends[complete - 1]!;
      expect(fs.statSync(journal).size, `cut at ${cut}`).toBe(validEnd);
      expect(state.discarded?.bytes ?? 0).toBe(cut - validEnd);
    }

    // After the last (partial) repair, new appends land right after the intact records.
    fs.writeFileSync(journal, full.subarray(0, ends[1]! + 5));
    await writeRecords(dir, ['after']);
    expect((await reload(dir)).texts).toEqual(['alpha', 'b', 'after']);
  });

  it.each([
    ['random garbage', Buffer.from([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])],
    ['zero fill', Buffer.alloc(4096)],
    ['a frame header claiming a huge record', Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 1, 2])],
    ['a short frame header', Buffer.from([3, 0, 0])],
  ])('discards %s after the last record', async (_name, garbage) => {
    const dir = tempDir();
    await writeRecords(dir, ['a', 'b', 'c']);
    const journal = stateFile(dir, J0);
    const size = fs.statSync(journal).size;
    fs.appendFileSync(journal, garbage);

    const state = await reload(dir);
    expect(state.texts).toEqual(['a', 'b', 'c']);
    expect(state.discarded).toMatchObject({ offset: size, bytes: garbage.length });
    expect(fs.statSync(journal).size).toBe(size);

    await writeRecords(dir, ['d']);
    const again = await reload(dir);
    expect(again.texts).toEqual(['a', 'b', 'c', 'd']);
    expect(again.discarded).toBeUndefined();
  });

  it('discards a last record whose bytes were damaged', async () => {
    const { dir } = await damagedJournal(['a', 'b', 'ccccc'], (content) => {
      content[content.length - 2] = content[content.length - 2]! ^ 0x10;
    });
    const state = await reload(dir);
    expect(state.texts).toEqual(['a', 'b']);
    expect(state.discarded?.reason).toMatch(/checksum/);
  });

  it('keeps an empty record that ends the journal', async () => {
    const dir = tempDir();
    await writeRecords(dir, ['a', '']);
    const state = await reload(dir);
    expect(state.texts).toEqual(['a', '']);
    expect(state.discarded).toBeUndefined();
  });

  it('refuses to cut off intact records that follow a damaged one', async () => {
    const { dir, journal, content } = await damagedJournal(['aaaa', 'bbbb', 'cccc'], (bytes) => {
      bytes[JOURNAL_HEADER_BYTES + 8 + 2] = bytes[JOURNAL_HEADER_BYTES + 8 + 2]! ^ 0x01; // inside record 'aaaa'
    });
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT', message: /refusing to drop/ });
    expect(fs.readFileSync(journal).equals(content)).toBe(true); // left untouched for inspection
  });
});

describe('FileStateStore: compaction', () => {
  it('replaces the snapshot, drops covered records and keeps later ones', async () => {
    const { dir, store } = await loadedStore();
    store.append(bytes('a'));
    store.append(bytes('b'));
    await store.compact(bytes('S1'));
    expect(store.journalRecords).toBe(0);
    expect(listState(dir)).toEqual(['LOCK', J1, 'snapshot']);
    store.append(bytes('c'));
    await store.close();

    let state = await reload(dir);
    expect(text(state.snapshot!)).toBe('S1');
    expect(state.texts).toEqual(['c']);

    const again = openStore(dir);
    await again.load();
    again.append(bytes('d'));
    await again.compact(bytes('S2'));
    again.append(bytes('e'));
    again.append(bytes('f'));
    await again.close();
    state = await reload(dir);
    expect(text(state.snapshot!)).toBe('S2');
    expect(state.texts).toEqual(['e', 'f']);
    expect(listState(dir)).toEqual([J2, 'snapshot']);
  });

  it('compacts an empty journal, and an empty snapshot', async () => {
    const { dir, store } = await loadedStore();
    await store.compact(new Uint8Array(0));
    await store.close();
    const state = await reload(dir);
    expect(state.snapshot).toEqual(new Uint8Array(0));
    expect(state.records).toEqual([]);
  });

  it('keeps records appended while a compaction is in flight, and overlapping compactions commit in order', async () => {
    const { dir, store } = await loadedStore();
    store.append(bytes('a'));
    const first = store.compact(bytes('S[a]'));
    store.append(bytes('b'));
    const second = store.compact(bytes('S[a,b]'));
    store.append(bytes('c'));
    await Promise.all([first, second]);
    store.append(bytes('d'));
    await store.close();
    const state = await reload(dir);
    expect(text(state.snapshot!)).toBe('S[a,b]');
    expect(state.texts).toEqual(['c', 'd']);
    expect(listState(dir)).toEqual([J2, 'snapshot']);
  });

  it('close() waits for a compaction in flight; load() right after sees it', async () => {
    const { store } = await loadedStore();
    store.append(bytes('a'));
    const compaction = store.compact(bytes('S[a]'));
    store.append(bytes('b'));
    const closes = [store.close(), store.close()];
    const state = await store.load();
    expect(text(state.snapshot!)).toBe('S[a]');
    expect(state.records.map(text)).toEqual(['b']);
    await Promise.all([compaction, ...closes]);
  });

  it('does not take the snapshot buffer by reference', async () => {
    const { dir, store } = await loadedStore();
    const snapshot = bytes('SNAP');
    const done = store.compact(snapshot);
    snapshot.fill(0);
    await done;
    await store.close();
    expect(text((await reload(dir)).snapshot!)).toBe('SNAP');
  });

  it('loses nothing when writing the snapshot fails, and a later compaction cleans up', async () => {
    const { dir, store } = await loadedStore();
    store.append(bytes('a'));
    fs.mkdirSync(stateFile(dir, SNAPSHOT_TMP_FILE)); // opening snapshot.tmp for writing now fails
    await expect(store.compact(bytes('S[a]'))).rejects.toMatchObject({ code: 'EISDIR' });
    store.append(bytes('b'));
    await store.close();
    fs.rmdirSync(stateFile(dir, SNAPSHOT_TMP_FILE));

    const state = await reload(dir);
    expect(state.snapshot).toBeUndefined();
    expect(state.texts).toEqual(['a', 'b']);

    const again = openStore(dir);
    await again.load();
    await again.compact(bytes('S[a,b]'));
    again.append(bytes('c'));
    await again.close();
    const final = await reload(dir);
    expect(text(final.snapshot!)).toBe('S[a,b]');
    expect(final.texts).toEqual(['c']);
    expect(listState(dir)).toEqual([journalFileName(2), 'snapshot']);
  });
});

describe('FileStateStore: crash between compaction steps', () => {
  it('new journal created, snapshot not yet renamed (first compaction): replays both journals', async () => {
    const dir = tempDir();
    await writeRecords(dir, ['a', 'b']);
    // The state a crash leaves after step 1 and part of step 2.
    fs.writeFileSync(stateFile(dir, J1), encodeJournalHeader(1));
    fs.writeFileSync(stateFile(dir, SNAPSHOT_TMP_FILE), encodeSnapshotHeader(1, bytes('S[a,b]')));
    fs.writeFileSync(stateFile(dir, `${journalFileName(2)}.tmp`), encodeJournalHeader(2).subarray(0, 10));

    let state = await reload(dir);
    expect(state.snapshot).toBeUndefined();
    expect(state.texts).toEqual(['a', 'b']);
    expect(listState(dir)).toEqual([J0, J1]); // the unfinished files are gone

    await writeRecords(dir, ['c']); // lands in journal 1, the newest
    expect(fs.statSync(stateFile(dir, J1)).size).toBeGreaterThan(JOURNAL_HEADER_BYTES);
    state = await reload(dir);
    expect(state.texts).toEqual(['a', 'b', 'c']);
  });

  it('new journal created with appends in it, old snapshot still in place: replays from the old snapshot', async () => {
    const { dir, store } = await loadedStore();
    store.append(bytes('a'));
    await store.compact(bytes('S[a]')); // snapshot -> generation 1
    store.append(bytes('b'));
    await store.close();
    // Crash during the next compaction: journal 2 exists and already got an append, snapshot.tmp is torn.
    fs.writeFileSync(stateFile(dir, J2), Buffer.concat([encodeJournalHeader(2), encodeFrame(bytes('c'))]));
    fs.writeFileSync(stateFile(dir, SNAPSHOT_TMP_FILE), Buffer.from('WDEVSNAP\x01\0\0'));

    const state = await reload(dir);
    expect(text(state.snapshot!)).toBe('S[a]');
    expect(state.texts).toEqual(['b', 'c']);
  });

  it('snapshot renamed, old journals not yet deleted: skips and deletes them', async () => {
    const { dir, store } = await loadedStore();
    store.append(bytes('a'));
    store.append(bytes('b'));
    const oldJournal = fs.readFileSync(stateFile(dir, J0));
    await store.compact(bytes('S[a,b]'));
    store.append(bytes('c'));
    await store.close();
    fs.writeFileSync(stateFile(dir, J0), oldJournal); // as if the crash came before its deletion

    const state = await reload(dir);
    expect(text(state.snapshot!)).toBe('S[a,b]');
    expect(state.texts).toEqual(['c']);
    expect(listState(dir)).toEqual([J1, 'snapshot']);
  });

  it('reports a missing journal instead of silently skipping records', async () => {
    const { dir, store } = await loadedStore();
    store.append(bytes('a'));
    const first = store.compact(bytes('S1')); // commits snapshot at generation 1 ...
    store.append(bytes('b'));
    await first;
    await store.close();
    fs.writeFileSync(stateFile(dir, J2), encodeJournalHeader(2));
    fs.rmSync(stateFile(dir, J1));
    await expect(reload(dir)).rejects.toMatchObject({
      code: 'CORRUPT',
      message: /journal-0+1\.log is missing/,
    });
    fs.rmSync(stateFile(dir, J2));
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT', message: /missing/ });
  });

  it('refuses damage in a journal that later journals follow', async () => {
    const dir = tempDir();
    await writeRecords(dir, ['a', 'b']);
    fs.writeFileSync(stateFile(dir, J1), encodeJournalHeader(1));
    fs.truncateSync(stateFile(dir, J0), fs.statSync(stateFile(dir, J0)).size - 1);
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT', message: /later journals/ });
  });
});

describe('FileStateStore: format versions and damage', () => {
  async function compacted(dir: string): Promise<void> {
    const store = openStore(dir);
    await store.load();
    store.append(bytes('a'));
    await store.compact(bytes('SNAPSHOT'));
    store.append(bytes('b'));
    await store.close();
  }

  it('refuses a snapshot of an unknown format version with a clear message', async () => {
    const dir = tempDir();
    await compacted(dir);
    const file = fs.readFileSync(stateFile(dir, 'snapshot'));
    file.writeUInt32LE(2, 8);
    fs.writeFileSync(stateFile(dir, 'snapshot'), file);
    const error = await reload(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect(error).toMatchObject({
      code: 'UNSUPPORTED_VERSION',
      message: /format version 2.*only reads version 1/,
    });
    expect(fs.existsSync(stateFile(dir, 'LOCK'))).toBe(false); // a failed load releases the lock
  });

  it('refuses a journal of an unknown format version', async () => {
    const dir = tempDir();
    await compacted(dir);
    const file = fs.readFileSync(stateFile(dir, J1));
    file.writeUInt32LE(99, 8);
    fs.writeFileSync(stateFile(dir, J1), file);
    await expect(reload(dir)).rejects.toMatchObject({ code: 'UNSUPPORTED_VERSION', message: /version 99/ });
  });

  it('refuses files that are not ours, and damaged snapshots', async () => {
    const dir = tempDir();
    await compacted(dir);
    const snapshot = fs.readFileSync(stateFile(dir, 'snapshot'));

    fs.writeFileSync(stateFile(dir, 'snapshot'), 'hello, world');
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT', message: /not a devnet snapshot/ });

    const flipped = Buffer.from(snapshot);
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    fs.writeFileSync(stateFile(dir, 'snapshot'), flipped);
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT', message: /checksum/ });

    fs.writeFileSync(stateFile(dir, 'snapshot'), snapshot.subarray(0, snapshot.length - 1));
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT' });

    const badHeader = Buffer.from(snapshot);
    badHeader[20] = badHeader[20]! ^ 1; // the generation field
    fs.writeFileSync(stateFile(dir, 'snapshot'), badHeader);
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT', message: /damaged header/ });

    fs.writeFileSync(stateFile(dir, 'snapshot'), snapshot);
    const journal = fs.readFileSync(stateFile(dir, J1));
    journal.write('NOTAJRNL', 0, 'latin1');
    fs.writeFileSync(stateFile(dir, J1), journal);
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT', message: /not a devnet journal/ });

    fs.writeFileSync(stateFile(dir, J1), Buffer.concat([encodeJournalHeader(5), journal.subarray(32)]));
    await expect(reload(dir)).rejects.toMatchObject({ code: 'CORRUPT', message: /claims generation 5/ });
  });
});
