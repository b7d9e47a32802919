import { describe, expect, it } from 'vitest';
import { StateStoreError } from '../../../devnet/ledger/persistence/errors.js';
import { MemoryStateStore } from '../../../devnet/ledger/persistence/state-store.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('MemoryStateStore', () => {
  it('keeps nothing by default', async () => {
    const store = new MemoryStateStore();
    expect(await store.load()).toEqual({ records: [] });
    store.append(bytes('a'));
    expect(store.journalRecords).toBe(1);
    await store.compact(bytes('snap'));
    expect(store.journalRecords).toBe(0);
    await store.close();
    expect(await store.load()).toEqual({ records: [] });
  });

  it('retains snapshot and records across close/load when asked', async () => {
    const store = new MemoryStateStore({ retain: true });
    await store.load();
    const record = bytes('a');
    store.append(record);
    record[0] = 0; // the store keeps its own copy
    await store.compact(bytes('snap'));
    store.append(bytes('b'));
    store.append(bytes('c'));
    await store.close();

    const state = await store.load();
    expect(state.snapshot).toEqual(bytes('snap'));
    expect(state.records).toEqual([bytes('b'), bytes('c')]);
    expect(store.journalRecords).toBe(2);
  });

  it('refuses writes when not open', async () => {
    const store = new MemoryStateStore();
    expect(() => store.append(bytes('a'))).toThrow(StateStoreError);
    await store.load();
    await expect(store.load()).rejects.toThrow(StateStoreError);
    await store.close();
    await expect(store.compact(bytes('s'))).rejects.toMatchObject({ code: 'NOT_OPEN' });
  });
});
