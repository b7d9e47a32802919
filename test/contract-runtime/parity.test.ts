import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toStructModule } from '../../devnet/contract-runtime/move-layouts.js';
import { parseMoveSource } from '../../devnet/contract-runtime/move-source.js';
import { ledgerFramework } from '../../devnet/contract-runtime/natives/framework/index.js';
import { compareModule, comparePackages } from '../../devnet/contract-runtime/parity.js';
import type { NativeFunction, NativeModule } from '../../devnet/ledger/core/natives/native-types.js';
import { ADDRESSES, loadContracts } from './contracts-fixture.js';

const PKG = '0x00000000000000000000000000000000000000000000000000000000000000aa';

const SOURCE = `
module pkg::vault;

use sui::balance::Balance;
use sui::coin::Coin;

public struct Vault<phantom T> has key, store {
    id: UID,
    funds: Balance<T>,
    owner: address,
}

public struct Marker() has copy, drop;

public enum Mode has copy, drop, store {
    Open,
    Locked(u64),
    Closed { at: u64 },
}

public fun deposit<T>(vault: &mut Vault<T>, coin: Coin<T>): u64 { abort 0 }
public fun withdraw<T>(vault: &mut Vault<T>, amount: u64, ctx: &mut TxContext): Coin<T> { abort 0 }
public(package) fun owner<T>(vault: &Vault<T>): address { vault.owner }
entry fun poke(mode: Mode) { }
fun helper() { }
`;

const move = parseMoveSource(SOURCE, { addresses: { pkg: PKG } })[0]!;

const impl: NativeFunction['impl'] = () => [];
const fn = (
  f: Omit<NativeFunction, 'impl' | 'isEntry' | 'visibility'> & Partial<NativeFunction>,
): NativeFunction => ({
  visibility: 'public',
  isEntry: false,
  impl,
  ...f,
});

/** A native module written the way natives are: short names through `imports`, own param names. */
function natives(): NativeModule {
  return {
    address: '0xaa',
    name: 'vault',
    imports: { Coin: '0x2::coin::Coin', Balance: '0x2::balance::Balance' },
    structs: [
      {
        address: '0xaa',
        module: 'vault',
        name: 'Vault',
        typeParams: ['Coin_'],
        phantomParams: ['Coin_'],
        abilities: ['store', 'key'],
        fields: [
          { name: 'id', type: 'UID' },
          { name: 'funds', type: 'Balance<Coin_>' },
          { name: 'owner', type: 'address' },
        ],
      },
      {
        address: '0xaa',
        module: 'vault',
        name: 'Marker',
        typeParams: [],
        abilities: ['copy', 'drop'],
        fields: [{ name: 'dummy_field', type: 'bool' }],
      },
      {
        address: '0xaa',
        module: 'vault',
        name: 'Mode',
        typeParams: [],
        abilities: ['copy', 'drop', 'store'],
        variants: [
          { name: 'Open', fields: [] },
          { name: 'Locked', fields: [{ name: 'pos0', type: 'u64' }] },
          { name: 'Closed', fields: [{ name: 'at', type: 'u64' }] },
        ],
      },
    ],
    functions: [
      fn({
        name: 'deposit',
        typeParams: [{ name: 'X', abilities: [] }],
        params: ['&mut Vault<X>', 'Coin<X>'],
        returns: ['u64'],
      }),
      fn({
        name: 'withdraw',
        typeParams: [{ name: 'T', abilities: [] }],
        params: ['&mut 0xaa::vault::Vault<T>', 'u64', '&mut TxContext'],
        returns: ['0x2::coin::Coin<T>'],
      }),
      fn({
        name: 'poke',
        visibility: 'private',
        isEntry: true,
        typeParams: [],
        params: ['Mode'],
        returns: [],
      }),
    ],
  };
}

describe('compareModule', () => {
  it('finds no difference when signatures and structs agree (names may differ, full or short)', () => {
    expect(compareModule(move, natives())).toEqual([]);
  });

  it('requires natives for public and entry functions only', () => {
    const native = natives();
    native.functions = native.functions.filter((f) => f.name !== 'withdraw' && f.name !== 'poke');
    expect(compareModule(move, native)).toEqual([
      'vault::withdraw: no native for `public fun withdraw<T>(vault: &mut Vault<T>, amount: u64, ctx: &mut TxContext): 0x2::coin::Coin<T>`',
      'vault::poke: no native for `entry fun poke(mode: Mode)`',
    ]);
  });

  it('reports signature differences', () => {
    const native = natives();
    native.functions[0] = fn({
      name: 'deposit',
      visibility: 'friend',
      isEntry: true,
      typeParams: [{ name: 'T', abilities: ['store'] }],
      params: ['&Vault<T>', 'Coin<T>'],
      returns: [],
    });
    native.functions[1] = fn({ ...native.functions[1]!, params: ['&mut Vault<T>', 'u32', '&mut TxContext'] });
    native.functions.push(
      fn({
        name: 'owner',
        visibility: 'public',
        typeParams: [{ name: 'T', abilities: [] }],
        params: ['&Vault<T>'],
        returns: ['address'],
      }),
    );
    native.functions.push(fn({ name: 'extra', typeParams: [], params: [], returns: [] }));
    expect(compareModule(move, native)).toEqual([
      'vault::deposit: visibility: Move public, native friend',
      'vault::deposit: entry: Move false, native true',
      'vault::deposit: type parameter 0 constraints: Move {}, native {store}',
      'vault::deposit: parameter 0 differs: Move `&mut 0xaa::vault::Vault<$0>`, native `&0xaa::vault::Vault<$0>`',
      'vault::deposit: return count: Move 1, native 0',
      'vault::withdraw: parameter 1 differs: Move `u64`, native `u32`',
      'vault::owner: visibility: Move package, native public',
      'vault::extra: native has no Move function',
    ]);
  });

  it('reports struct and enum differences', () => {
    const native = natives();
    const [vault, marker, mode] = native.structs as [
      NativeModule['structs'][0],
      NativeModule['structs'][0],
      NativeModule['structs'][0],
    ];
    vault.phantomParams = [];
    vault.abilities = ['key'];
    vault.fields = [vault.fields![0]!, vault.fields![2]!, vault.fields![1]!];
    marker.fields = [];
    mode.variants = [
      mode.variants![0]!,
      { name: 'Locked', fields: [{ name: 'pos0', type: 'u32' }] },
      mode.variants![2]!,
    ];
    native.structs.push({
      address: '0xaa',
      module: 'vault',
      name: 'Ghost',
      typeParams: [],
      abilities: [],
      fields: [],
    });
    expect(compareModule(move, native)).toEqual([
      'vault::Vault: phantom type parameters: Move [true], native [false]',
      'vault::Vault: abilities: Move {key,store}, native {key}',
      'vault::Vault: fields: Move (id, funds, owner), native (id, owner, funds)',
      'vault::Marker: fields: Move (dummy_field), native ()',
      'vault::Mode: variant Locked field pos0: Move `u64`, native `u32`',
      'vault::Ghost: native struct has no Move declaration',
    ]);
  });

  it('reports a missing struct and a module at another address', () => {
    const native = { ...natives(), address: '0xbb', structs: natives().structs.slice(1) };
    expect(compareModule(move, native)).toEqual([
      'vault: Move address 0xaa, native 0xbb',
      'vault::deposit: parameter 0 differs: Move `&mut 0xaa::vault::Vault<$0>`, native ' +
        '`<unresolvable &mut Vault<X>: Invalid Move type "Vault<X>": "Vault" is not a struct name>`',
      'vault::poke: parameter 0 differs: Move `0xaa::vault::Mode`, native `0xbb::vault::Mode`',
      'vault::Vault: no native struct definition',
    ]);
  });

  it('pairs modules by address and name across packages', () => {
    const other = { ...natives(), name: 'other' };
    expect(comparePackages([move], [natives(), other])).toEqual([
      '0xaa::other: native module has no Move source',
    ]);
    expect(comparePackages([move], [])).toEqual(['pkg::vault: no native module']);
  });

  it('a struct-only module built from the source agrees with it', () => {
    const structsOnly = toStructModule(move);
    const diffs = compareModule(move, structsOnly);
    expect(diffs.every((d) => d.includes('no native for'))).toBe(true);
    expect(diffs).toHaveLength(3); // deposit, withdraw, poke
  });
});

describe('framework natives against their Sui signatures', () => {
  // `sui::balance` as the Sui framework declares it, limited to what the ledger implements.
  const balanceSource = `
    module sui::balance;
    public struct Supply<phantom T> has store { value: u64 }
    public struct Balance<phantom T> has store { value: u64 }
    public fun value<T>(self: &Balance<T>): u64 { self.value }
    public fun supply_value<T>(supply: &Supply<T>): u64 { supply.value }
    public fun zero<T>(): Balance<T> { Balance { value: 0 } }
    public fun join<T>(self: &mut Balance<T>, balance: Balance<T>): u64 { abort 0 }
    public fun split<T>(self: &mut Balance<T>, value: u64): Balance<T> { abort 0 }
    public fun withdraw_all<T>(self: &mut Balance<T>): Balance<T> { abort 0 }
    public fun destroy_zero<T>(balance: Balance<T>) { abort 0 }
    public fun increase_supply<T>(self: &mut Supply<T>, value: u64): Balance<T> { abort 0 }
    public fun decrease_supply<T>(self: &mut Supply<T>, balance: Balance<T>): u64 { abort 0 }
  `;

  it('0x2::balance natives match', () => {
    const [source] = parseMoveSource(balanceSource);
    expect(compareModule(source!, ledgerFramework().find((m) => m.name === 'balance')!)).toEqual([]);
  });
});

// The natives of contracts/ do not exist yet; once devnet/contract-runtime/natives/index.ts exports
// `walrusNativeModules(addresses)`, this asserts parity for every module.
const nativesFile = fileURLToPath(new URL('../../devnet/contract-runtime/natives/index.ts', import.meta.url));
const loadedNatives: unknown = existsSync(nativesFile) ? await import(nativesFile) : undefined;
const factory = (loadedNatives as { walrusNativeModules?: unknown } | undefined)?.walrusNativeModules;

describe('contracts/ against their natives', () => {
  if (typeof factory === 'function') {
    it('every module of wal, wal_exchange and walrus has natives with identical signatures and structs', () => {
      const { modules } = loadContracts();
      const nativeModules = (factory as (addresses: typeof ADDRESSES) => NativeModule[])(ADDRESSES);
      expect(comparePackages(modules, nativeModules)).toEqual([]);
    });
  } else {
    it.todo(
      'every module of wal, wal_exchange and walrus has natives (devnet/contract-runtime/natives/index.ts, ' +
        '`walrusNativeModules(addresses)`) with identical public/entry functions (visibility, entry, type ' +
        'parameters, parameter and return types) and identical structs and enums (abilities, phantom ' +
        'parameters, fields, variants)',
    );
  }
});
