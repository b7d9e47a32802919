import { describe, expect, it } from 'vitest';
import type { MoveSourceModule } from '../../devnet/contract-runtime/move-ast.js';
import { tokenizeMove } from '../../devnet/contract-runtime/move-lexer.js';
import { parseMoveSource } from '../../devnet/contract-runtime/move-source.js';

const A = '0x00000000000000000000000000000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000000000000000000000000000bb';
const STD = '0x0000000000000000000000000000000000000000000000000000000000000001';
const SUI = '0x0000000000000000000000000000000000000000000000000000000000000002';
const addresses = { pkg: '0xaa', other: '0xbb' };

function one(source: string): MoveSourceModule {
  const modules = parseMoveSource(source, { addresses });
  expect(modules).toHaveLength(1);
  return modules[0]!;
}

const fn = (m: MoveSourceModule, name: string) => m.functions.find((f) => f.name === name)!;
const struct = (m: MoveSourceModule, name: string) => m.structs.find((s) => s.name === name)!;

describe('tokenizeMove', () => {
  it('drops comments, keeps byte strings whole and splits generics closers', () => {
    const tokens = tokenizeMove(`
      /// doc
      const URL: vector<u8> = b"https://x/}"; // line
      /* block /* nested */ still comment */ vector<vector<u8>>
    `);
    expect(tokens.map((t) => t.text)).toEqual([
      'const',
      'URL',
      ':',
      'vector',
      '<',
      'u8',
      '>',
      '=',
      'b"https://x/}"',
      ';',
      'vector',
      '<',
      'vector',
      '<',
      'u8',
      '>',
      '>',
    ]);
    expect(tokens[0]!.line).toBe(3);
  });

  it('reports an unterminated block comment with its line', () => {
    expect(() => tokenizeMove('module a::b;\n/* open')).toThrow(/line 2: unterminated block comment/);
  });
});

describe('parseMoveSource: modules and names', () => {
  it('reads the file form `module pkg::name;` and resolves the named address', () => {
    const m = one('module pkg::things;\npublic fun n(): u64 { 1 }');
    expect(m).toMatchObject({ addressName: 'pkg', address: A, name: 'things' });
  });

  it('reads several block-form modules, with literal addresses', () => {
    const modules = parseMoveSource(
      `module pkg::a { public struct S has drop {} }
       module 0xbb::b { public fun f(s: pkg::a::S): pkg::a::S { s } }`,
      { addresses },
    );
    expect(modules.map((m) => `${m.address}::${m.name}`)).toEqual([`${A}::a`, `${B}::b`]);
    expect(modules[1]!.functions[0]!.params[0]!.type).toBe(`${A}::a::S`);
  });

  it('refuses a named address it was not given', () => {
    expect(() => parseMoveSource('module nowhere::m;')).toThrow(/unknown named address "nowhere"/);
  });

  it('resolves every form of `use` and the implicit prelude', () => {
    const m = one(`
      module pkg::uses;
      use std::string::{Self, String as Text};
      use sui::{balance::{Self, Balance}, coin::Coin, table};
      use sui::dynamic_field as df;
      use other::thing::{Self as t, Widget};
      use fun sui::coin::value as Coin.amount;
      public struct S has key {
        id: UID,
        a: Text,
        b: string::String,
        c: Balance<sui::sui::SUI>,
        d: balance::Supply<u8>,
        e: table::Table<ID, vector<Option<Widget>>>,
        f: t::Gadget,
        g: Coin<0x2::sui::SUI>,
        h: option::Option<u8>,
        i: df::Field<u8, u8>,
      }
      public fun f(ctx: &mut TxContext) {}
    `);
    const types = Object.fromEntries(struct(m, 'S').fields.map((f) => [f.name, f.type]));
    expect(types).toEqual({
      id: `${SUI}::object::UID`,
      a: `${STD}::string::String`,
      b: `${STD}::string::String`,
      c: `${SUI}::balance::Balance<${SUI}::sui::SUI>`,
      d: `${SUI}::balance::Supply<u8>`,
      e: `${SUI}::table::Table<${SUI}::object::ID, vector<${STD}::option::Option<${B}::thing::Widget>>>`,
      f: `${B}::thing::Gadget`,
      g: `${SUI}::coin::Coin<${SUI}::sui::SUI>`,
      h: `${STD}::option::Option<u8>`,
      i: `${SUI}::dynamic_field::Field<u8, u8>`,
    });
    expect(fn(m, 'f').params[0]!.type).toBe(`&mut ${SUI}::tx_context::TxContext`);
    expect(m.moduleAliases.t).toBe(`${B}::thing`);
    expect(m.memberAliases.Text).toBe(`${STD}::string::String`);
  });

  it('names the unresolvable type and its item', () => {
    expect(() => one('module pkg::m;\npublic struct S { x: Missing }')).toThrow(
      /line 2: pkg::m::S: unknown type "Missing"/,
    );
    expect(() => one('module pkg::m;\npublic fun f(x: nope::T) {}')).toThrow(/unknown module "nope"/);
  });

  it('rejects duplicate declarations', () => {
    expect(() => one('module pkg::m;\nfun f() {}\nfun f() {}')).toThrow(/pkg::m::f is declared twice/);
  });
});

describe('parseMoveSource: structs and enums', () => {
  it('reads fields in order, abilities and phantom type parameters with constraints', () => {
    const m = one(`
      module pkg::s;
      public struct Pair<phantom T: store, U: copy + drop> has copy, drop, store {
        first: vector<U>,
        second: u64,
      }
    `);
    expect(struct(m, 'Pair')).toEqual({
      kind: 'struct',
      name: 'Pair',
      typeParams: [
        { name: 'T', phantom: true, abilities: ['store'] },
        { name: 'U', phantom: false, abilities: ['copy', 'drop'] },
      ],
      abilities: ['copy', 'drop', 'store'],
      positional: false,
      fields: [
        { name: 'first', type: 'vector<U>', source: 'vector<U>' },
        { name: 'second', type: 'u64', source: 'u64' },
      ],
      variants: [],
    });
  });

  it('reads positional structs, empty structs and postfix abilities', () => {
    const m = one(`
      module pkg::p;
      use sui::vec_map::VecMap;
      public struct Committee(VecMap<ID, vector<u16>>) has copy, drop, store;
      public struct Key() has copy, drop, store;
      public struct Marker {}
      public struct Late { x: u8 } has copy;
      struct Legacy has drop { y: bool }
    `);
    expect(struct(m, 'Committee')).toMatchObject({
      positional: true,
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'pos0', type: `${SUI}::vec_map::VecMap<${SUI}::object::ID, vector<u16>>` }],
    });
    expect(struct(m, 'Key')).toMatchObject({
      positional: true,
      fields: [],
      abilities: ['copy', 'drop', 'store'],
    });
    expect(struct(m, 'Marker')).toMatchObject({ positional: false, fields: [], abilities: [] });
    expect(struct(m, 'Late')).toMatchObject({ abilities: ['copy'], fields: [{ name: 'x', type: 'u8' }] });
    expect(struct(m, 'Legacy').abilities).toEqual(['drop']);
  });

  it('reads enums with unit, positional and named variants', () => {
    const m = one(`
      module pkg::e;
      public enum State<T> has copy, drop, store {
        Idle,
        Busy(u32, T),
        Done { at: u64, who: address },
      }
    `);
    expect(struct(m, 'State')).toMatchObject({
      kind: 'enum',
      typeParams: [{ name: 'T', phantom: false, abilities: [] }],
      abilities: ['copy', 'drop', 'store'],
      fields: [],
      variants: [
        { name: 'Idle', positional: false, fields: [] },
        {
          name: 'Busy',
          positional: true,
          fields: [
            { name: 'pos0', type: 'u32' },
            { name: 'pos1', type: 'T' },
          ],
        },
        {
          name: 'Done',
          positional: false,
          fields: [
            { name: 'at', type: 'u64' },
            { name: 'who', type: 'address' },
          ],
        },
      ],
    });
  });
});

describe('parseMoveSource: functions', () => {
  const m = one(`
    module pkg::f;
    use sui::coin::Coin;
    public struct Thing has key, store { id: UID }

    /// Doc comments and attributes are skipped.
    #[allow(lint(self_transfer))]
    public fun split<T>(coin: &mut Coin<T>, amount: u64, ctx: &mut TxContext): Coin<T> { abort 0 }
    public(package) fun pair(mut t: Thing): (Thing, u64) { (t, 0) }
    public(friend) fun old() {}
    entry fun poke(t: &Thing) { if (true) { } }
    public entry fun go<A: key + store, B: copy>(a: A, _b: vector<B>) {}
    fun helper(): &vector<u8> { abort 0 }
    public native fun magic(x: u8): u8;
    public macro fun apply<$T>($x: $T, $f: |$T| -> u64): u64 { $f($x) }
    public fun unit(): () { }
  `);

  it('reads visibility, entry and native', () => {
    const table = m.functions.map((f) => [f.name, f.visibility, f.isEntry, f.isNative]);
    expect(table).toEqual([
      ['split', 'public', false, false],
      ['pair', 'package', false, false],
      ['old', 'friend', false, false],
      ['poke', 'private', true, false],
      ['go', 'public', true, false],
      ['helper', 'private', false, false],
      ['magic', 'public', false, true],
      ['unit', 'public', false, false],
    ]);
  });

  it('reads type parameters, references and parameter names', () => {
    expect(fn(m, 'split')).toMatchObject({
      typeParams: [{ name: 'T', abilities: [] }],
      params: [
        { name: 'coin', type: `&mut ${SUI}::coin::Coin<T>`, source: '&mut Coin<T>' },
        { name: 'amount', type: 'u64', source: 'u64' },
        { name: 'ctx', type: `&mut ${SUI}::tx_context::TxContext`, source: '&mut TxContext' },
      ],
      returns: [`${SUI}::coin::Coin<T>`],
    });
    expect(fn(m, 'go').typeParams).toEqual([
      { name: 'A', abilities: ['key', 'store'] },
      { name: 'B', abilities: ['copy'] },
    ]);
    expect(fn(m, 'go').params.map((p) => p.type)).toEqual(['A', 'vector<B>']);
    expect(fn(m, 'poke').params[0]!.type).toBe(`&${A}::f::Thing`);
  });

  it('reads tuple, reference and unit returns; `mut` parameters', () => {
    expect(fn(m, 'pair').params[0]!.name).toBe('t');
    expect(fn(m, 'pair').returns).toEqual([`${A}::f::Thing`, 'u64']);
    expect(fn(m, 'helper').returns).toEqual(['&vector<u8>']);
    expect(fn(m, 'unit').returns).toEqual([]);
    expect(fn(m, 'old').returns).toEqual([]);
  });

  it('leaves macros out: they are not in bytecode', () => {
    expect(m.functions.some((f) => f.name === 'apply')).toBe(false);
  });
});

describe('parseMoveSource: constants, tests and errors', () => {
  it('reads constants with their values', () => {
    const m = one(`
      module pkg::c;
      const MAX: u64 = 1_000;
      const NAME: vector<u8> = b"a;b";
      const LIST: vector<u16> = vector[1, 2];
      #[error]
      const EFail: vector<u8> = b"failed";
    `);
    expect(m.constants).toEqual([
      { name: 'MAX', type: 'u64', value: '1_000' },
      { name: 'NAME', type: 'vector<u8>', value: 'b"a;b"' },
      { name: 'LIST', type: 'vector<u16>', value: 'vector [ 1 , 2 ]' },
      { name: 'EFail', type: 'vector<u8>', value: 'b"failed"' },
    ]);
  });

  it('drops #[test] and #[test_only] items and modules', () => {
    const modules = parseMoveSource(
      `module pkg::kept {
         #[test_only] use sui::test_scenario;
         #[test_only] public struct Fixture has drop {}
         #[test_only] const X: u8 = 1;
         #[test, expected_failure(abort_code = 1)] fun fails() { abort 1 }
         #[test_only] public fun helper(): u8 { 1 }
         public fun real(): u8 { 1 }
       }
       #[test_only]
       module pkg::tests { #[test] fun t() {} }`,
      { addresses },
    );
    expect(modules.map((m) => m.name)).toEqual(['kept']);
    const kept = modules[0]!;
    expect(kept.functions.map((f) => f.name)).toEqual(['real']);
    expect(kept.structs).toEqual([]);
    expect(kept.constants).toEqual([]);
    expect(kept.memberAliases.test_scenario).toBeUndefined();
    expect(kept.moduleAliases.test_scenario).toBeUndefined();
  });

  it('reports syntax errors with the file name and line', () => {
    expect(() =>
      parseMoveSource('module pkg::bad;\n\npublic fun f(x u64) {}', { addresses, fileName: 'bad.move' }),
    ).toThrow(/^bad\.move: line 3: expected ":", found "u64"$/);
    expect(() => parseMoveSource('module pkg::bad;\npublic struct S has fly {}', { addresses })).toThrow(
      /line 2: unknown ability "fly"/,
    );
    expect(() => parseMoveSource('module pkg::bad;\npublic fun f() {', { addresses })).toThrow(
      /unexpected end of source/,
    );
  });
});
