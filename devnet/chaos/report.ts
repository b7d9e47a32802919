/**
 * What a chaos run found, as `walrus dev chaos --json` prints it, and how failed operations are judged: a failure
 * while the ledger was down, or while more than f shards' worth of nodes were down or faulty, is expected; any
 * other failure is a finding, and so is every inconsistency of the final check.
 */
import type { FaultKind, FaultMoment } from './schedule.js';

/** One operation of the workload. */
export type ChaosOperation = 'write' | 'read' | 'extend' | 'delete' | 'transfer';

/** Why a failed operation is not a finding. */
export type ExpectedCause = 'ledger-down' | 'over-f';

/** A failure that is a finding. */
export interface ChaosFinding {
  /** The operation that failed, or `devnet-host` when the devnet's own process died unasked. */
  operation: ChaosOperation | 'devnet-host';
  /** Milliseconds since the workload started. */
  atMs: number;
  error: string;
  blobId?: string;
}

export interface ChaosReport {
  seed: number;
  /** The command that replays this run. */
  replay: string;
  nodes: number;
  shards: number;
  f: number;
  epochDurationMs: number;
  faultKinds: FaultKind[];
  ledgerKill: boolean;
  durations: { bootMs: number; workloadMs: number; checkMs: number; totalMs: number };
  epochs: { first: number; last: number };
  blobs: {
    written: number;
    bytes: number;
    permanent: number;
    deletable: number;
    extended: number;
    deleted: number;
  };
  reads: { checked: number; byteMismatches: number };
  operations: Record<ChaosOperation, { ok: number; failed: number }>;
  /** Writes retried after a `RetryableWalrusClientError`, as the SDK's README says to. */
  sdkRetries: number;
  /** Writes whose registration expired before they were certified, and that registered again (paid twice). */
  reregistrations: number;
  faults: Record<FaultKind, number> & { ledgerKill: number };
  killMoments: Record<FaultMoment, number>;
  failures: { expected: Record<ExpectedCause, number>; findings: ChaosFinding[] };
  ledger: { acknowledgedTransactions: number; missingAfterRestart: string[] };
  consistency: {
    blobsChecked: number;
    unreadable: string[];
    byteMismatches: string[];
    statusMismatches: string[];
    foreignSlivers: string[];
    totals: string[];
  };
  /** Findings + inconsistencies: 0 is a pass. */
  problems: number;
}

/** An empty report for a run about to start. */
export function emptyReport(
  settings: Pick<
    ChaosReport,
    'seed' | 'replay' | 'nodes' | 'shards' | 'f' | 'epochDurationMs' | 'faultKinds' | 'ledgerKill'
  >,
): ChaosReport {
  const ops = () => ({ ok: 0, failed: 0 });
  return {
    ...settings,
    durations: { bootMs: 0, workloadMs: 0, checkMs: 0, totalMs: 0 },
    epochs: { first: 0, last: 0 },
    blobs: { written: 0, bytes: 0, permanent: 0, deletable: 0, extended: 0, deleted: 0 },
    reads: { checked: 0, byteMismatches: 0 },
    operations: { write: ops(), read: ops(), extend: ops(), delete: ops(), transfer: ops() },
    sdkRetries: 0,
    reregistrations: 0,
    faults: { kill: 0, stop: 0, wipe: 0, corrupt: 0, slow: 0, lose: 0, stake: 0, ledgerKill: 0 },
    killMoments: { any: 0, 'mid-upload': 0, 'mid-epoch-change': 0 },
    failures: { expected: { 'ledger-down': 0, 'over-f': 0 }, findings: [] },
    ledger: { acknowledgedTransactions: 0, missingAfterRestart: [] },
    consistency: {
      blobsChecked: 0,
      unreadable: [],
      byteMismatches: [],
      statusMismatches: [],
      foreignSlivers: [],
      totals: [],
    },
    problems: 0,
  };
}

/** A half-open time interval [from, to) in ms; `to` undefined while it lasts. */
export interface Interval {
  from: number;
  to: number | undefined;
}

/** Whether an operation over [start, end] overlapped one of the intervals. */
export function overlaps(intervals: readonly Interval[], start: number, end: number): boolean {
  return intervals.some((i) => i.from <= end && (i.to === undefined || i.to >= start));
}

/**
 * Judges a failed operation over [start, end]: expected if it overlapped a ledger outage or a time with more
 * than f shards' worth faulty, else undefined (a finding).
 */
export function expectedCause(
  start: number,
  end: number,
  outages: { ledger: readonly Interval[]; overF: readonly Interval[] },
): ExpectedCause | undefined {
  if (overlaps(outages.ledger, start, end)) return 'ledger-down';
  if (overlaps(outages.overF, start, end)) return 'over-f';
  return undefined;
}

/** Counts the problems: findings, byte mismatches, missing transactions and every inconsistency. */
export function countProblems(report: ChaosReport): number {
  const c = report.consistency;
  return (
    report.failures.findings.length +
    report.reads.byteMismatches +
    report.ledger.missingAfterRestart.length +
    c.unreadable.length +
    c.byteMismatches.length +
    c.statusMismatches.length +
    c.foreignSlivers.length +
    c.totals.length
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The report as text for a terminal. */
export function formatReport(report: ChaosReport): string {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  const ops = Object.entries(report.operations)
    .map(([k, v]) => `${k} ${v.ok} ok/${v.failed} failed`)
    .join(', ');
  const c = report.consistency;
  const lines = [
    `chaos run, seed ${report.seed}: ${report.problems === 0 ? 'PASS' : `FAIL (${report.problems} problems)`}`,
    `  network     ${report.nodes} nodes, ${report.shards} shards (f = ${report.f}), epochs of ${seconds(report.epochDurationMs)}, epochs ${report.epochs.first}→${report.epochs.last}`,
    `  durations   boot ${seconds(report.durations.bootMs)}, workload ${seconds(report.durations.workloadMs)}, check ${seconds(report.durations.checkMs)}, total ${seconds(report.durations.totalMs)}`,
    `  blobs       ${report.blobs.written} written (${(report.blobs.bytes / 1048576).toFixed(1)} MiB; ${report.blobs.permanent} permanent, ${report.blobs.deletable} deletable), ${report.blobs.extended} extended, ${report.blobs.deleted} deleted`,
    `  reads       ${report.reads.checked} compared byte for byte, ${report.reads.byteMismatches} mismatched`,
    `  operations  ${ops}; ${report.sdkRetries} write attempts retried after a retryable SDK error, ${report.reregistrations} registered again after their registration expired`,
    `  faults      ${counts(report.faults)}; kills ${counts(report.killMoments)}`,
    `  failures    expected: ${counts(report.failures.expected)}; findings: ${report.failures.findings.length}`,
    ...report.failures.findings
      .slice(0, 20)
      .map((f) => `    at ${seconds(f.atMs)} ${f.operation}${f.blobId ? ` ${f.blobId}` : ''}: ${f.error}`),
    `  ledger      ${report.ledger.acknowledgedTransactions} acknowledged transactions checked, ${report.ledger.missingAfterRestart.length} missing`,
    `  final check ${c.blobsChecked} certified unexpired blobs; unreadable ${c.unreadable.length}, bytes differ ${c.byteMismatches.length}, status differs ${c.statusMismatches.length}, foreign slivers ${c.foreignSlivers.length}, totals ${c.totals.length}`,
    ...[...c.unreadable, ...c.byteMismatches, ...c.statusMismatches, ...c.foreignSlivers, ...c.totals]
      .slice(0, 20)
      .map((line) => `    ${line}`),
    `  replay      ${report.replay}`,
  ];
  return lines.join('\n');
}
