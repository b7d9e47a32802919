import type { GrpcTypes } from '@mysten/sui/grpc';
import type { Ledger } from '../../core/ledger.js';
import type { CheckpointRecord } from '../../core/types.js';
import { checkpointToProto, executedTransactionToProto } from '../convert/index.js';

/** A checkpoint with its transactions (effects, events) embedded, as followers of the chain read it. */
export function fullCheckpoint(ledger: Ledger, checkpoint: CheckpointRecord): GrpcTypes.Checkpoint {
  const records = checkpoint.transactions
    .map((digest) => ledger.state.transaction(digest))
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
  return checkpointToProto(checkpoint, {
    effectsDigests: new Map(records.map((r) => [r.digest, r.effectsDigest])),
    transactions: records.map(executedTransactionToProto),
  });
}
