/**
 * The Move calls the SDK builds match the public functions in contracts/walrus: same module and
 * name, same parameters in the same order (names and pure types; objects where the SDK passes
 * objects), with `TxContext` last where the SDK leaves it out.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import {
  type MoveType,
  normalizeMoveType,
  parseMoveType,
} from '../../devnet/ledger/core/move/type-parser.js';
import { ADDRESSES, loadContracts } from './contracts-fixture.js';
import { sdkMoveCalls } from './sdk-contracts.js';

const contracts = loadContracts();
const calls = sdkMoveCalls();
const STD = normalizeSuiAddress('0x1');
const SUI = normalizeSuiAddress('0x2');

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const stripReference = (type: string) => type.replace(/^&(mut )?/, '');
const isTxContext = (type: string) => stripReference(type) === `${SUI}::tx_context::TxContext`;

/** Whether the SDK passes a value of this type as a pure argument (its `getPureBcsSchema`). */
function isPure(type: MoveType): boolean {
  switch (type.kind) {
    case 'vector':
      return isPure(type.element);
    case 'param':
      return false;
    case 'struct':
      if (
        type.address === STD &&
        (type.module === 'string' || type.module === 'ascii') &&
        type.name === 'String'
      ) {
        return true;
      }
      if (type.address === STD && type.module === 'option' && type.name === 'Option')
        return isPure(type.typeArgs[0]!);
      return type.address === SUI && type.module === 'object' && (type.name === 'ID' || type.name === 'UID');
    default:
      return true;
  }
}

describe('Move calls the SDK makes', () => {
  it('finds the calls of the generated builders', () => {
    expect(calls.map((c) => `${c.module}::${c.function}`).sort()).toEqual([
      'blob::add_metadata',
      'blob::insert_or_update_metadata_pair',
      'blob::remove_metadata_pair',
      'metadata::new',
      'system::certify_blob',
      'system::delete_blob',
      'system::extend_blob',
      'system::register_blob',
      'system::reserve_space',
    ]);
  });

  it.each(calls.map((c) => [`${c.module}::${c.function}`, c] as const))(
    '%s has the SDK signature',
    (_name, call) => {
      const module = contracts.walrus.modules.find((m) => m.name === call.module);
      expect(module, `no module ${call.module}`).toBeDefined();
      const fn = module!.functions.find((f) => f.name === call.function);
      expect(fn, `no function ${call.module}::${call.function}`).toBeDefined();
      expect(fn!.visibility).toBe('public');
      expect(fn!.typeParams).toEqual([]);

      const params = fn!.params.filter((p, i) => !(i === fn!.params.length - 1 && isTxContext(p.type)));
      expect(params.map((p) => camel(p.name))).toEqual(call.parameterNames);
      call.argumentTypes.forEach((sdkType, i) => {
        const ours = stripReference(params[i]!.type);
        if (sdkType === null) {
          expect(isPure(parseMoveType(ours)), `${params[i]!.name} is an object for the SDK`).toBe(false);
        } else {
          expect(normalizeMoveType(ours)).toBe(normalizeMoveType(sdkType));
        }
      });
    },
  );

  it('exact signatures of the SDK-facing functions', () => {
    const signature = (module: string, name: string) => {
      const fn = contracts.walrus.modules
        .find((m) => m.name === module)!
        .functions.find((f) => f.name === name)!;
      const params = fn.params.map((p) => `${p.name}: ${p.source}`).join(', ');
      return `${module}::${name}(${params})${fn.returns.length ? ` -> ${fn.returns.length}` : ''}`;
    };
    expect(signature('system', 'reserve_space')).toBe(
      'system::reserve_space(self: &mut System, storage_amount: u64, epochs_ahead: u32, payment: &mut Coin<WAL>, ctx: &mut TxContext) -> 1',
    );
    expect(signature('system', 'register_blob')).toBe(
      'system::register_blob(self: &mut System, storage: Storage, blob_id: u256, root_hash: u256, size: u64, encoding_type: u8, deletable: bool, write_payment: &mut Coin<WAL>, ctx: &mut TxContext) -> 1',
    );
    expect(signature('system', 'certify_blob')).toBe(
      'system::certify_blob(self: &System, blob: &mut Blob, signature: vector<u8>, signers_bitmap: vector<u8>, message: vector<u8>)',
    );
    expect(signature('system', 'extend_blob')).toBe(
      'system::extend_blob(self: &mut System, blob: &mut Blob, extended_epochs: u32, payment: &mut Coin<WAL>)',
    );
    expect(signature('system', 'delete_blob')).toBe('system::delete_blob(self: &System, blob: Blob) -> 1');
    expect(signature('blob', 'remove_metadata_pair')).toBe(
      'blob::remove_metadata_pair(self: &mut Blob, key: &String) -> 2',
    );
  });

  it('staking::stake_with_pool takes Coin<WAL> second: the SDK reads the WAL type from it', () => {
    const staking = contracts.walrus.modules.find((m) => m.name === 'staking')!;
    const fn = staking.functions.find((f) => f.name === 'stake_with_pool')!;
    expect(fn.visibility).toBe('public');
    expect(fn.params[1]!.type).toBe(normalizeMoveType(`0x2::coin::Coin<${ADDRESSES.wal}::wal::WAL>`));
  });

  it('System and Staking live in the modules the SDK names them by', () => {
    const struct = (module: string, name: string) =>
      contracts.walrus.modules.find((m) => m.name === module)?.structs.find((s) => s.name === name);
    expect(struct('system', 'System')?.abilities).toEqual(['key']);
    expect(struct('staking', 'Staking')?.abilities).toEqual(['key']);
    expect(struct('blob', 'Blob')?.abilities.sort()).toEqual(['key', 'store']);
  });
});
