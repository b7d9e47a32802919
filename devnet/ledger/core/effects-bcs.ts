/**
 * BCS `TransactionEffects::V2` for a transaction record and its digest: the one builder the ledger core
 * (for `TransactionRecord.effectsBcs`/`effectsDigest`) and the RPC conversions share, so executors that
 * parse `effects.bcs` see the same objects as clients reading the structured effects.
 *
 * Changed objects are always put in Sui's canonical order (ascending object id, the order of the
 * `BTreeMap` Sui builds them from); `gasObjectIndex` indexes that order, so the order of
 * `changedObjects` in the input does not matter.
 *
 * Package convention: an {@link ObjectChange} whose `type` is `'package'` is a package write (BCS
 * `PackageWrite(version, digest)`), matching gRPC's `object_type = "package"`.
 */

import { bcs } from '@mysten/sui/bcs';
import { ownerToBcs, saltedDigestBase58 } from './digests.js';
import type { ExecutionStatus, ObjectChange, TransactionRecord } from './types.js';

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000000000000000000000000000';

/** The fields of a transaction record that its effects commit to (a whole {@link TransactionRecord} fits). */
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

type EffectsV2Input = Extract<typeof bcs.TransactionEffects.$inferInput, { V2: unknown }>['V2'];
type BcsExecutionStatus = EffectsV2Input['status'];
type BcsFailureStatus = Extract<BcsExecutionStatus, { Failure: unknown }>['Failure']['error'];
type ElementOf<T> = T extends Iterable<infer E> ? E : never;
type BcsObjectChange = ElementOf<EffectsV2Input['changedObjects']>;
type BcsUnchanged = ElementOf<EffectsV2Input['unchangedConsensusObjects']>;

// ---------------------------------------------------------------------------------------------------------
// Execution status
// ---------------------------------------------------------------------------------------------------------

/** A failed {@link ExecutionStatus}. */
export type ExecutionFailure = Extract<ExecutionStatus, { success: false }>;

const sizes = { objectSize: 0n, maxObjectSize: 0n };
const valueSizes = { valueSize: 0n, maxScaledSize: 0n };
const flag = (name: string) => () => ({ [name]: true }) as BcsFailureStatus;
const commandArgument = (kind: string) => () =>
  ({ CommandArgumentError: { argIdx: 0, kind: { [kind]: true } } }) as BcsFailureStatus;

function moveLocation(failure: ExecutionFailure) {
  const abort = failure.abort;
  return {
    module: { address: abort?.packageId ?? ZERO_ADDRESS, name: abort?.module ?? '' },
    function: 0,
    instruction: 0,
    functionName: abort?.function ?? null,
  };
}

/**
 * The BCS half of the failure-kind table: for each failure kind (what `ExecutionStatus.kind` holds, named
 * after Sui's `ExecutionFailureStatus` variants), the `ExecutionFailureStatus` value it encodes to.
 * Variants with data get neutral placeholders. Unit kinds of `CommandArgumentError` (`TypeMismatch`,
 * `InvalidValueUsage`, ...) are accepted as kinds of their own and encode as a `CommandArgumentError`.
 * The RPC layer maps the same kind names to proto `ExecutionErrorKind`s.
 */
export const FAILURE_KINDS_BCS = {
  InsufficientGas: flag('InsufficientGas'),
  InvalidGasObject: flag('InvalidGasObject'),
  InvariantViolation: flag('InvariantViolation'),
  FeatureNotYetSupported: flag('FeatureNotYetSupported'),
  MoveObjectTooBig: () => ({ MoveObjectTooBig: sizes }),
  MovePackageTooBig: () => ({ MovePackageTooBig: sizes }),
  CircularObjectOwnership: () => ({ CircularObjectOwnership: { object: ZERO_ADDRESS } }),
  InsufficientCoinBalance: flag('InsufficientCoinBalance'),
  CoinBalanceOverflow: flag('CoinBalanceOverflow'),
  PublishErrorNonZeroAddress: flag('PublishErrorNonZeroAddress'),
  SuiMoveVerificationError: flag('SuiMoveVerificationError'),
  MovePrimitiveRuntimeError: (f) => ({ MovePrimitiveRuntimeError: f.abort ? moveLocation(f) : null }),
  MoveAbort: (f) => ({ MoveAbort: [moveLocation(f), f.abort?.code ?? 0n] }),
  VMVerificationOrDeserializationError: flag('VMVerificationOrDeserializationError'),
  VMInvariantViolation: flag('VMInvariantViolation'),
  FunctionNotFound: flag('FunctionNotFound'),
  ArityMismatch: flag('ArityMismatch'),
  TypeArityMismatch: flag('TypeArityMismatch'),
  NonEntryFunctionInvoked: flag('NonEntryFunctionInvoked'),
  CommandArgumentError: commandArgument('TypeMismatch'),
  TypeArgumentError: () => ({ TypeArgumentError: { argumentIdx: 0, kind: { TypeNotFound: true } } }),
  UnusedValueWithoutDrop: (f) => ({ UnusedValueWithoutDrop: { resultIdx: f.command ?? 0, secondaryIdx: 0 } }),
  InvalidPublicFunctionReturnType: () => ({ InvalidPublicFunctionReturnType: { idx: 0 } }),
  InvalidTransferObject: flag('InvalidTransferObject'),
  EffectsTooLarge: () => ({ EffectsTooLarge: { currentSize: 0n, maxSize: 0n } }),
  PublishUpgradeMissingDependency: flag('PublishUpgradeMissingDependency'),
  PublishUpgradeDependencyDowngrade: flag('PublishUpgradeDependencyDowngrade'),
  PackageUpgradeError: () => ({ PackageUpgradeError: { upgradeError: { IncompatibleUpgrade: true } } }),
  WrittenObjectsTooLarge: () => ({ WrittenObjectsTooLarge: { currentSize: 0n, maxSize: 0n } }),
  CertificateDenied: flag('CertificateDenied'),
  SuiMoveVerificationTimedout: flag('SuiMoveVerificationTimedout'),
  SharedObjectOperationNotAllowed: flag('SharedObjectOperationNotAllowed'),
  InputObjectDeleted: flag('InputObjectDeleted'),
  ExecutionCancelledDueToSharedObjectCongestion: () => ({
    ExecutionCancelledDueToSharedObjectCongestion: { congested_objects: [] },
  }),
  AddressDeniedForCoin: () => ({ AddressDeniedForCoin: { address: ZERO_ADDRESS, coinType: '' } }),
  CoinTypeGlobalPause: () => ({ CoinTypeGlobalPause: { coinType: '' } }),
  ExecutionCancelledDueToRandomnessUnavailable: flag('ExecutionCancelledDueToRandomnessUnavailable'),
  MoveVectorElemTooBig: () => ({ MoveVectorElemTooBig: valueSizes }),
  MoveRawValueTooBig: () => ({ MoveRawValueTooBig: valueSizes }),
  InvalidLinkage: flag('InvalidLinkage'),
  InsufficientBalanceForWithdraw: flag('InsufficientBalanceForWithdraw'),
  NonExclusiveWriteInputObjectModified: () => ({
    NonExclusiveWriteInputObjectModified: { id: ZERO_ADDRESS },
  }),
  // Unit `CommandArgumentError` kinds.
  TypeMismatch: commandArgument('TypeMismatch'),
  InvalidBCSBytes: commandArgument('InvalidBCSBytes'),
  InvalidUsageOfPureArg: commandArgument('InvalidUsageOfPureArg'),
  InvalidArgumentToPrivateEntryFunction: commandArgument('InvalidArgumentToPrivateEntryFunction'),
  InvalidGasCoinUsage: commandArgument('InvalidGasCoinUsage'),
  InvalidValueUsage: commandArgument('InvalidValueUsage'),
  InvalidObjectByValue: commandArgument('InvalidObjectByValue'),
  InvalidObjectByMutRef: commandArgument('InvalidObjectByMutRef'),
  InvalidArgumentArity: commandArgument('InvalidArgumentArity'),
  InvalidMakeMoveVecNonObjectArgument: commandArgument('InvalidMakeMoveVecNonObjectArgument'),
  ArgumentWithoutValue: commandArgument('ArgumentWithoutValue'),
  CannotMoveBorrowedValue: commandArgument('CannotMoveBorrowedValue'),
  CannotWriteToExtendedReference: commandArgument('CannotWriteToExtendedReference'),
  InvalidReferenceArgument: commandArgument('InvalidReferenceArgument'),
  InvalidTxContext: commandArgument('InvalidTxContext'),
} satisfies Record<string, (failure: ExecutionFailure) => BcsFailureStatus>;

/** A failure kind name the ledger knows (the keys of {@link FAILURE_KINDS_BCS}). */
export type FailureKind = keyof typeof FAILURE_KINDS_BCS;

/** Proto-style spellings accepted for a few kinds. */
const FAILURE_ALIASES: Record<string, FailureKind> = {
  ObjectTooBig: 'MoveObjectTooBig',
  PackageTooBig: 'MovePackageTooBig',
  ConsensusObjectOperationNotAllowed: 'SharedObjectOperationNotAllowed',
  InsufficientFundsForWithdraw: 'InsufficientBalanceForWithdraw',
  ExecutionCanceledDueToConsensusObjectCongestion: 'ExecutionCancelledDueToSharedObjectCongestion',
  ExecutionCanceledDueToRandomnessUnavailable: 'ExecutionCancelledDueToRandomnessUnavailable',
};

/** The known failure kind `kind` names (directly or through an alias), or undefined for unknown kinds. */
export function failureKind(kind: string): FailureKind | undefined {
  if (Object.hasOwn(FAILURE_KINDS_BCS, kind)) return kind as FailureKind;
  return FAILURE_ALIASES[kind];
}

/** BCS `ExecutionStatus`; unknown failure kinds encode as `InvariantViolation`. */
export function executionStatusToBcs(status: ExecutionStatus): BcsExecutionStatus {
  if (status.success) return { Success: true };
  const error = FAILURE_KINDS_BCS[failureKind(status.kind) ?? 'InvariantViolation'](status);
  return { Failure: { error, command: status.command === undefined ? null : BigInt(status.command) } };
}

// ---------------------------------------------------------------------------------------------------------
// Changed objects
// ---------------------------------------------------------------------------------------------------------

/** Whether a change is a package write (see the package convention above). */
export function isPackageChange(change: ObjectChange): boolean {
  return change.type === 'package';
}

/** Changed objects in Sui's canonical order (ascending object id). */
export function canonicalChangedObjects(changes: readonly ObjectChange[]): ObjectChange[] {
  return [...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Position of the gas coin in {@link canonicalChangedObjects}, or null without a gas coin. */
export function gasObjectIndex(
  changes: readonly ObjectChange[],
  gasObjectId: string | undefined,
): number | null {
  if (gasObjectId === undefined) return null;
  const index = canonicalChangedObjects(changes).findIndex((c) => c.id === gasObjectId);
  if (index < 0) throw new Error(`Gas object ${gasObjectId} is not among the changed objects`);
  return index;
}

function changeToBcs(change: ObjectChange): BcsObjectChange {
  const inputState = change.input
    ? { Exist: [[change.input.version, change.input.digest], ownerToBcs(change.input.owner)] as const }
    : { NotExist: true };
  let outputState: BcsObjectChange[1]['outputState'];
  if (!change.output) outputState = { NotExist: true };
  else if (isPackageChange(change))
    outputState = { PackageWrite: [change.output.version, change.output.digest] };
  else outputState = { ObjectWrite: [change.output.digest, ownerToBcs(change.output.owner)] };
  const idOperation =
    change.idOperation === 'created'
      ? { Created: true }
      : change.idOperation === 'deleted'
        ? { Deleted: true }
        : { None: true };
  return [change.id, { inputState, outputState, idOperation }] as BcsObjectChange;
}

// ---------------------------------------------------------------------------------------------------------
// Effects
// ---------------------------------------------------------------------------------------------------------

/** The SDK's `bcs.TransactionEffects` value (V2) for the record fields. */
export function effectsValue(fields: EffectsFields): typeof bcs.TransactionEffects.$inferInput {
  const changes = canonicalChangedObjects(fields.changedObjects);
  for (const change of changes) {
    // BCS `ObjectWrite` carries no version: readers take the lamport version, so the record must agree.
    if (change.output && !isPackageChange(change) && change.output.version !== fields.lamportVersion) {
      throw new Error(
        `Changed object ${change.id} is written at version ${change.output.version}, ` +
          `but the transaction's lamport version is ${fields.lamportVersion}`,
      );
    }
  }
  const v2: EffectsV2Input = {
    status: executionStatusToBcs(fields.status),
    executedEpoch: fields.epoch,
    gasUsed: fields.gasUsed,
    transactionDigest: fields.digest,
    gasObjectIndex: gasObjectIndex(changes, fields.gasObjectId),
    eventsDigest: fields.eventsDigest ?? null,
    dependencies: fields.dependencies,
    lamportVersion: fields.lamportVersion,
    changedObjects: changes.map(changeToBcs),
    unchangedConsensusObjects: fields.unchangedShared.map(
      (o) => [o.id, { ReadOnlyRoot: [o.version, o.digest] }] as BcsUnchanged,
    ),
    auxDataDigest: null,
  };
  return { V2: v2 };
}

/** Base58 effects digest: `Blake2b256("TransactionEffects::" || bcs(TransactionEffects))`. */
export function effectsDigest(effectsBcs: Uint8Array): string {
  return saltedDigestBase58('TransactionEffects', effectsBcs);
}

/** BCS `TransactionEffects::V2` bytes for a record's fields, and their digest. */
export function effectsBcs(fields: EffectsFields): { bytes: Uint8Array; digest: string } {
  const bytes = bcs.TransactionEffects.serialize(effectsValue(fields)).toBytes();
  return { bytes, digest: effectsDigest(bytes) };
}
