/**
 * The Move interface in contracts/: the packages and modules the devnet needs, and the exact
 * signatures of the calls the devnet itself makes (the SDK's calls are checked in sdk-calls).
 * A change here is a change of the interface the natives implement.
 */
import { describe, expect, it } from 'vitest';
import {
  declarationHead,
  type MoveFunctionDecl,
  type MoveSourceModule,
} from '../../devnet/contract-runtime/move-ast.js';
import { loadContracts } from './contracts-fixture.js';

const contracts = loadContracts();

function signature(module: MoveSourceModule, fn: MoveFunctionDecl): string {
  // Returns are resolved names; show them short for readability.
  const short = (t: string) => t.replace(/0x0*([0-9a-f]+)::/g, (_m, hex: string) => `0x${hex}::`);
  const returns =
    fn.returns.length === 1
      ? `: ${short(fn.returns[0]!)}`
      : fn.returns.length
        ? `: (${fn.returns.map(short).join(', ')})`
        : '';
  return `${declarationHead(fn, `${module.name}::${fn.name}`)}${returns}`;
}

/** Signatures of the functions a transaction can call (public or entry), per module. */
function callable(module: MoveSourceModule): string[] {
  return module.functions
    .filter((f) => f.visibility === 'public' || f.isEntry)
    .map((f) => signature(module, f));
}

const byName = (pkg: { modules: MoveSourceModule[] }, name: string) =>
  pkg.modules.find((m) => m.name === name)!;

describe('contracts/ packages', () => {
  it('has the three packages with the modules the devnet needs', () => {
    expect(contracts.wal.manifest.name).toBe('wal');
    expect(contracts.walExchange.manifest.name).toBe('wal_exchange');
    expect(contracts.walrus.manifest.name).toBe('walrus');
    expect(contracts.wal.modules.map((m) => m.name)).toEqual(['wal']);
    expect(contracts.walExchange.modules.map((m) => m.name)).toEqual(['wal_exchange']);
    expect(contracts.walrus.modules.map((m) => m.name).sort()).toEqual(
      [
        'auth',
        'blob',
        'bls_aggregate',
        'challenge',
        'committee',
        'epoch_parameters',
        'event_blob',
        'events',
        'extended_field',
        'init',
        'messages',
        'metadata',
        'pending_values',
        'redstuff',
        'shared_blob',
        'staked_wal',
        'staking',
        'staking_inner',
        'staking_pool',
        'storage_accounting',
        'storage_node',
        'storage_resource',
        'system',
        'system_state_inner',
      ].sort(),
    );
  });

  it('WAL has 9 decimals, a protected treasury and burn', () => {
    const wal = byName(contracts.wal, 'wal');
    expect(wal.constants.find((c) => c.name === 'DECIMALS')).toEqual({
      name: 'DECIMALS',
      type: 'u8',
      value: '9',
    });
    expect(wal.structs.map((s) => `${s.name} has ${s.abilities.join(', ')}`)).toEqual([
      'WAL has drop',
      'ProtectedTreasury has key',
    ]);
    expect(callable(wal)).toEqual([
      'public fun wal::total_supply(treasury: &ProtectedTreasury): u64',
      'public fun wal::burn(treasury: &mut ProtectedTreasury, coin: Coin<WAL>)',
    ]);
  });

  it('wal_exchange swaps both ways and has admin functions', () => {
    expect(callable(byName(contracts.walExchange, 'wal_exchange'))).toEqual([
      'public fun wal_exchange::new_exchange_rate(wal: u64, sui: u64): 0xa11ce2::wal_exchange::ExchangeRate',
      'public fun wal_exchange::new(ctx: &mut TxContext): 0xa11ce2::wal_exchange::AdminCap',
      'public fun wal_exchange::new_funded(wal: &mut Coin<WAL>, amount: u64, ctx: &mut TxContext): 0xa11ce2::wal_exchange::AdminCap',
      'public fun wal_exchange::add_wal(self: &mut Exchange, wal: &mut Coin<WAL>, amount: u64)',
      'public fun wal_exchange::add_sui(self: &mut Exchange, sui: &mut Coin<SUI>, amount: u64)',
      'public fun wal_exchange::add_all_wal(self: &mut Exchange, wal: Coin<WAL>)',
      'public fun wal_exchange::add_all_sui(self: &mut Exchange, sui: Coin<SUI>)',
      'public fun wal_exchange::withdraw_wal(self: &mut Exchange, amount: u64, admin_cap: &AdminCap, ctx: &mut TxContext): 0x2::coin::Coin<0xa11ce1::wal::WAL>',
      'public fun wal_exchange::withdraw_sui(self: &mut Exchange, amount: u64, admin_cap: &AdminCap, ctx: &mut TxContext): 0x2::coin::Coin<0x2::sui::SUI>',
      'public fun wal_exchange::set_exchange_rate(self: &mut Exchange, wal: u64, sui: u64, admin_cap: &AdminCap)',
      'public fun wal_exchange::exchange_all_for_wal(self: &mut Exchange, sui: Coin<SUI>, ctx: &mut TxContext): 0x2::coin::Coin<0xa11ce1::wal::WAL>',
      'public fun wal_exchange::exchange_for_wal(self: &mut Exchange, sui: &mut Coin<SUI>, amount_sui: u64, ctx: &mut TxContext): 0x2::coin::Coin<0xa11ce1::wal::WAL>',
      'public fun wal_exchange::exchange_all_for_sui(self: &mut Exchange, wal: Coin<WAL>, ctx: &mut TxContext): 0x2::coin::Coin<0x2::sui::SUI>',
      'public fun wal_exchange::exchange_for_sui(self: &mut Exchange, wal: &mut Coin<WAL>, amount_wal: u64, ctx: &mut TxContext): 0x2::coin::Coin<0x2::sui::SUI>',
      'public fun wal_exchange::wal_balance(self: &Exchange): u64',
      'public fun wal_exchange::sui_balance(self: &Exchange): u64',
    ]);
  });

  it('staking has what a devnet needs: candidates, stake, votes, commission, epoch change', () => {
    expect(callable(byName(contracts.walrus, 'staking'))).toEqual([
      'public fun staking::register_candidate(staking: &mut Staking, name: String, network_address: String, metadata: NodeMetadata, public_key: vector<u8>, network_public_key: vector<u8>, proof_of_possession: vector<u8>, commission_rate: u16, storage_price: u64, write_price: u64, node_capacity: u64, ctx: &mut TxContext): 0xa11ce3::storage_node::StorageNodeCap',
      'public fun staking::set_next_commission(staking: &mut Staking, cap: &StorageNodeCap, commission_rate: u16)',
      'public fun staking::collect_commission(staking: &mut Staking, node_id: ID, auth: Authenticated, ctx: &mut TxContext): 0x2::coin::Coin<0xa11ce1::wal::WAL>',
      'public fun staking::set_commission_receiver(staking: &mut Staking, node_id: ID, auth: Authenticated, receiver: Authorized)',
      'public fun staking::set_governance_authorized(staking: &mut Staking, node_id: ID, auth: Authenticated, authorized: Authorized)',
      'public fun staking::set_storage_price_vote(self: &mut Staking, cap: &StorageNodeCap, storage_price: u64)',
      'public fun staking::set_write_price_vote(self: &mut Staking, cap: &StorageNodeCap, write_price: u64)',
      'public fun staking::set_node_capacity_vote(self: &mut Staking, cap: &StorageNodeCap, node_capacity: u64)',
      'public fun staking::set_next_public_key(self: &mut Staking, cap: &StorageNodeCap, public_key: vector<u8>, proof_of_possession: vector<u8>, ctx: &mut TxContext)',
      'public fun staking::set_name(self: &mut Staking, cap: &StorageNodeCap, name: String)',
      'public fun staking::set_network_address(self: &mut Staking, cap: &StorageNodeCap, network_address: String)',
      'public fun staking::set_network_public_key(self: &mut Staking, cap: &StorageNodeCap, network_public_key: vector<u8>)',
      'public fun staking::set_node_metadata(self: &mut Staking, cap: &StorageNodeCap, metadata: NodeMetadata)',
      'public fun staking::voting_end(staking: &mut Staking, clock: &Clock)',
      'public fun staking::initiate_epoch_change(_staking: &mut Staking, _system: &mut System, _clock: &Clock)',
      'public fun staking::initiate_epoch_change_v2(staking: &mut Staking, system: &mut System, treasury: &mut ProtectedTreasury, clock: &Clock, ctx: &mut TxContext)',
      'public fun staking::epoch_sync_done(staking: &mut Staking, cap: &mut StorageNodeCap, epoch: u32, clock: &Clock)',
      'public fun staking::stake_with_pool(staking: &mut Staking, to_stake: Coin<WAL>, node_id: ID, ctx: &mut TxContext): 0xa11ce3::staked_wal::StakedWal',
      'public fun staking::request_withdraw_stake(staking: &mut Staking, staked_wal: &mut StakedWal, _ctx: &mut TxContext)',
      'public fun staking::withdraw_stake(staking: &mut Staking, staked_wal: StakedWal, ctx: &mut TxContext): 0x2::coin::Coin<0xa11ce1::wal::WAL>',
      'public fun staking::calculate_rewards(staking: &Staking, staked_wal: &StakedWal): u64',
      // Devnet extension: the value of a stake after storage-challenge penalties.
      'public fun staking::staked_wal_value(staking: &Staking, staked_wal: &StakedWal): u64',
      'public fun staking::epoch(staking: &Staking): u32',
    ]);
  });

  it('system, blob and storage expose storage, blob lifecycle, burn, split and fuse', () => {
    expect(callable(byName(contracts.walrus, 'system'))).toEqual([
      'public fun system::reserve_space(self: &mut System, storage_amount: u64, epochs_ahead: u32, payment: &mut Coin<WAL>, ctx: &mut TxContext): 0xa11ce3::storage_resource::Storage',
      'public fun system::register_blob(self: &mut System, storage: Storage, blob_id: u256, root_hash: u256, size: u64, encoding_type: u8, deletable: bool, write_payment: &mut Coin<WAL>, ctx: &mut TxContext): 0xa11ce3::blob::Blob',
      'public fun system::certify_blob(self: &System, blob: &mut Blob, signature: vector<u8>, signers_bitmap: vector<u8>, message: vector<u8>)',
      'public fun system::delete_blob(self: &System, blob: Blob): 0xa11ce3::storage_resource::Storage',
      'public fun system::extend_blob(self: &mut System, blob: &mut Blob, extended_epochs: u32, payment: &mut Coin<WAL>)',
      'public fun system::extend_blob_with_resource(self: &System, blob: &mut Blob, extension: Storage)',
      'public fun system::invalidate_blob_id(self: &System, signature: vector<u8>, members_bitmap: vector<u8>, message: vector<u8>): u256',
      'public fun system::epoch(self: &System): u32',
      'public fun system::n_shards(self: &System): u16',
      'public fun system::total_capacity_size(self: &System): u64',
      'public fun system::used_capacity_size(self: &System): u64',
      'public fun system::storage_price_per_unit_size(self: &System): u64',
      'public fun system::write_price_per_unit_size(self: &System): u64',
    ]);
    expect(callable(byName(contracts.walrus, 'blob'))).toContain('public fun blob::burn(self: Blob)');
    expect(callable(byName(contracts.walrus, 'storage_resource'))).toEqual([
      'public fun storage_resource::start_epoch(self: &Storage): u32',
      'public fun storage_resource::end_epoch(self: &Storage): u32',
      'public fun storage_resource::size(self: &Storage): u64',
      'public fun storage_resource::split_by_epoch(storage: &mut Storage, split_epoch: u32, ctx: &mut TxContext): 0xa11ce3::storage_resource::Storage',
      'public fun storage_resource::split_by_size(storage: &mut Storage, split_size: u64, ctx: &mut TxContext): 0xa11ce3::storage_resource::Storage',
      'public fun storage_resource::fuse_periods(first: &mut Storage, second: Storage)',
      'public fun storage_resource::fuse_amount(first: &mut Storage, second: Storage)',
      'public fun storage_resource::fuse(first: &mut Storage, second: Storage)',
      'public fun storage_resource::destroy(storage: Storage)',
    ]);
  });

  it('init creates System and Staking from the InitCap', () => {
    expect(callable(byName(contracts.walrus, 'init'))).toEqual([
      'public fun init::initialize_walrus(init_cap: InitCap, epoch_zero_duration: u64, epoch_duration: u64, n_shards: u16, max_epochs_ahead: u32, clock: &Clock, ctx: &mut TxContext)',
    ]);
  });

  it('every abort constant is a named u64', () => {
    for (const module of contracts.modules) {
      for (const constant of module.constants.filter((c) => /^E[A-Z]/.test(c.name))) {
        expect(constant.type, `${module.name}::${constant.name}`).toBe('u64');
      }
    }
  });

  it('no public function returns a reference (a transaction could not use it)', () => {
    const offenders = contracts.modules.flatMap((m) =>
      m.functions
        .filter((f) => (f.visibility === 'public' || f.isEntry) && f.returns.some((r) => r.startsWith('&')))
        .map((f) => `${m.name}::${f.name}`),
    );
    expect(offenders).toEqual([]);
  });
});
