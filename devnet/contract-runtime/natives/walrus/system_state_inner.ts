/**
 * Natives of `walrus::system_state_inner`: the epoch's BLS committee, capacity and prices, the
 * accounting of future epochs, and the blob operations that use them. No public functions: `system`
 * calls these twins on the state it keeps in a dynamic field.
 *
 * Costs are counted in units of 1 MiB of encoded size, rounded up: storage costs
 * `units * storage_price_per_unit_size` per epoch, paid into each epoch's rewards; writing costs
 * `units * write_price_per_unit_size` once, paid into the current epoch's rewards. The exact amounts
 * are split off the payment coin (a client that pays exactly leaves a zero coin it can destroy).
 */
import type { BalanceValue, CoinValue, IdValue } from '../../../ledger/core/natives/framework/values.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  type BlobValue,
  type BlsCommitteeValue,
  type EpochParamsValue,
  MOVE_CONSTANTS,
  type StorageValue,
  type SystemStateInnerV1Value,
} from '../../generated/move-types.js';
import { abort, abortAt, ID_TYPE, joinBalance, structType, T, u32, u64 } from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';
import * as blob from './blob.js';
import * as bls from './bls_aggregate.js';
import * as eventBlob from './event_blob.js';
import * as events from './events.js';
import * as extendedField from './extended_field.js';
import * as messages from './messages.js';
import * as accounting from './storage_accounting.js';
import * as storageResource from './storage_resource.js';

/** The most epochs ahead a system may sell storage for. */
export const MAX_MAX_EPOCHS_AHEAD = MOVE_CONSTANTS.system_state_inner.MAX_MAX_EPOCHS_AHEAD;
/** The size of a storage unit: 1 MiB. */
export const BYTES_PER_UNIT_SIZE = MOVE_CONSTANTS.system_state_inner.BYTES_PER_UNIT_SIZE;

const M = 'system_state_inner';

/** The Move type `VecMap<ID, u64>` of the deny-list sizes. */
function denyListType(): ReturnType<typeof structType> {
  return structType(SUI_FRAMEWORK, 'vec_map', 'VecMap', [ID_TYPE, T.u64]);
}

/** An epoch-0 state: no committee, no capacity, zero prices. */
export function createEmpty(ctx: NativeContext, maxEpochsAhead: number): SystemStateInnerV1Value {
  if (!(maxEpochsAhead > 0 && maxEpochsAhead <= MAX_MAX_EPOCHS_AHEAD))
    abort(ctx, M, 'create_empty', 'EInvalidMaxEpochsAhead');
  return {
    committee: bls.newBlsCommittee(ctx, 0, []),
    total_capacity_size: 0n,
    used_capacity_size: 0n,
    storage_price_per_unit_size: 0n,
    write_price_per_unit_size: 0n,
    future_accounting: accounting.ringNew(ctx, maxEpochsAhead),
    event_blob_certification_state: eventBlob.createWithEmptyState(ctx),
    deny_list_sizes: extendedField.newExtendedField(ctx, { contents: [] }, denyListType()),
  };
}

/**
 * Moves to the next epoch with `newCommittee` and `params`. Returns the finished epoch's rewards (what
 * is left after the burn) split over its committee by shard weight, in member order; the rounding
 * remainder goes to the new epoch.
 */
export function advanceEpoch(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  newCommittee: BlsCommitteeValue,
  params: EpochParamsValue,
): VecMapValue<IdValue, BalanceValue> {
  const finishedEpoch = self.committee.epoch;
  if (newCommittee.epoch !== finishedEpoch + 1) abort(ctx, M, 'advance_epoch', 'EIncorrectCommittee');
  const oldCommittee = self.committee;
  self.committee = newCommittee;

  const finished = accounting.ringPopExpand(ctx, self.future_accounting);
  if (finished.epoch !== finishedEpoch) abort(ctx, M, 'advance_epoch', 'EInvalidAccountingEpoch');
  eventBlob.reset(ctx, self.event_blob_certification_state);

  self.used_capacity_size = accounting.ringLookup(ctx, self.future_accounting, 0).used_capacity;
  self.total_capacity_size = maxU64(params.total_capacity_size, self.used_capacity_size);
  self.storage_price_per_unit_size = params.storage_price_per_unit_size;
  self.write_price_per_unit_size = params.write_price_per_unit_size;

  const rewards = accounting.unwrapBalance(ctx, finished);
  const totalRewards = rewards.value;
  const totalWeight = BigInt(oldCommittee.n_shards);
  const weights = bls.toVecMap(ctx, oldCommittee);
  const shares = weights.contents.map(({ key, value: weight }) => {
    const amount = totalWeight === 0n ? 0n : (totalRewards * BigInt(weight)) / totalWeight;
    rewards.value -= amount;
    return { key, value: { value: amount } as BalanceValue };
  });
  joinBalance(accounting.ringLookupMut(ctx, self.future_accounting, 0).rewards_to_distribute, rewards.value);
  return { contents: shares };
}

/** Takes the part of the current epoch's rewards to burn at its end (3%). */
export function extractBurnBalance(ctx: NativeContext, self: SystemStateInnerV1Value): BalanceValue {
  return accounting.extractBurnBalance(ctx, self.future_accounting);
}

/** Sells `storageAmount` bytes for `epochsAhead` epochs from the current one. */
export function reserveSpace(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  storageAmount: bigint,
  epochsAhead: number,
  payment: CoinValue,
): StorageValue {
  if (epochsAhead <= 0) abort(ctx, M, 'reserve_space', 'EInvalidEpochsAhead');
  if (epochsAhead > accounting.maxEpochsAhead(ctx, self.future_accounting))
    abort(ctx, M, 'reserve_space', 'EInvalidEpochsAhead');
  if (storageAmount <= 0n) abort(ctx, M, 'reserve_space', 'EInvalidResourceSize');
  payStorage(ctx, self, storageAmount, 0, epochsAhead, payment);
  occupyCapacity(ctx, self, storageAmount, 0, epochsAhead);
  const start = epoch(ctx, self);
  return storageResource.createStorage(
    ctx,
    start,
    u32(start + epochsAhead, `${M}::reserve_space`),
    storageAmount,
  );
}

/** Registers a blob on `storage` and charges the write cost. */
export function registerBlob(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  storage: StorageValue,
  blobId: bigint,
  rootHash: bigint,
  size: bigint,
  encodingType: number,
  deletable: boolean,
  writePayment: CoinValue,
): BlobValue {
  const nShards = self.committee.n_shards;
  const registration: blob.BlobRegistration = [storage, blobId, rootHash, size, encodingType, deletable];
  const registered = blob.newBlob(ctx, registration, epoch(ctx, self), nShards);
  const cost = u64(
    storageUnits(blob.encodedSize(ctx, registered, nShards)) * self.write_price_per_unit_size,
    `${M}::register_blob`,
  );
  const paid = splitBalance(ctx, writePayment.balance, cost);
  joinBalance(accounting.ringLookupMut(ctx, self.future_accounting, 0).rewards_to_distribute, paid.value);
  return registered;
}

/** Certifies `blob` with a quorum certificate of the current committee. */
export function certifyBlob(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  target: BlobValue,
  signature: Uint8Array,
  signersBitmap: Uint8Array,
  message: Uint8Array,
): void {
  const certified = bls.verifyQuorumInEpoch(ctx, self.committee, signature, signersBitmap, message);
  if (certified.cert_epoch !== epoch(ctx, self)) abort(ctx, M, 'certify_blob', 'EInvalidIdEpoch');
  blob.certifyWithCertifiedMsg(ctx, target, epoch(ctx, self), messages.certifyBlobMessage(ctx, certified));
}

/** Deletes a deletable blob and returns its storage. */
export function deleteBlob(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  target: BlobValue,
): StorageValue {
  return blob.deleteBlob(ctx, target, epoch(ctx, self));
}

/** Extends a certified blob with another reservation of the same size (see `blob`). */
export function extendBlobWithResource(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  target: BlobValue,
  extension: StorageValue,
): void {
  blob.extendWithResource(ctx, target, extension, epoch(ctx, self));
}

/** Extends a certified blob by `extendedEpochs` epochs, charging storage for them. */
export function extendBlob(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  target: BlobValue,
  extendedEpochs: number,
  payment: CoinValue,
): void {
  const currentEpoch = epoch(ctx, self);
  blob.assertCertifiedNotExpired(ctx, target, currentEpoch);
  if (extendedEpochs <= 0) abort(ctx, M, 'extend_blob', 'EInvalidEpochsAhead');
  const startOffset = target.storage.end_epoch - currentEpoch;
  const endOffset = u32(startOffset + extendedEpochs, `${M}::extend_blob`);
  if (endOffset > accounting.maxEpochsAhead(ctx, self.future_accounting))
    abort(ctx, M, 'extend_blob', 'EInvalidEpochsAhead');
  const storageSize = target.storage.storage_size;
  payStorage(ctx, self, storageSize, startOffset, endOffset, payment);
  occupyCapacity(ctx, self, storageSize, startOffset, endOffset);
  storageResource.extendEndEpoch(ctx, target.storage, extendedEpochs);
  blob.emitCertified(ctx, target, currentEpoch, true);
}

/**
 * Checks a certificate (signed by at least one correct node) that a blob id is invalid, emits
 * `InvalidBlobID` and returns the blob id.
 */
export function invalidateBlobId(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  signature: Uint8Array,
  membersBitmap: Uint8Array,
  message: Uint8Array,
): bigint {
  const certified = bls.verifyOneCorrectNodeInEpoch(ctx, self.committee, signature, membersBitmap, message);
  const certEpoch = certified.cert_epoch;
  if (certEpoch !== epoch(ctx, self)) abort(ctx, M, 'invalidate_blob_id', 'EInvalidIdEpoch');
  const blobId = messages.invalidBlobIdMessage(ctx, certified).blob_id;
  events.emitInvalidBlobId(ctx, certEpoch, blobId);
  return blobId;
}

// === Accessors ===

/** The current epoch: the committee's. */
export function epoch(_ctx: NativeContext, self: SystemStateInnerV1Value): number {
  return self.committee.epoch;
}

/** The number of shards: the committee's. */
export function nShards(_ctx: NativeContext, self: SystemStateInnerV1Value): number {
  return self.committee.n_shards;
}

/** The current committee (live). */
export function committee(_ctx: NativeContext, self: SystemStateInnerV1Value): BlsCommitteeValue {
  return self.committee;
}

// === Internal ===

/** `u64::max`. */
function maxU64(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Units of 1 MiB, rounded up. */
export function storageUnits(size: bigint): bigint {
  return u64(size + BYTES_PER_UNIT_SIZE - 1n, `${M}::storage_units`) / BYTES_PER_UNIT_SIZE;
}

/** `balance::split`: aborts with balance's `ENotEnough` (2) if the balance is too small. */
function splitBalance(ctx: NativeContext, balance: BalanceValue, amount: bigint): BalanceValue {
  if (balance.value < amount)
    abortAt(ctx, { address: SUI_FRAMEWORK, module: 'balance', function: 'split' }, 2);
  balance.value -= amount;
  return { value: amount };
}

/**
 * Splits one epoch's storage cost off `payment` for each epoch offset in `[start, end)`, into that
 * epoch's rewards. Aborts (balance `ENotEnough`) if the coin is too small.
 */
function payStorage(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  storageSize: bigint,
  startOffset: number,
  endOffset: number,
  payment: CoinValue,
): void {
  const perEpoch = u64(storageUnits(storageSize) * self.storage_price_per_unit_size, `${M}::pay_storage`);
  for (let offset = startOffset; offset < endOffset; offset++) {
    const paid = splitBalance(ctx, payment.balance, perEpoch);
    joinBalance(
      accounting.ringLookupMut(ctx, self.future_accounting, offset).rewards_to_distribute,
      paid.value,
    );
  }
}

/** Counts `storageSize` as used for each epoch offset in `[start, end)`. */
function occupyCapacity(
  ctx: NativeContext,
  self: SystemStateInnerV1Value,
  storageSize: bigint,
  startOffset: number,
  endOffset: number,
): void {
  for (let offset = startOffset; offset < endOffset; offset++) {
    const used = accounting.increaseUsedCapacity(
      ctx,
      accounting.ringLookupMut(ctx, self.future_accounting, offset),
      storageSize,
    );
    if (used > self.total_capacity_size) abort(ctx, M, 'use_capacity', 'EStorageExceeded');
    if (offset === 0) self.used_capacity_size = used;
  }
}
