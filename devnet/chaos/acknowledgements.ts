/**
 * The chaos runner's check that the ledger kept what it acknowledged: every transaction digest (and staked object)
 * the client saw executed is read back through the RPC after a restart of the ledger's process.
 *
 * Only an answer is evidence: "not found" from a running ledger is a lost acknowledgement. A read the RPC does not
 * answer (connection refused or reset) proves nothing, and when the ledger's process died or restarted during the
 * check, the read is left to a later check instead of being counted as missing — a check that overlapped a crash
 * of the host once reported every acknowledged transaction "missing" though none was lost.
 */

/** How reading one acknowledged item back went. */
export type LookupAnswer =
  | { kind: 'found' }
  | { kind: 'not-found'; error: string }
  | { kind: 'unanswered'; error: string };

/** An acknowledged item and how to read it back. */
export interface Acknowledged {
  /** What it is, for the report: `transaction <digest>`, `StakedWal <id>`. */
  what: string;
  read: () => Promise<unknown>;
}

export interface CheckOptions {
  /** True while the ledger's process is down or was restarted since the check began: unanswered reads wait. */
  interrupted: () => boolean;
  /** Reads per item before it counts as unanswered. @default 5 */
  attempts?: number;
  /** Pause between reads of one item. @default 500 */
  retryMs?: number;
  /** How an error reads in the report (the gRPC transport's messages say little without their causes). */
  describe?: (error: unknown) => string;
}

export interface CheckResult {
  /** Items the running ledger answered "not found" for (or never answered while it was up), with the answer. */
  missing: string[];
  /** Items left unread because the ledger's process died or restarted during the check. */
  unchecked: Acknowledged[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether an RPC error is the ledger's answer that the item does not exist (gRPC NOT_FOUND). */
export function isNotFound(error: unknown, described: string): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'NOT_FOUND' || code === 5 || /not ?found/i.test(described);
}

/** Reads one item, retrying errors that are not an answer. */
export async function lookUp(
  read: () => Promise<unknown>,
  options: Omit<CheckOptions, 'interrupted'> = {},
): Promise<LookupAnswer> {
  const attempts = options.attempts ?? 5;
  const describe = options.describe ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)));
  let last = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      await read();
      return { kind: 'found' };
    } catch (error) {
      last = describe(error);
      if (isNotFound(error, last)) return { kind: 'not-found', error: last };
      if (attempt + 1 < attempts) await sleep(options.retryMs ?? 500);
    }
  }
  return { kind: 'unanswered', error: last };
}

/** Reads every item back; see the module comment for what counts as missing. */
export async function checkAcknowledged(items: Acknowledged[], options: CheckOptions): Promise<CheckResult> {
  const result: CheckResult = { missing: [], unchecked: [] };
  for (const [i, item] of items.entries()) {
    if (options.interrupted()) {
      result.unchecked.push(...items.slice(i));
      break;
    }
    const answer = await lookUp(item.read, options);
    if (answer.kind === 'found') continue;
    if (answer.kind === 'unanswered' && options.interrupted()) {
      result.unchecked.push(...items.slice(i));
      break;
    }
    result.missing.push(
      `${item.what}: ${answer.kind === 'unanswered' ? `unanswered: ${answer.error}` : answer.error}`,
    );
  }
  return result;
}
