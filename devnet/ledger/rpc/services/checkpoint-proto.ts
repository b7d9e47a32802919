import type { GrpcTypes } from '@mysten/sui/grpc';
import type { Ledger } from '../../core/ledger.js';
import type { CheckpointRecord, TransactionRecord } from '../../core/types.js';
import { checkpointToProto, eventsToProto, executedTransactionToProto } from '../convert/index.js';

/**
 * True when `mask` asks for no part of a checkpoint's transactions beyond their digests and events (what a chain
 * follower such as a storage node reads): the transactions, effects and signatures, most of the cost of rendering
 * a checkpoint, can then be left out. No mask is Sui's default here: everything.
 */
function onlyDigestsAndEvents(mask: { paths: string[] } | undefined): boolean {
  if (!mask || mask.paths.length === 0) return false;
  return mask.paths.every(
    (path) =>
      !path.startsWith('transactions') ||
      path === 'transactions.digest' ||
      path === 'transactions.events' ||
      path.startsWith('transactions.events.'),
  );
}

function digestAndEvents(record: TransactionRecord): GrpcTypes.ExecutedTransaction {
  return {
    digest: record.digest,
    events: eventsToProto(record.events, record.eventsDigest),
    signatures: [],
    balanceChanges: [],
  };
}

/**
 * A checkpoint with its transactions (effects, events) embedded, as followers of the chain read it; with a read
 * mask that asks only for the transactions' digests and events, just those.
 */
export function fullCheckpoint(
  ledger: Ledger,
  checkpoint: CheckpointRecord,
  readMask?: { paths: string[] },
): GrpcTypes.Checkpoint {
  const records = checkpoint.transactions
    .map((digest) => ledger.state.transaction(digest))
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
  const toProto = onlyDigestsAndEvents(readMask) ? digestAndEvents : executedTransactionToProto;
  return checkpointToProto(checkpoint, {
    effectsDigests: new Map(records.map((r) => [r.digest, r.effectsDigest])),
    transactions: records.map(toProto),
  });
}
