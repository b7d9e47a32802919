/**
 * CheckpointRecord -> `sui.rpc.v2.Checkpoint`. The SDK's core client never reads checkpoints; this serves
 * `GetCheckpoint`/`ListCheckpoints`/`SubscribeCheckpoints` callers with the fields the core keeps. The
 * checkpoint digest is the core's; no `CheckpointSummary` BCS is produced.
 */

import type { GrpcTypes } from '@mysten/sui/grpc';
import type { CheckpointRecord } from '../../core/types.js';
import { msToTimestamp } from './common.js';

export interface CheckpointProtoOptions {
  /** Transactions committed since genesis up to and including this checkpoint. */
  totalNetworkTransactions?: bigint;
  /** Effects digest per transaction digest, to fill `contents.transactions[].effects`. */
  effectsDigests?: ReadonlyMap<string, string>;
  /** Full transactions to embed (`Checkpoint.transactions`), when the caller asked for them. */
  transactions?: GrpcTypes.ExecutedTransaction[];
}

export function checkpointToProto(
  record: CheckpointRecord,
  options: CheckpointProtoOptions = {},
): GrpcTypes.Checkpoint {
  const summary: GrpcTypes.CheckpointSummary = {
    digest: record.digest,
    epoch: record.epoch,
    sequenceNumber: record.sequenceNumber,
    timestamp: msToTimestamp(record.timestampMs),
    commitments: [],
  };
  if (record.previousDigest !== undefined) summary.previousDigest = record.previousDigest;
  if (options.totalNetworkTransactions !== undefined) {
    summary.totalNetworkTransactions = options.totalNetworkTransactions;
  }
  return {
    sequenceNumber: record.sequenceNumber,
    digest: record.digest,
    summary,
    contents: {
      transactions: record.transactions.map((digest) => {
        const info: GrpcTypes.CheckpointedTransactionInfo = {
          transaction: digest,
          signatures: [],
          addressAliasesVersions: [],
        };
        const effects = options.effectsDigests?.get(digest);
        if (effects !== undefined) info.effects = effects;
        return info;
      }),
    },
    transactions: options.transactions ?? [],
  };
}
