import { bcs } from '@mysten/sui/bcs';
import { toBase58 } from '@mysten/sui/utils';
import { ownerToBcs, saltedDigest } from './digests.js';
import type { ExecutionStatus, TransactionRecord } from './types.js';

/** The fields of a transaction record that its effects commit to. */
export type EffectsFields = Pick<
  TransactionRecord,
  | 'digest'
  | 'status'
  | 'gasUsed'
  | 'gasObjectId'
  | 'lamportVersion'
  | 'epoch'
  | 'changedObjects'
  | 'unchangedShared'
  | 'dependencies'
  | 'eventsDigest'
>;

const COMMAND_ARGUMENT_KINDS = new Set([
  'TypeMismatch',
  'InvalidValueUsage',
  'InvalidObjectByValue',
  'InvalidObjectByMutRef',
  'InvalidBCSBytes',
  'InvalidGasCoinUsage',
]);
const PLAIN_KINDS = new Set([
  'InsufficientGas',
  'InvalidGasObject',
  'FeatureNotYetSupported',
  'InsufficientCoinBalance',
  'CoinBalanceOverflow',
  'FunctionNotFound',
  'ArityMismatch',
  'TypeArityMismatch',
  'NonEntryFunctionInvoked',
  'InvalidTransferObject',
  'InputObjectDeleted',
]);

/** Sui's `ExecutionFailureStatus` value for a failed status, as close as the ledger's failure kinds map. */
function failureToBcs(status: Extract<ExecutionStatus, { success: false }>) {
  if (status.kind === 'MoveAbort' && status.abort) {
    return {
      MoveAbort: [
        {
          module: { address: status.abort.packageId, name: status.abort.module },
          function: 0,
          instruction: 0,
          functionName: status.abort.function,
        },
        status.abort.code,
      ],
    };
  }
  if (status.kind === 'UnusedValueWithoutDrop') return { UnusedValueWithoutDrop: { resultIdx: status.command ?? 0, secondaryIdx: 0 } };
  if (COMMAND_ARGUMENT_KINDS.has(status.kind)) return { CommandArgumentError: { argIdx: 0, kind: { [status.kind]: true } } };
  if (status.kind === 'CommandArgumentError') return { CommandArgumentError: { argIdx: 0, kind: { InvalidBCSBytes: true } } };
  if (PLAIN_KINDS.has(status.kind)) return { [status.kind]: true };
  return { InvariantViolation: true };
}

/**
 * BCS `TransactionEffects::V2` for a record and its digest, built with the SDK codec so that
 * `effects.bcs` and the structured effects agree. The gas object index points into `changedObjects`.
 */
export function effectsBcs(fields: EffectsFields): { bytes: Uint8Array; digest: string } {
  const gasIndex = fields.gasObjectId ? fields.changedObjects.findIndex((c) => c.id === fields.gasObjectId) : -1;
  const value = {
    V2: {
      status: fields.status.success
        ? { Success: true }
        : { Failure: { error: failureToBcs(fields.status), command: fields.status.command ?? null } },
      executedEpoch: fields.epoch,
      gasUsed: fields.gasUsed,
      transactionDigest: fields.digest,
      gasObjectIndex: gasIndex >= 0 ? gasIndex : null,
      eventsDigest: fields.eventsDigest ?? null,
      dependencies: fields.dependencies,
      lamportVersion: fields.lamportVersion,
      changedObjects: fields.changedObjects.map((c) => [
        c.id,
        {
          inputState: c.input
            ? { Exist: [[c.input.version, c.input.digest], ownerToBcs(c.input.owner)] }
            : { NotExist: true },
          outputState: c.output ? { ObjectWrite: [c.output.digest, ownerToBcs(c.output.owner)] } : { NotExist: true },
          idOperation: c.idOperation === 'created' ? { Created: true } : c.idOperation === 'deleted' ? { Deleted: true } : { None: true },
        },
      ]),
      unchangedConsensusObjects: fields.unchangedShared.map((u) => [u.id, { ReadOnlyRoot: [u.version, u.digest] }]),
      auxDataDigest: null,
    },
  };
  const bytes = bcs.TransactionEffects.serialize(value as never).toBytes();
  return { bytes, digest: toBase58(saltedDigest('TransactionEffects', bytes)) };
}
