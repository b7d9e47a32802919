/**
 * TransactionRecord -> `sui.rpc.v2.ExecutedTransaction`. The BCS `TransactionEffects::V2` the record
 * keeps in `effectsBcs`, the failure kinds' BCS encoding, the canonical order of changed objects and the
 * events BCS/digest come from the ledger core (`core/effects-bcs.ts`, `core/digests.ts`); this module adds
 * the proto half, in the same order, so `effects.bcs` and the structured effects agree.
 *
 * Package convention: an {@link ObjectChange} whose `type` is `'package'` is a package write (BCS
 * `PackageWrite(version, digest)`, proto `PACKAGE_WRITE`), matching gRPC's `object_type = "package"`.
 */

import { GrpcTypes } from '@mysten/sui/grpc';
import { eventsBcs, eventsDigest } from '../../core/digests.js';
import {
  canonicalChangedObjects,
  type EffectsFields,
  type FailureKind,
  failureKind,
  isPackageChange,
} from '../../core/effects-bcs.js';
import type {
  BalanceChange,
  EventRecord,
  ExecutionStatus,
  ObjectChange,
  TransactionRecord,
} from '../../core/types.js';
import { bcsValue, msToTimestamp, ownerToProto, typeToString } from './common.js';
import { transactionBcsToProto } from './transaction-to-proto.js';

// ---------------------------------------------------------------------------------------------------------
// Execution status
// ---------------------------------------------------------------------------------------------------------

const ErrorKind = GrpcTypes.ExecutionError_ExecutionErrorKind;

/**
 * The proto half of the failure-kind table: the `ExecutionErrorKind` for each failure kind the core
 * encodes in BCS (`FAILURE_KINDS_BCS`, same names; aliases resolve through `failureKind`).
 */
const FAILURE_KINDS_PROTO: Record<FailureKind, GrpcTypes.ExecutionError_ExecutionErrorKind> = {
  InsufficientGas: ErrorKind.INSUFFICIENT_GAS,
  InvalidGasObject: ErrorKind.INVALID_GAS_OBJECT,
  InvariantViolation: ErrorKind.INVARIANT_VIOLATION,
  FeatureNotYetSupported: ErrorKind.FEATURE_NOT_YET_SUPPORTED,
  MoveObjectTooBig: ErrorKind.OBJECT_TOO_BIG,
  MovePackageTooBig: ErrorKind.PACKAGE_TOO_BIG,
  CircularObjectOwnership: ErrorKind.CIRCULAR_OBJECT_OWNERSHIP,
  InsufficientCoinBalance: ErrorKind.INSUFFICIENT_COIN_BALANCE,
  CoinBalanceOverflow: ErrorKind.COIN_BALANCE_OVERFLOW,
  PublishErrorNonZeroAddress: ErrorKind.PUBLISH_ERROR_NON_ZERO_ADDRESS,
  SuiMoveVerificationError: ErrorKind.SUI_MOVE_VERIFICATION_ERROR,
  MovePrimitiveRuntimeError: ErrorKind.MOVE_PRIMITIVE_RUNTIME_ERROR,
  MoveAbort: ErrorKind.MOVE_ABORT,
  VMVerificationOrDeserializationError: ErrorKind.VM_VERIFICATION_OR_DESERIALIZATION_ERROR,
  VMInvariantViolation: ErrorKind.VM_INVARIANT_VIOLATION,
  FunctionNotFound: ErrorKind.FUNCTION_NOT_FOUND,
  ArityMismatch: ErrorKind.ARITY_MISMATCH,
  TypeArityMismatch: ErrorKind.TYPE_ARITY_MISMATCH,
  NonEntryFunctionInvoked: ErrorKind.NON_ENTRY_FUNCTION_INVOKED,
  CommandArgumentError: ErrorKind.COMMAND_ARGUMENT_ERROR,
  TypeArgumentError: ErrorKind.TYPE_ARGUMENT_ERROR,
  UnusedValueWithoutDrop: ErrorKind.UNUSED_VALUE_WITHOUT_DROP,
  InvalidPublicFunctionReturnType: ErrorKind.INVALID_PUBLIC_FUNCTION_RETURN_TYPE,
  InvalidTransferObject: ErrorKind.INVALID_TRANSFER_OBJECT,
  EffectsTooLarge: ErrorKind.EFFECTS_TOO_LARGE,
  PublishUpgradeMissingDependency: ErrorKind.PUBLISH_UPGRADE_MISSING_DEPENDENCY,
  PublishUpgradeDependencyDowngrade: ErrorKind.PUBLISH_UPGRADE_DEPENDENCY_DOWNGRADE,
  PackageUpgradeError: ErrorKind.PACKAGE_UPGRADE_ERROR,
  WrittenObjectsTooLarge: ErrorKind.WRITTEN_OBJECTS_TOO_LARGE,
  CertificateDenied: ErrorKind.CERTIFICATE_DENIED,
  SuiMoveVerificationTimedout: ErrorKind.SUI_MOVE_VERIFICATION_TIMEDOUT,
  SharedObjectOperationNotAllowed: ErrorKind.CONSENSUS_OBJECT_OPERATION_NOT_ALLOWED,
  InputObjectDeleted: ErrorKind.INPUT_OBJECT_DELETED,
  ExecutionCancelledDueToSharedObjectCongestion:
    ErrorKind.EXECUTION_CANCELED_DUE_TO_CONSENSUS_OBJECT_CONGESTION,
  AddressDeniedForCoin: ErrorKind.ADDRESS_DENIED_FOR_COIN,
  CoinTypeGlobalPause: ErrorKind.COIN_TYPE_GLOBAL_PAUSE,
  ExecutionCancelledDueToRandomnessUnavailable: ErrorKind.EXECUTION_CANCELED_DUE_TO_RANDOMNESS_UNAVAILABLE,
  MoveVectorElemTooBig: ErrorKind.MOVE_VECTOR_ELEM_TOO_BIG,
  MoveRawValueTooBig: ErrorKind.MOVE_RAW_VALUE_TOO_BIG,
  InvalidLinkage: ErrorKind.INVALID_LINKAGE,
  InsufficientBalanceForWithdraw: ErrorKind.INSUFFICIENT_FUNDS_FOR_WITHDRAW,
  NonExclusiveWriteInputObjectModified: ErrorKind.NON_EXCLUSIVE_WRITE_INPUT_OBJECT_MODIFIED,
  // Unit `CommandArgumentError` kinds.
  TypeMismatch: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidBCSBytes: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidUsageOfPureArg: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidArgumentToPrivateEntryFunction: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidGasCoinUsage: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidValueUsage: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidObjectByValue: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidObjectByMutRef: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidArgumentArity: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidMakeMoveVecNonObjectArgument: ErrorKind.COMMAND_ARGUMENT_ERROR,
  ArgumentWithoutValue: ErrorKind.COMMAND_ARGUMENT_ERROR,
  CannotMoveBorrowedValue: ErrorKind.COMMAND_ARGUMENT_ERROR,
  CannotWriteToExtendedReference: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidReferenceArgument: ErrorKind.COMMAND_ARGUMENT_ERROR,
  InvalidTxContext: ErrorKind.COMMAND_ARGUMENT_ERROR,
};

/** Unknown failure kinds report `EXECUTION_ERROR_KIND_UNKNOWN` (and encode as `InvariantViolation` in BCS). */
export function executionStatusToProto(status: ExecutionStatus): GrpcTypes.ExecutionStatus {
  if (status.success) return { success: true };
  const kindName = failureKind(status.kind);
  const error: GrpcTypes.ExecutionError = {
    description: status.message,
    kind: kindName === undefined ? ErrorKind.EXECUTION_ERROR_KIND_UNKNOWN : FAILURE_KINDS_PROTO[kindName],
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

/** An object's type for the proto; undefined when unknown (an object unwrapped and deleted in one go). */
function protoObjectType(type: string): string | undefined {
  if (type === '') return undefined;
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

/** Structured `sui.rpc.v2.TransactionEffects` (version 2) for a record; `bcs`/`digest` come from the record. */
export function effectsToProto(
  record: EffectsFields & Pick<TransactionRecord, 'effectsBcs' | 'effectsDigest'>,
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
    proto.bcs = bcsValue('TransactionEvents', eventsBcs(events));
    proto.digest = digest ?? eventsDigest(events);
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
