/**
 * TransactionRecord -> `sui.rpc.v2.ExecutedTransaction`, and the BCS `TransactionEffects::V2` the record
 * keeps in `effectsBcs` (computed here from the same fields, so executors that parse `effects.bcs` see the
 * same objects as clients reading the structured effects).
 *
 * Changed objects are always put in Sui's canonical order (ascending object id, the order of the
 * `BTreeMap` Sui builds them from) in both forms; `gasObjectIndex` indexes that order, so the order of
 * `record.changedObjects` does not matter.
 *
 * Package convention: an {@link ObjectChange} whose `type` is `'package'` is a package write (BCS
 * `PackageWrite(version, digest)`, proto `PACKAGE_WRITE`), matching gRPC's `object_type = "package"`.
 */

import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import type {
  BalanceChange,
  EventRecord,
  ExecutionStatus,
  ObjectChange,
  TransactionRecord,
} from '../../core/types.js';
import {
  bcsValue,
  msToTimestamp,
  ownerToBcs,
  ownerToProto,
  structTagFromString,
  typedDigest,
  typeToString,
} from './common.js';
import { transactionBcsToProto } from './transaction-to-proto.js';

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000000000000000000000000000';

type EffectsV2Input = Extract<typeof bcs.TransactionEffects.$inferInput, { V2: unknown }>['V2'];
type BcsExecutionStatus = EffectsV2Input['status'];
type BcsFailure = Extract<BcsExecutionStatus, { Failure: unknown }>['Failure'];
type BcsFailureStatus = BcsFailure['error'];
type ElementOf<T> = T extends Iterable<infer E> ? E : never;
type BcsObjectChange = ElementOf<EffectsV2Input['changedObjects']>;
type BcsUnchanged = ElementOf<EffectsV2Input['unchangedConsensusObjects']>;

/** The record fields the effects cover (a whole {@link TransactionRecord} fits). */
export type EffectsInput = Pick<
  TransactionRecord,
  | 'digest'
  | 'status'
  | 'epoch'
  | 'gasUsed'
  | 'gasObjectId'
  | 'lamportVersion'
  | 'changedObjects'
  | 'unchangedShared'
  | 'dependencies'
  | 'eventsDigest'
>;

// ---------------------------------------------------------------------------------------------------------
// Execution status
// ---------------------------------------------------------------------------------------------------------

type Failure = Extract<ExecutionStatus, { success: false }>;
const ErrorKind = GrpcTypes.ExecutionError_ExecutionErrorKind;

interface FailureKind {
  proto: GrpcTypes.ExecutionError_ExecutionErrorKind;
  /** The BCS `ExecutionFailureStatus` value; variants with data get neutral placeholders. */
  bcs: (failure: Failure) => BcsFailureStatus;
}

const sizes = { objectSize: 0n, maxObjectSize: 0n };
const valueSizes = { valueSize: 0n, maxScaledSize: 0n };
const flag = (name: string) => () => ({ [name]: true }) as BcsFailureStatus;

function moveLocation(failure: Failure) {
  const abort = failure.abort;
  return {
    module: { address: abort?.packageId ?? ZERO_ADDRESS, name: abort?.module ?? '' },
    function: 0,
    instruction: 0,
    functionName: abort?.function ?? null,
  };
}

/**
 * Failure kinds by their BCS `ExecutionFailureStatus` variant name (what `ExecutionStatus.kind` holds),
 * with the proto `ExecutionErrorKind` each maps to. A few proto-style aliases are accepted too.
 */
const FAILURE_KINDS: Record<string, FailureKind> = {
  InsufficientGas: { proto: ErrorKind.INSUFFICIENT_GAS, bcs: flag('InsufficientGas') },
  InvalidGasObject: { proto: ErrorKind.INVALID_GAS_OBJECT, bcs: flag('InvalidGasObject') },
  InvariantViolation: { proto: ErrorKind.INVARIANT_VIOLATION, bcs: flag('InvariantViolation') },
  FeatureNotYetSupported: { proto: ErrorKind.FEATURE_NOT_YET_SUPPORTED, bcs: flag('FeatureNotYetSupported') },
  MoveObjectTooBig: { proto: ErrorKind.OBJECT_TOO_BIG, bcs: () => ({ MoveObjectTooBig: sizes }) },
  MovePackageTooBig: { proto: ErrorKind.PACKAGE_TOO_BIG, bcs: () => ({ MovePackageTooBig: sizes }) },
  CircularObjectOwnership: {
    proto: ErrorKind.CIRCULAR_OBJECT_OWNERSHIP,
    bcs: () => ({ CircularObjectOwnership: { object: ZERO_ADDRESS } }),
  },
  InsufficientCoinBalance: {
    proto: ErrorKind.INSUFFICIENT_COIN_BALANCE,
    bcs: flag('InsufficientCoinBalance'),
  },
  CoinBalanceOverflow: { proto: ErrorKind.COIN_BALANCE_OVERFLOW, bcs: flag('CoinBalanceOverflow') },
  PublishErrorNonZeroAddress: {
    proto: ErrorKind.PUBLISH_ERROR_NON_ZERO_ADDRESS,
    bcs: flag('PublishErrorNonZeroAddress'),
  },
  SuiMoveVerificationError: {
    proto: ErrorKind.SUI_MOVE_VERIFICATION_ERROR,
    bcs: flag('SuiMoveVerificationError'),
  },
  MovePrimitiveRuntimeError: {
    proto: ErrorKind.MOVE_PRIMITIVE_RUNTIME_ERROR,
    bcs: (f) => ({ MovePrimitiveRuntimeError: f.abort ? moveLocation(f) : null }),
  },
  MoveAbort: {
    proto: ErrorKind.MOVE_ABORT,
    bcs: (f) => ({ MoveAbort: [moveLocation(f), f.abort?.code ?? 0n] }),
  },
  VMVerificationOrDeserializationError: {
    proto: ErrorKind.VM_VERIFICATION_OR_DESERIALIZATION_ERROR,
    bcs: flag('VMVerificationOrDeserializationError'),
  },
  VMInvariantViolation: { proto: ErrorKind.VM_INVARIANT_VIOLATION, bcs: flag('VMInvariantViolation') },
  FunctionNotFound: { proto: ErrorKind.FUNCTION_NOT_FOUND, bcs: flag('FunctionNotFound') },
  ArityMismatch: { proto: ErrorKind.ARITY_MISMATCH, bcs: flag('ArityMismatch') },
  TypeArityMismatch: { proto: ErrorKind.TYPE_ARITY_MISMATCH, bcs: flag('TypeArityMismatch') },
  NonEntryFunctionInvoked: {
    proto: ErrorKind.NON_ENTRY_FUNCTION_INVOKED,
    bcs: flag('NonEntryFunctionInvoked'),
  },
  CommandArgumentError: {
    proto: ErrorKind.COMMAND_ARGUMENT_ERROR,
    bcs: () => ({ CommandArgumentError: { argIdx: 0, kind: { TypeMismatch: true } } }),
  },
  TypeArgumentError: {
    proto: ErrorKind.TYPE_ARGUMENT_ERROR,
    bcs: () => ({ TypeArgumentError: { argumentIdx: 0, kind: { TypeNotFound: true } } }),
  },
  UnusedValueWithoutDrop: {
    proto: ErrorKind.UNUSED_VALUE_WITHOUT_DROP,
    bcs: () => ({ UnusedValueWithoutDrop: { resultIdx: 0, secondaryIdx: 0 } }),
  },
  InvalidPublicFunctionReturnType: {
    proto: ErrorKind.INVALID_PUBLIC_FUNCTION_RETURN_TYPE,
    bcs: () => ({ InvalidPublicFunctionReturnType: { idx: 0 } }),
  },
  InvalidTransferObject: { proto: ErrorKind.INVALID_TRANSFER_OBJECT, bcs: flag('InvalidTransferObject') },
  EffectsTooLarge: {
    proto: ErrorKind.EFFECTS_TOO_LARGE,
    bcs: () => ({ EffectsTooLarge: { currentSize: 0n, maxSize: 0n } }),
  },
  PublishUpgradeMissingDependency: {
    proto: ErrorKind.PUBLISH_UPGRADE_MISSING_DEPENDENCY,
    bcs: flag('PublishUpgradeMissingDependency'),
  },
  PublishUpgradeDependencyDowngrade: {
    proto: ErrorKind.PUBLISH_UPGRADE_DEPENDENCY_DOWNGRADE,
    bcs: flag('PublishUpgradeDependencyDowngrade'),
  },
  PackageUpgradeError: {
    proto: ErrorKind.PACKAGE_UPGRADE_ERROR,
    bcs: () => ({ PackageUpgradeError: { upgradeError: { IncompatibleUpgrade: true } } }),
  },
  WrittenObjectsTooLarge: {
    proto: ErrorKind.WRITTEN_OBJECTS_TOO_LARGE,
    bcs: () => ({ WrittenObjectsTooLarge: { currentSize: 0n, maxSize: 0n } }),
  },
  CertificateDenied: { proto: ErrorKind.CERTIFICATE_DENIED, bcs: flag('CertificateDenied') },
  SuiMoveVerificationTimedout: {
    proto: ErrorKind.SUI_MOVE_VERIFICATION_TIMEDOUT,
    bcs: flag('SuiMoveVerificationTimedout'),
  },
  SharedObjectOperationNotAllowed: {
    proto: ErrorKind.CONSENSUS_OBJECT_OPERATION_NOT_ALLOWED,
    bcs: flag('SharedObjectOperationNotAllowed'),
  },
  InputObjectDeleted: { proto: ErrorKind.INPUT_OBJECT_DELETED, bcs: flag('InputObjectDeleted') },
  ExecutionCancelledDueToSharedObjectCongestion: {
    proto: ErrorKind.EXECUTION_CANCELED_DUE_TO_CONSENSUS_OBJECT_CONGESTION,
    bcs: () => ({ ExecutionCancelledDueToSharedObjectCongestion: { congested_objects: [] } }),
  },
  AddressDeniedForCoin: {
    proto: ErrorKind.ADDRESS_DENIED_FOR_COIN,
    bcs: () => ({ AddressDeniedForCoin: { address: ZERO_ADDRESS, coinType: '' } }),
  },
  CoinTypeGlobalPause: {
    proto: ErrorKind.COIN_TYPE_GLOBAL_PAUSE,
    bcs: () => ({ CoinTypeGlobalPause: { coinType: '' } }),
  },
  ExecutionCancelledDueToRandomnessUnavailable: {
    proto: ErrorKind.EXECUTION_CANCELED_DUE_TO_RANDOMNESS_UNAVAILABLE,
    bcs: flag('ExecutionCancelledDueToRandomnessUnavailable'),
  },
  MoveVectorElemTooBig: {
    proto: ErrorKind.MOVE_VECTOR_ELEM_TOO_BIG,
    bcs: () => ({ MoveVectorElemTooBig: valueSizes }),
  },
  MoveRawValueTooBig: {
    proto: ErrorKind.MOVE_RAW_VALUE_TOO_BIG,
    bcs: () => ({ MoveRawValueTooBig: valueSizes }),
  },
  InvalidLinkage: { proto: ErrorKind.INVALID_LINKAGE, bcs: flag('InvalidLinkage') },
  InsufficientBalanceForWithdraw: {
    proto: ErrorKind.INSUFFICIENT_FUNDS_FOR_WITHDRAW,
    bcs: flag('InsufficientBalanceForWithdraw'),
  },
  NonExclusiveWriteInputObjectModified: {
    proto: ErrorKind.NON_EXCLUSIVE_WRITE_INPUT_OBJECT_MODIFIED,
    bcs: () => ({ NonExclusiveWriteInputObjectModified: { id: ZERO_ADDRESS } }),
  },
};

const FAILURE_ALIASES: Record<string, string> = {
  ObjectTooBig: 'MoveObjectTooBig',
  PackageTooBig: 'MovePackageTooBig',
  ConsensusObjectOperationNotAllowed: 'SharedObjectOperationNotAllowed',
  InsufficientFundsForWithdraw: 'InsufficientBalanceForWithdraw',
  ExecutionCanceledDueToConsensusObjectCongestion: 'ExecutionCancelledDueToSharedObjectCongestion',
  ExecutionCanceledDueToRandomnessUnavailable: 'ExecutionCancelledDueToRandomnessUnavailable',
};

/** Unknown kinds fall back to `InvariantViolation` in BCS and `EXECUTION_ERROR_KIND_UNKNOWN` in proto. */
function failureKind(kind: string): FailureKind | undefined {
  return FAILURE_KINDS[kind] ?? FAILURE_KINDS[FAILURE_ALIASES[kind] ?? ''];
}

export function executionStatusToBcs(status: ExecutionStatus): BcsExecutionStatus {
  if (status.success) return { Success: true };
  const error = (failureKind(status.kind) ?? FAILURE_KINDS.InvariantViolation!).bcs(status);
  return { Failure: { error, command: status.command === undefined ? null : BigInt(status.command) } };
}

export function executionStatusToProto(status: ExecutionStatus): GrpcTypes.ExecutionStatus {
  if (status.success) return { success: true };
  const error: GrpcTypes.ExecutionError = {
    description: status.message,
    kind: failureKind(status.kind)?.proto ?? ErrorKind.EXECUTION_ERROR_KIND_UNKNOWN,
    errorDetails: { oneofKind: undefined },
  };
  if (status.command !== undefined) error.command = BigInt(status.command);
  if (status.abort) {
    error.errorDetails = {
      oneofKind: 'abort',
      abort: {
        abortCode: status.abort.code,
        location: {
          package: status.abort.packageId,
          module: status.abort.module,
          functionName: status.abort.function,
        },
      },
    };
  }
  return { success: false, error };
}

// ---------------------------------------------------------------------------------------------------------
// Changed objects
// ---------------------------------------------------------------------------------------------------------

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

function protoObjectType(type: string): string {
  return type === 'package' ? type : typeToString(type);
}

function idOperationToProto(op: ObjectChange['idOperation']): GrpcTypes.ChangedObject_IdOperation {
  const IdOp = GrpcTypes.ChangedObject_IdOperation;
  return op === 'created' ? IdOp.CREATED : op === 'deleted' ? IdOp.DELETED : IdOp.NONE;
}

export function changedObjectToProto(change: ObjectChange): GrpcTypes.ChangedObject {
  const proto: GrpcTypes.ChangedObject = {
    objectId: change.id,
    idOperation: idOperationToProto(change.idOperation),
    objectType: protoObjectType(change.type),
  };
  if (change.input) {
    proto.inputState = GrpcTypes.ChangedObject_InputObjectState.EXISTS;
    proto.inputVersion = change.input.version;
    proto.inputDigest = change.input.digest;
    proto.inputOwner = ownerToProto(change.input.owner);
  } else {
    proto.inputState = GrpcTypes.ChangedObject_InputObjectState.DOES_NOT_EXIST;
  }
  if (!change.output) {
    proto.outputState = GrpcTypes.ChangedObject_OutputObjectState.DOES_NOT_EXIST;
  } else {
    proto.outputVersion = change.output.version;
    proto.outputDigest = change.output.digest;
    if (isPackageChange(change)) {
      proto.outputState = GrpcTypes.ChangedObject_OutputObjectState.PACKAGE_WRITE;
    } else {
      proto.outputState = GrpcTypes.ChangedObject_OutputObjectState.OBJECT_WRITE;
      proto.outputOwner = ownerToProto(change.output.owner);
    }
  }
  return proto;
}

// ---------------------------------------------------------------------------------------------------------
// Effects
// ---------------------------------------------------------------------------------------------------------

/** The SDK's `bcs.TransactionEffects` value (V2) for the record fields. */
export function effectsValue(input: EffectsInput): typeof bcs.TransactionEffects.$inferInput {
  const changes = canonicalChangedObjects(input.changedObjects);
  for (const change of changes) {
    // BCS `ObjectWrite` carries no version: readers take the lamport version, so the record must agree.
    if (change.output && !isPackageChange(change) && change.output.version !== input.lamportVersion) {
      throw new Error(
        `Changed object ${change.id} is written at version ${change.output.version}, ` +
          `but the transaction's lamport version is ${input.lamportVersion}`,
      );
    }
  }
  const v2: EffectsV2Input = {
    status: executionStatusToBcs(input.status),
    executedEpoch: input.epoch,
    gasUsed: input.gasUsed,
    transactionDigest: input.digest,
    gasObjectIndex: gasObjectIndex(changes, input.gasObjectId),
    eventsDigest: input.eventsDigest ?? null,
    dependencies: input.dependencies,
    lamportVersion: input.lamportVersion,
    changedObjects: changes.map(changeToBcs),
    unchangedConsensusObjects: input.unchangedShared.map(
      (o) => [o.id, { ReadOnlyRoot: [o.version, o.digest] }] as BcsUnchanged,
    ),
    auxDataDigest: null,
  };
  return { V2: v2 };
}

/** Base58 effects digest: `Blake2b256("TransactionEffects::" || bcs(TransactionEffects))`. */
export function effectsDigest(effectsBcs: Uint8Array): string {
  return typedDigest('TransactionEffects', effectsBcs);
}

/** BCS `TransactionEffects::V2` bytes for the record fields, and their digest. */
export function effectsToBcs(input: EffectsInput): { bcs: Uint8Array; digest: string } {
  const bytes = bcs.TransactionEffects.serialize(effectsValue(input)).toBytes();
  return { bcs: bytes, digest: effectsDigest(bytes) };
}

/** Structured `sui.rpc.v2.TransactionEffects` (version 2) for a record; `bcs`/`digest` come from the record. */
export function effectsToProto(
  record: EffectsInput & Pick<TransactionRecord, 'effectsBcs' | 'effectsDigest'>,
): GrpcTypes.TransactionEffects {
  const changes = canonicalChangedObjects(record.changedObjects).map(changedObjectToProto);
  const effects: GrpcTypes.TransactionEffects = {
    bcs: bcsValue('TransactionEffects', record.effectsBcs),
    digest: record.effectsDigest,
    version: 2,
    status: executionStatusToProto(record.status),
    epoch: record.epoch,
    gasUsed: { ...record.gasUsed },
    transactionDigest: record.digest,
    dependencies: [...record.dependencies],
    lamportVersion: record.lamportVersion,
    changedObjects: changes,
    unchangedConsensusObjects: record.unchangedShared.map((o) => ({
      kind: GrpcTypes.UnchangedConsensusObject_UnchangedConsensusObjectKind.READ_ONLY_ROOT,
      objectId: o.id,
      version: o.version,
      digest: o.digest,
    })),
    unchangedLoadedRuntimeObjects: [],
  };
  const gas =
    record.gasObjectId === undefined ? undefined : changes.find((c) => c.objectId === record.gasObjectId);
  if (gas) effects.gasObject = { ...gas };
  if (record.eventsDigest !== undefined) effects.eventsDigest = record.eventsDigest;
  return effects;
}

// ---------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------

/** Sui's `Event`: `package_id, transaction_module, sender, type_ (StructTag), contents`. */
const EventBcs = bcs.struct('Event', {
  packageId: bcs.Address,
  module: bcs.string(),
  sender: bcs.Address,
  type: bcs.StructTag,
  contents: bcs.byteVector(),
});
/** Sui's `TransactionEvents(Vec<Event>)`. */
const TransactionEventsBcs = bcs.vector(EventBcs);

export function eventsToBcs(events: readonly EventRecord[]): Uint8Array {
  return TransactionEventsBcs.serialize(
    events.map((e) => ({
      packageId: e.packageId,
      module: e.module,
      sender: e.sender,
      type: structTagFromString(e.type),
      contents: e.contents,
    })),
  ).toBytes();
}

/** Base58 events digest: `Blake2b256("TransactionEvents::" || bcs(TransactionEvents))`, for `eventsDigest`. */
export function eventsDigest(events: readonly EventRecord[]): string {
  return typedDigest('TransactionEvents', eventsToBcs(events));
}

/** Context `ListEvents`-style answers carry; leave it out for events inside an ExecutedTransaction. */
export interface EventContext {
  transactionDigest?: string;
  eventIndex?: number;
  checkpoint?: bigint;
  transactionIndex?: bigint;
}

export function eventToProto(event: EventRecord, context: EventContext = {}): GrpcTypes.Event {
  const eventType = typeToString(event.type);
  const proto: GrpcTypes.Event = {
    packageId: event.packageId,
    module: event.module,
    sender: event.sender,
    eventType,
    contents: bcsValue(eventType, event.contents),
  };
  if (context.transactionDigest !== undefined) proto.transactionDigest = context.transactionDigest;
  if (context.eventIndex !== undefined) proto.eventIndex = context.eventIndex;
  if (context.checkpoint !== undefined) proto.checkpoint = context.checkpoint;
  if (context.transactionIndex !== undefined) proto.transactionIndex = context.transactionIndex;
  return proto;
}

export function eventsToProto(events: readonly EventRecord[], digest?: string): GrpcTypes.TransactionEvents {
  const proto: GrpcTypes.TransactionEvents = { events: events.map((e) => eventToProto(e)) };
  if (events.length > 0) {
    const bytes = eventsToBcs(events);
    proto.bcs = bcsValue('TransactionEvents', bytes);
    proto.digest = digest ?? typedDigest('TransactionEvents', bytes);
  }
  return proto;
}

// ---------------------------------------------------------------------------------------------------------
// Signatures, balance changes, the executed transaction
// ---------------------------------------------------------------------------------------------------------

const SIMPLE_SCHEMES: Record<number, { scheme: GrpcTypes.SignatureScheme; publicKeyLength: number }> = {
  0: { scheme: GrpcTypes.SignatureScheme.ED25519, publicKeyLength: 32 },
  1: { scheme: GrpcTypes.SignatureScheme.SECP256K1, publicKeyLength: 33 },
  2: { scheme: GrpcTypes.SignatureScheme.SECP256R1, publicKeyLength: 33 },
};

/** Serialized user signature (flag ‖ sig ‖ pk, or multisig/zklogin/passkey) -> `UserSignature`. */
export function signatureToProto(signature: Uint8Array): GrpcTypes.UserSignature {
  const proto: GrpcTypes.UserSignature = {
    bcs: bcsValue('UserSignature', signature),
    signature: { oneofKind: undefined },
  };
  const flagByte = signature[0];
  if (flagByte === undefined) return proto;
  const simple = SIMPLE_SCHEMES[flagByte];
  if (simple && signature.length === 1 + 64 + simple.publicKeyLength) {
    proto.scheme = simple.scheme;
    proto.signature = {
      oneofKind: 'simple',
      simple: { scheme: simple.scheme, signature: signature.slice(1, 65), publicKey: signature.slice(65) },
    };
  } else if (flagByte in GrpcTypes.SignatureScheme && flagByte >= 3) {
    proto.scheme = flagByte as GrpcTypes.SignatureScheme;
  }
  return proto;
}

export function balanceChangeToProto(change: BalanceChange): GrpcTypes.BalanceChange {
  return {
    address: change.address,
    coinType: typeToString(change.coinType),
    amount: change.amount.toString(),
  };
}

/**
 * TransactionRecord -> `ExecutedTransaction` with every field the SDK reads: `digest`, structured
 * `transaction` (with `bcs` and `digest`), `signatures`, `effects`, `events`, `balance_changes`,
 * `checkpoint` and `timestamp`. The RPC layer applies read masks (and drops `checkpoint`/`timestamp` for
 * simulations).
 */
export function executedTransactionToProto(record: TransactionRecord): GrpcTypes.ExecutedTransaction {
  return {
    digest: record.digest,
    transaction: transactionBcsToProto(record.transactionBcs),
    signatures: record.signatures.map(signatureToProto),
    effects: effectsToProto(record),
    events: eventsToProto(record.events, record.eventsDigest),
    checkpoint: record.checkpoint,
    timestamp: msToTimestamp(record.timestampMs),
    balanceChanges: record.balanceChanges.map(balanceChangeToProto),
  };
}
