/**
 * Natives of `walrus::init`: publishing and starting Walrus. Publishing runs `init`, which gives the
 * publisher an `InitCap`; `initialize_walrus` spends it to create and share the `System` and
 * `Staking` objects.
 */
import type { IdValue, UidValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import {
  fn,
  newUid,
  type WalrusAddresses,
  walrusAddresses,
  walrusType,
  withWalrusAddresses,
} from '../support/natives-kit.js';
import { create as createStaking } from './staking.js';
import type { ClockValue } from './staking_inner.js';
import * as system from './system.js';

/** `InitCap`, decoded. */
export interface InitCapValue {
  id: UidValue;
}

/** The module initializer (run once, at publish time): hands the publisher the `InitCap`. */
export function init(ctx: NativeContext): void {
  ctx.transfer(walrusType(ctx, 'init', 'InitCap'), { id: newUid(ctx) } satisfies InitCapValue, {
    kind: 'address',
    address: ctx.sender,
  });
}

/**
 * Spends the `InitCap` and creates and shares the `System` (storage can be bought up to
 * `maxEpochsAhead` epochs ahead) and the `Staking` object (`nShards` shards; the first epoch change is
 * allowed `epochZeroDuration` ms from now, later epochs last `epochDuration` ms).
 */
export function initializeWalrus(
  ctx: NativeContext,
  initCap: InitCapValue,
  epochZeroDuration: bigint,
  epochDuration: bigint,
  nShards: number,
  maxEpochsAhead: number,
  clock: ClockValue,
): void {
  ctx.deleteObject(initCap.id.id.bytes);
  const packageId = thisPackageId(ctx);
  system.createEmpty(ctx, maxEpochsAhead, packageId);
  createStaking(ctx, epochZeroDuration, epochDuration, nShards, packageId, clock);
}

/** The id of this package (the address of its one-time witness type `INIT`). */
export function thisPackageId(ctx: NativeContext): IdValue {
  return { bytes: walrusAddresses(ctx).walrus };
}

/**
 * The `walrus::init` module: `INIT`, `InitCap`, the private `init` (called at publish time by a
 * trusted transaction that passes the one-time witness as a pure `false` byte) and
 * `initialize_walrus`.
 * @example registry.register(initModule(addresses))
 */
export function initModule(addresses: WalrusAddresses): NativeModule {
  const struct = { address: addresses.walrus, module: 'init', typeParams: [] };
  return withWalrusAddresses(
    {
      address: addresses.walrus,
      name: 'init',
      structs: [
        { ...struct, name: 'INIT', abilities: ['drop'], fields: [{ name: 'dummy_field', type: 'bool' }] },
        { ...struct, name: 'InitCap', abilities: ['key', 'store'], fields: [{ name: 'id', type: 'UID' }] },
      ],
      functions: [
        fn(
          'init',
          ['INIT', '&mut TxContext'],
          [],
          (ctx) => {
            init(ctx);
            return [];
          },
          { visibility: 'private' },
        ),
        fn(
          'initialize_walrus',
          ['InitCap', 'u64', 'u64', 'u16', 'u32', '&Clock', '&mut TxContext'],
          [],
          (ctx, [cap, zero, duration, shards, ahead, clock]) => {
            initializeWalrus(
              ctx,
              cap as InitCapValue,
              zero as bigint,
              duration as bigint,
              shards as number,
              ahead as number,
              clock as ClockValue,
            );
            return [];
          },
        ),
      ],
    },
    addresses,
  );
}
