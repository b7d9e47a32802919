/**
 * The ledger core's data model. Everything here is transport-free: the gRPC front, the in-process
 * transport and persistence all convert from and to these shapes.
 *
 * Addresses and object ids are always normalized: `0x` + 64 lowercase hex digits.
 * Digests (transactions, objects, checkpoints, events) are base58 strings of 32 bytes, as Sui prints them.
 * Wherever a shape exists as a BCS type in `@mysten/sui/bcs`, the record keeps the values that type
 * serializes, so digests and `bcs` fields are computed by the SDK's own codecs.
 */

/** Who owns an object, as Sui's `Owner` enum. */
export type Owner =
  | { kind: 'address'; address: string }
  | { kind: 'object'; address: string }
  | { kind: 'shared'; initialSharedVersion: bigint }
  | { kind: 'immutable' };

/** One live Move object. Packages are not objects here; see {@link PackageRecord}. */
export interface ObjectRecord {
  /** Normalized object id. */
  id: string;
  /** Lamport version assigned by the transaction that last wrote it. */
  version: bigint;
  /** Base58 digest of the object's BCS (`ObjectInner`), as Sui computes it. */
  digest: string;
  owner: Owner;
  /** Full Move struct type, normalized, e.g. `0x0000…0002::coin::Coin<0x0000…0002::sui::SUI>`. */
  type: string;
  /** BCS bytes of the Move struct (starts with the 32-byte UID). */
  contents: Uint8Array;
  hasPublicTransfer: boolean;
  /** Digest of the transaction that last wrote this object. */
  previousTransaction: string;
  storageRebate: bigint;
}

/** A published package: its id, version and module names (functions are natives in the registry). */
export interface PackageRecord {
  id: string;
  version: bigint;
  digest: string;
  modules: string[];
  previousTransaction: string;
}

/** An event emitted by a transaction. */
export interface EventRecord {
  packageId: string;
  module: string;
  sender: string;
  /** Full Move struct type of the event. */
  type: string;
  /** BCS of the event struct. */
  contents: Uint8Array;
}

/** How one object changed in a transaction (the structured form of `EffectsObjectChange`). */
export interface ObjectChange {
  id: string;
  /** State before the transaction; undefined when the object did not exist (created or unwrapped). */
  input?: { version: bigint; digest: string; owner: Owner };
  /** State after; undefined when deleted or wrapped. */
  output?: { version: bigint; digest: string; owner: Owner; type: string };
  idOperation: 'none' | 'created' | 'deleted';
  /** Object type (from input or output); '' when unknown (a wrapped object unwrapped and deleted at once). */
  type: string;
}

export interface GasCostSummary {
  computationCost: bigint;
  storageCost: bigint;
  storageRebate: bigint;
  nonRefundableStorageFee: bigint;
}

/** Execution outcome. Failures name the Move location and abort code where there is one. */
export type ExecutionStatus =
  | { success: true }
  | {
      success: false;
      /** Short machine name, e.g. `MoveAbort`, `InsufficientGas`, `InsufficientCoinBalance`. */
      kind: string;
      /** Human message, e.g. `MoveAbort in 0x2::balance::split (code 2)`. */
      message: string;
      /** Index of the command that failed, if any. */
      command?: number;
      abort?: { packageId: string; module: string; function: string; code: bigint };
    };

export interface BalanceChange {
  address: string;
  coinType: string;
  /** Signed amount. */
  amount: bigint;
}

/** Everything known about one executed transaction. */
export interface TransactionRecord {
  digest: string;
  /** BCS `TransactionData`. */
  transactionBcs: Uint8Array;
  /** Serialized user signatures (flag ‖ sig ‖ pk, or multisig). */
  signatures: Uint8Array[];
  /** BCS `TransactionEffects` (V2), computed with the SDK codec from the fields below. */
  effectsBcs: Uint8Array;
  effectsDigest: string;
  status: ExecutionStatus;
  gasUsed: GasCostSummary;
  /** The gas coin's id (the first gas payment object), if any. */
  gasObjectId?: string;
  lamportVersion: bigint;
  epoch: bigint;
  changedObjects: ObjectChange[];
  /** Shared objects read but not written (id, version, digest). */
  unchangedShared: { id: string; version: bigint; digest: string }[];
  dependencies: string[];
  events: EventRecord[];
  eventsDigest?: string;
  balanceChanges: BalanceChange[];
  checkpoint: bigint;
  /** Milliseconds since the Unix epoch (the clock at execution). */
  timestampMs: bigint;
}

export interface CheckpointRecord {
  sequenceNumber: bigint;
  digest: string;
  epoch: bigint;
  timestampMs: bigint;
  transactions: string[];
  previousDigest?: string;
}
