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

/** Logs every committed transaction (digest, outcome, sender, gas paid and storage rebate) and every Sui epoch change. */
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
      const { computationCost, storageCost, storageRebate } = tx.gasUsed;
      const outcome = tx.status.success ? 'ok' : `FAILED ${tx.status.message}`;
      const sender = tx.balanceChanges.find((c) => c.amount < 0n)?.address ?? '';
      // Gas as paid and refunded (MIST): a net figure goes negative when deleting objects refunds more than it costs.
      log.write(
        `tx ${digest} ${outcome} gas=${computationCost + storageCost} rebate=${storageRebate}${sender ? ` sender=${sender}` : ''}`,
      );
    }
  });
}
