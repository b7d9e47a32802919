/**
 * Natives of `walrus::staking`: the shared `Staking` object. Storage nodes register here, stakers
 * stake with them, and the epoch advances from here. Its state is the `StakingInnerV1` stored as a
 * dynamic field under the key `version` (a `u64`), where the SDK reads it.
 */
import type {
  BalanceValue,
  CoinValue,
  IdValue,
  OptionValue,
  UidValue,
} from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import { addField, borrowField, type FieldSlot, fieldSlot } from '../support/fields.js';
import {
  abort,
  fn,
  newUid,
  type StringValue,
  T,
  type WalrusAddresses,
  walrusType,
  withWalrusAddresses,
} from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';
import type { ProtectedTreasuryValue } from '../wal/wal.js';
import * as wal from '../wal/wal.js';
import type { AuthenticatedValue, AuthorizedValue } from './auth.js';
import { authenticateSender, authorizedObject } from './auth.js';
import type { StakedWalValue } from './staked_wal.js';
import type { ClockValue, StakingInnerValue } from './staking_inner.js';
import * as stakingInner from './staking_inner.js';
import * as stakingPool from './staking_pool.js';
import { type NodeMetadataValue, newCap, type StorageNodeCapValue } from './storage_node.js';
import type { SystemValue } from './system.js';
import * as system from './system.js';

/** The version of the inner state this package reads and writes. */
export const VERSION = 1n;
/** The staking object was created by a different version of the package. */
export const EWrongVersion = 0;
/** The function was replaced; use `initiate_epoch_change_v2`. */
export const EDeprecatedFunction = 1;

/** `Staking`, decoded. */
export interface StakingValue {
  id: UidValue;
  version: bigint;
  package_id: IdValue;
  new_package_id: OptionValue<IdValue>;
}

/** Where the inner state of `staking` lives: its field id and `Field<u64, StakingInnerV1>` type. */
function innerField(ctx: NativeContext, staking: StakingValue): FieldSlot {
  const innerType = walrusType(ctx, 'staking_inner', 'StakingInnerV1');
  return fieldSlot(ctx, staking.id.id.bytes, T.u64, VERSION, innerType);
}

/**
 * Creates and shares the staking object (Move `staking::create`). The first epoch change may happen
 * `epochZeroDuration` ms from now; later epochs last `epochDuration` ms.
 */
export function create(
  ctx: NativeContext,
  epochZeroDuration: bigint,
  epochDuration: bigint,
  nShards: number,
  packageId: IdValue,
  clock: ClockValue,
): void {
  const staking: StakingValue = {
    id: newUid(ctx),
    version: VERSION,
    package_id: { bytes: packageId.bytes },
    new_package_id: { vec: [] },
  };
  const inner = stakingInner.newStakingInner(ctx, epochZeroDuration, epochDuration, nShards, clock);
  addField(ctx, innerField(ctx, staking), VERSION, inner);
  ctx.transfer(walrusType(ctx, 'staking', 'Staking'), staking, { kind: 'shared', initialSharedVersion: 0n });
}

/** The inner state (live); aborts with `EWrongVersion` for another version. */
export function innerMut(ctx: NativeContext, staking: StakingValue): StakingInnerValue {
  if (staking.version !== VERSION) abort(ctx, 'staking', 'inner_mut', EWrongVersion);
  return borrowField(ctx, innerField(ctx, staking));
}

/** The inner state for reading (same object as {@link innerMut}). */
export function inner(ctx: NativeContext, staking: StakingValue): StakingInnerValue {
  return innerMut(ctx, staking);
}

/** The package that operates on the staking object. */
export function packageId(_ctx: NativeContext, staking: StakingValue): IdValue {
  return { bytes: staking.package_id.bytes };
}

/** The version of the staking object. */
export function version(_ctx: NativeContext, staking: StakingValue): bigint {
  return staking.version;
}

// === Storage nodes ===

/**
 * Registers the sender as a storage node candidate and creates its staking pool (whose id is the node
 * id); returns the node's capability, which receives the commission.
 */
export function registerCandidate(
  ctx: NativeContext,
  staking: StakingValue,
  name: StringValue,
  networkAddress: StringValue,
  metadata: NodeMetadataValue,
  publicKey: Uint8Array,
  networkPublicKey: Uint8Array,
  proofOfPossession: Uint8Array,
  commissionRate: number,
  storagePrice: bigint,
  writePrice: bigint,
  nodeCapacity: bigint,
): StorageNodeCapValue {
  const state = innerMut(ctx, staking);
  const nodeId = stakingInner.createPool(
    ctx,
    state,
    name,
    networkAddress,
    metadata,
    publicKey,
    networkPublicKey,
    proofOfPossession,
    commissionRate,
    storagePrice,
    writePrice,
    nodeCapacity,
  );
  const cap = newCap(ctx, nodeId);
  stakingInner.setCommissionReceiver(
    ctx,
    state,
    nodeId,
    authenticateSender(ctx),
    authorizedObject(ctx, { bytes: cap.id.id.bytes }),
  );
  return cap;
}

/**
 * Starts the next epoch once the current one is over: burns 3% of the finished epoch's rewards
 * (`system.extract_burn_balance`, burned through the WAL treasury), installs the selected committee
 * and parameters in the System (`system.advance_epoch`, which returns the rewards by node) and in the
 * staking state, and pays the rewards to the old committee's pools.
 */
export function initiateEpochChangeV2(
  ctx: NativeContext,
  staking: StakingValue,
  systemObject: SystemValue,
  treasury: ProtectedTreasuryValue,
  clock: ClockValue,
): void {
  const state = innerMut(ctx, staking);
  stakingInner.assertEpochChangeAllowed(ctx, state, clock);
  const burn: BalanceValue = system.extractBurnBalance(ctx, systemObject);
  wal.burn(ctx, treasury, { id: newUid(ctx), balance: burn }); // treasury.burn(burn.into_coin(ctx))
  const committee = stakingInner.nextBlsCommittee(ctx, state);
  const params = stakingInner.nextEpochParams(ctx, state);
  const rewards: VecMapValue<IdValue, BalanceValue> = system.advanceEpoch(
    ctx,
    systemObject,
    committee,
    params,
  );
  stakingInner.initiateEpochChange(ctx, state, clock, rewards);
}

/**
 * The `walrus::staking` module: the `Staking` object and every public function (registration,
 * votes, commission, staking, the epoch change).
 * @example registry.register(stakingModule(addresses))
 */
export function stakingModule(addresses: WalrusAddresses): NativeModule {
  const asStaking = (v: unknown) => v as StakingValue;
  /** A setter taking `(&mut Staking, &StorageNodeCap, value)`. */
  const capSetter = (
    name: string,
    valueType: string,
    set: (ctx: NativeContext, state: StakingInnerValue, cap: StorageNodeCapValue, value: never) => void,
  ) =>
    fn(name, ['&mut Staking', '&StorageNodeCap', valueType], [], (ctx, [s, cap, value]) => {
      set(ctx, innerMut(ctx, asStaking(s)), cap as StorageNodeCapValue, value as never);
      return [];
    });
  return withWalrusAddresses(
    {
      address: addresses.walrus,
      name: 'staking',
      imports: {
        WAL: `${addresses.wal}::wal::WAL`,
        ProtectedTreasury: `${addresses.wal}::wal::ProtectedTreasury`,
        Authenticated: `${addresses.walrus}::auth::Authenticated`,
        Authorized: `${addresses.walrus}::auth::Authorized`,
        StakedWal: `${addresses.walrus}::staked_wal::StakedWal`,
        NodeMetadata: `${addresses.walrus}::storage_node::NodeMetadata`,
        StorageNodeCap: `${addresses.walrus}::storage_node::StorageNodeCap`,
        System: `${addresses.walrus}::system::System`,
      },
      structs: [
        {
          address: addresses.walrus,
          module: 'staking',
          name: 'Staking',
          typeParams: [],
          abilities: ['key'],
          fields: [
            { name: 'id', type: 'UID' },
            { name: 'version', type: 'u64' },
            { name: 'package_id', type: 'ID' },
            { name: 'new_package_id', type: 'Option<ID>' },
          ],
        },
      ],
      functions: [
        fn(
          'register_candidate',
          [
            '&mut Staking',
            'String',
            'String',
            'NodeMetadata',
            'vector<u8>',
            'vector<u8>',
            'vector<u8>',
            'u16',
            'u64',
            'u64',
            'u64',
            '&mut TxContext',
          ],
          ['StorageNodeCap'],
          (ctx, args) => [
            registerCandidate(
              ctx,
              asStaking(args[0]),
              args[1] as StringValue,
              args[2] as StringValue,
              args[3] as NodeMetadataValue,
              args[4] as Uint8Array,
              args[5] as Uint8Array,
              args[6] as Uint8Array,
              args[7] as number,
              args[8] as bigint,
              args[9] as bigint,
              args[10] as bigint,
            ),
          ],
        ),
        capSetter('set_next_commission', 'u16', stakingInner.setNextCommission),
        fn(
          'collect_commission',
          ['&mut Staking', 'ID', 'Authenticated', '&mut TxContext'],
          ['Coin<WAL>'],
          (ctx, [s, nodeId, auth]) => {
            const state = innerMut(ctx, asStaking(s));
            const balance = stakingInner.collectCommission(
              ctx,
              state,
              nodeId as IdValue,
              auth as AuthenticatedValue,
            );
            return [{ id: newUid(ctx), balance } satisfies CoinValue];
          },
        ),
        fn(
          'set_commission_receiver',
          ['&mut Staking', 'ID', 'Authenticated', 'Authorized'],
          [],
          (ctx, [s, nodeId, auth, receiver]) => {
            stakingInner.setCommissionReceiver(
              ctx,
              innerMut(ctx, asStaking(s)),
              nodeId as IdValue,
              auth as AuthenticatedValue,
              receiver as AuthorizedValue,
            );
            return [];
          },
        ),
        fn(
          'set_governance_authorized',
          ['&mut Staking', 'ID', 'Authenticated', 'Authorized'],
          [],
          (ctx, [s, nodeId, auth, authorized]) => {
            stakingInner.setGovernanceAuthorized(
              ctx,
              innerMut(ctx, asStaking(s)),
              nodeId as IdValue,
              auth as AuthenticatedValue,
              authorized as AuthorizedValue,
            );
            return [];
          },
        ),
        capSetter('set_storage_price_vote', 'u64', stakingInner.setStoragePriceVote),
        capSetter('set_write_price_vote', 'u64', stakingInner.setWritePriceVote),
        capSetter('set_node_capacity_vote', 'u64', stakingInner.setNodeCapacityVote),
        fn(
          'set_next_public_key',
          ['&mut Staking', '&StorageNodeCap', 'vector<u8>', 'vector<u8>', '&mut TxContext'],
          [],
          (ctx, [s, cap, key, pop]) => {
            stakingInner.setNextPublicKey(
              ctx,
              innerMut(ctx, asStaking(s)),
              cap as StorageNodeCapValue,
              key as Uint8Array,
              pop as Uint8Array,
            );
            return [];
          },
        ),
        capSetter('set_name', 'String', stakingInner.setName),
        capSetter('set_network_address', 'String', stakingInner.setNetworkAddress),
        capSetter('set_network_public_key', 'vector<u8>', stakingInner.setNetworkPublicKey),
        capSetter('set_node_metadata', 'NodeMetadata', stakingInner.setNodeMetadata),
        fn('voting_end', ['&mut Staking', '&Clock'], [], (ctx, [s, clock]) => {
          stakingInner.votingEnd(ctx, innerMut(ctx, asStaking(s)), clock as ClockValue);
          return [];
        }),
        fn('initiate_epoch_change', ['&mut Staking', '&mut System', '&Clock'], [], (ctx) =>
          abort(ctx, 'staking', 'initiate_epoch_change', EDeprecatedFunction),
        ),
        fn(
          'initiate_epoch_change_v2',
          ['&mut Staking', '&mut System', '&mut ProtectedTreasury', '&Clock', '&mut TxContext'],
          [],
          (ctx, [s, sys, treasury, clock]) => {
            initiateEpochChangeV2(
              ctx,
              s as StakingValue,
              sys as SystemValue,
              treasury as ProtectedTreasuryValue,
              clock as ClockValue,
            );
            return [];
          },
        ),
        fn(
          'epoch_sync_done',
          ['&mut Staking', '&mut StorageNodeCap', 'u32', '&Clock'],
          [],
          (ctx, [s, cap, epoch, clock]) => {
            stakingInner.epochSyncDone(
              ctx,
              innerMut(ctx, asStaking(s)),
              cap as StorageNodeCapValue,
              epoch as number,
              clock as ClockValue,
            );
            return [];
          },
        ),
        fn(
          'stake_with_pool',
          ['&mut Staking', 'Coin<WAL>', 'ID', '&mut TxContext'],
          ['StakedWal'],
          (ctx, [s, coin, nodeId]) => [
            stakingInner.stakeWithPool(
              ctx,
              innerMut(ctx, asStaking(s)),
              coin as CoinValue,
              nodeId as IdValue,
            ),
          ],
        ),
        fn(
          'request_withdraw_stake',
          ['&mut Staking', '&mut StakedWal', '&mut TxContext'],
          [],
          (ctx, [s, staked]) => {
            stakingInner.requestWithdrawStake(ctx, innerMut(ctx, asStaking(s)), staked as StakedWalValue);
            return [];
          },
        ),
        fn(
          'withdraw_stake',
          ['&mut Staking', 'StakedWal', '&mut TxContext'],
          ['Coin<WAL>'],
          (ctx, [s, staked]) => [
            stakingInner.withdrawStake(ctx, innerMut(ctx, asStaking(s)), staked as StakedWalValue),
          ],
        ),
        fn('epoch', ['&Staking'], ['u32'], (ctx, [s]) => [inner(ctx, s as StakingValue).epoch]),
        fn('calculate_rewards', ['&Staking', '&StakedWal'], ['u64'], (ctx, [s, staked]) => [
          calculateRewards(ctx, inner(ctx, s as StakingValue), staked as StakedWalValue),
        ]),
      ],
    },
    addresses,
  );
}

/** `staking_inner::calculate_rewards`: rewards of a stake up to now (or its withdrawal epoch); 0 before it is active. */
export function calculateRewards(
  ctx: NativeContext,
  self: StakingInnerValue,
  staked: StakedWalValue,
): bigint {
  const withdrawing =
    'Withdrawing' in staked.state && staked.state.Withdrawing
      ? staked.state.Withdrawing.withdraw_epoch
      : undefined;
  const to = withdrawing === undefined ? self.epoch : Math.min(withdrawing, self.epoch);
  if (staked.activation_epoch >= to) return 0n;
  const pool = stakingInner.pool(ctx, self, staked.node_id);
  return stakingPool.calculateRewards(ctx, pool, staked.principal.value, staked.activation_epoch, to);
}
