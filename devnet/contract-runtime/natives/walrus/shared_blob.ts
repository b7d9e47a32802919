/**
 * Natives of `walrus::shared_blob`: a `Blob` wrapped in a shared `SharedBlob` with WAL funds that
 * anyone may add to and that pay the blob's extensions (the publisher's `share=true`).
 */
import type { CoinValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { BlobValue, SharedBlobValue, SystemValue } from '../../generated/move-types.js';
import { effect, implement } from '../support/implement.js';
import { joinBalance, newUid, walrusType } from '../support/natives-kit.js';
import { extendBlob } from './system.js';

function share(ctx: NativeContext, sharedBlob: SharedBlobValue): void {
  ctx.transfer(walrusType(ctx, 'shared_blob', 'SharedBlob'), sharedBlob, {
    kind: 'shared',
    initialSharedVersion: 0n,
  });
}

/** Shares `blob` as a `SharedBlob` with no funds. */
export function newSharedBlob(ctx: NativeContext, blob: BlobValue): void {
  share(ctx, { id: newUid(ctx), blob, funds: { value: 0n } });
}

/** Shares `blob` as a `SharedBlob` funded with the whole `funds` coin. */
export function newFunded(ctx: NativeContext, blob: BlobValue, funds: CoinValue): void {
  ctx.deleteObject(funds.id.id.bytes);
  share(ctx, { id: newUid(ctx), blob, funds: { value: funds.balance.value } });
}

/** Adds the whole `addedFunds` coin to the funds. */
export function fund(ctx: NativeContext, self: SharedBlobValue, addedFunds: CoinValue): void {
  ctx.deleteObject(addedFunds.id.id.bytes);
  joinBalance(self.funds, addedFunds.balance.value);
}

/** Extends the wrapped blob by `extendedEpochs` epochs, paid from the funds; what is left stays. */
export function extend(
  ctx: NativeContext,
  self: SharedBlobValue,
  system: SystemValue,
  extendedEpochs: number,
): void {
  // Move withdraws the funds into a coin, pays from it and joins the rest back; the coin never
  // leaves the transaction, so it is a value here, not an object.
  const coin: CoinValue = { id: newUid(ctx), balance: { value: self.funds.value } };
  self.funds.value = 0n;
  extendBlob(ctx, system, self.blob, extendedEpochs, coin);
  joinBalance(self.funds, coin.balance.value);
}

/** The natives of `walrus::shared_blob`. */
export const sharedBlobNatives = implement('shared_blob', {
  new: effect(newSharedBlob),
  new_funded: effect(newFunded),
  fund: effect(fund),
  extend: effect(extend),
});
