import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Ledger } from './ledger/core/ledger.js';

/** A line sink: the devnet's event log (file) and, when asked, a live echo. */
export interface DevnetLog {
  write(line: string): void;
}

/**
 * Appends timestamped lines to `path` (created if missing) and passes each to `echo` if given.
 * Low volume (one line per transaction or event), so plain synchronous appends are fine.
 */
export function createDevnetLog(path: string, echo?: (line: string) => void): DevnetLog {
  mkdirSync(dirname(path), { recursive: true });
  return {
    write(line) {
      const stamped = `${new Date().toISOString()} ${line}`;
      appendFileSync(path, `${stamped}\n`);
      echo?.(stamped);
    },
  };
}

/** Logs every committed transaction (digest, outcome, sender, net gas) and every Sui epoch change. */
export function logLedgerActivity(ledger: Ledger, log: DevnetLog): () => void {
  let epoch = ledger.state.meta.epoch;
  return ledger.onCheckpoint((checkpoint) => {
    if (checkpoint.epoch !== epoch) {
      epoch = checkpoint.epoch;
      log.write(`sui epoch ${epoch} started`);
    }
    for (const digest of checkpoint.transactions) {
      const tx = ledger.state.transaction(digest);
      if (!tx) continue;
      const gas = tx.gasUsed.computationCost + tx.gasUsed.storageCost - tx.gasUsed.storageRebate;
      const outcome = tx.status.success ? 'ok' : `FAILED ${tx.status.message}`;
      const sender = tx.balanceChanges.find((c) => c.amount < 0n)?.address ?? '';
      log.write(`tx ${digest} ${outcome} gas=${gas}${sender ? ` sender=${sender}` : ''}`);
    }
  });
}
