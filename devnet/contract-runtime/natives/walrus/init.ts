/**
 * Natives of `walrus::init`: publishing and starting Walrus. Publishing runs `init`, which gives the
 * publisher an `InitCap`; `initialize_walrus` spends it to create and share the `System` and
 * `Staking` objects.
 */
import type { IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { InitCapValue } from '../../generated/move-types.js';
import { effect, implement } from '../support/implement.js';
import { newUid, walrusAddresses, walrusType } from '../support/natives-kit.js';
import { create as createStaking } from './staking.js';
import * as system from './system.js';

/** The module initializer (run once, at publish time): hands the publisher the `InitCap`. */
export function init(ctx: NativeContext): void {
  ctx.transfer(walrusType(ctx, 'init', 'InitCap'), { id: newUid(ctx) } satisfies InitCapValue, {
    kind: 'address',
    address: ctx.sender,
  });
}

/** The id of this package (the address of its one-time witness type `INIT`). */
export function thisPackageId(ctx: NativeContext): IdValue {
  return { bytes: walrusAddresses(ctx).walrus };
}

/**
 * The natives of `walrus::init`: the private `init` (called at publish time by a trusted transaction
 * that passes the one-time witness as a pure `false` byte) and `initialize_walrus`, which spends the
 * `InitCap` and creates and shares the `System` (storage can be bought up to `maxEpochsAhead` epochs
 * ahead) and the `Staking` object (`nShards` shards; the first epoch change is allowed
 * `epochZeroDuration` ms from now, later epochs last `epochDuration` ms).
 */
export const initNatives = implement('init', {
  init: effect(init),
  initialize_walrus(ctx, [initCap, epochZeroDuration, epochDuration, nShards, maxEpochsAhead, clock]) {
    ctx.deleteObject(initCap.id.id.bytes);
    const packageId = thisPackageId(ctx);
    system.createEmpty(ctx, maxEpochsAhead, packageId);
    createStaking(ctx, epochZeroDuration, epochDuration, nShards, packageId, clock);
    return [];
  },
});
