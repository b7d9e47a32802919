import { deserialize, serialize } from 'node:v8';
import { Ledger, type LedgerOptions } from './core/ledger.js';
import type { StateDiff } from './core/ledger-state.js';
import type { StateStore } from './persistence/state-store.js';

/** Journal records after which the ledger writes a fresh snapshot and starts a new journal. */
const COMPACT_EVERY = 5_000;

/**
 * Opens a ledger on a state store: replays the snapshot and journal if there are any (genesis options
 * are then ignored: the state already has its genesis), else creates genesis and persists it. From then
 * on every commit is appended to the journal before the ledger acknowledges it.
 */
export async function openJournaledLedger(options: LedgerOptions, store: StateStore): Promise<Ledger> {
  const loaded = await store.load();
  // v8 serialization keeps bigints and Uint8Arrays exactly, and is fast.
  const diffs: StateDiff[] = [];
  if (loaded.snapshot) diffs.push(deserialize(loaded.snapshot) as StateDiff);
  for (const record of loaded.records) diffs.push(deserialize(record) as StateDiff);
  const ledger = new Ledger(options, diffs);
  if (ledger.state.dirty) store.append(serialize(ledger.state.takeDiff()));
  ledger.attach({
    commit(diff) {
      const result = store.append(serialize(diff));
      if (result instanceof Promise)
        throw new Error('The ledger needs a state store whose append is synchronous');
      if (store.journalRecords >= COMPACT_EVERY) {
        // The snapshot covers exactly the records appended so far, as compact() requires.
        store.compact(serialize(ledger.state.fullDiff())).catch(() => {
          // Nothing is lost when a compaction fails; the next one retries.
        });
      }
    },
  });
  return ledger;
}
