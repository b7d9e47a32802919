/**
 * Issue 9 item 2: Move values rendered as the JSON Sui's RPC serves (`Object.json`), from the ledger's own struct
 * layouts. Expected values follow Sui's `RpcVisitor` (crates/sui-types/src/object/rpc_visitor.rs).
 */
import { describe, expect, it } from 'vitest';
import { ledgerFramework } from '../../../devnet/contract-runtime/natives/framework/index.js';
import { Ledger } from '../../../devnet/ledger/core/ledger.js';
import { moveJson } from '../../../devnet/ledger/core/move/move-json.js';
import type { NativeModule } from '../../../devnet/ledger/core/natives/native-types.js';

const PKG = '0x00000000000000000000000000000000000000000000000000000000000000cd';
const ID = `0x${'ab'.repeat(32)}`;
const OWNER = `0x${'0'.repeat(62)}42`;

/** A struct with every kind of field the rules distinguish, and a Move enum. */
const shapes: NativeModule = {
  address: PKG,
  name: 'shapes',
  structs: [
    {
      address: PKG,
      module: 'shapes',
      name: 'Everything',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['key'],
      fields: [
        { name: 'id', type: 'UID' },
        { name: 'small', type: 'u8' },
        { name: 'medium', type: 'u32' },
        { name: 'large', type: 'u64' },
        { name: 'huge', type: 'u256' },
        { name: 'flag', type: 'bool' },
        { name: 'owner', type: 'address' },
        { name: 'raw', type: 'vector<u8>' },
        { name: 'amounts', type: 'vector<u64>' },
        { name: 'name', type: '0x1::string::String' },
        { name: 'symbol', type: '0x1::ascii::String' },
        { name: 'some', type: '0x1::option::Option<u16>' },
        { name: 'none', type: '0x1::option::Option<ID>' },
        { name: 'other', type: 'ID' },
        { name: 'funds', type: '0x2::balance::Balance<T>' },
        { name: 'inner', type: 'Inner' },
        { name: 'states', type: 'vector<State>' },
      ],
    },
    {
      address: PKG,
      module: 'shapes',
      name: 'Inner',
      typeParams: [],
      abilities: ['store', 'drop', 'copy'],
      fields: [{ name: 'n', type: 'u16' }],
    },
    {
      address: PKG,
      module: 'shapes',
      name: 'State',
      typeParams: [],
      abilities: ['store', 'drop', 'copy'],
      variants: [
        { name: 'Idle', fields: [] },
        { name: 'Since', fields: [{ name: 'pos0', type: 'u64' }] },
        {
          name: 'Named',
          fields: [
            { name: 'at', type: 'u32' },
            { name: 'who', type: 'address' },
          ],
        },
      ],
    },
  ],
  functions: [],
};

describe('moveJson', () => {
  it('renders every field by Move name with Sui RPC conventions, through the ledger layouts', () => {
    const ledger = new Ledger({ framework: ledgerFramework(), clock: 'manual', modules: [shapes] });
    const type = `${PKG}::shapes::Everything<0x2::sui::SUI>`;
    const bytes = ledger.layouts.encode(type, {
      id: { id: { bytes: ID } },
      small: 7,
      medium: 70_000,
      large: 18_446_744_073_709_551_615n,
      huge: 1n << 200n,
      flag: true,
      owner: OWNER,
      raw: new Uint8Array([1, 2, 3, 250]),
      amounts: [1n, 2n],
      name: { bytes: new TextEncoder().encode('Wälrus') },
      symbol: { bytes: new TextEncoder().encode('WAL') },
      some: { vec: [9] },
      none: { vec: [] },
      other: { bytes: OWNER },
      funds: { value: 5_000_000_000n },
      inner: { n: 3 },
      states: [{ Idle: true }, { Since: { pos0: 12n } }, { Named: { at: 4, who: OWNER } }],
    });
    expect(moveJson(ledger.layouts, type, bytes)).toEqual({
      id: ID,
      small: 7,
      medium: 70_000,
      large: '18446744073709551615',
      huge: (1n << 200n).toString(),
      flag: true,
      owner: OWNER,
      raw: 'AQID+g==',
      amounts: ['1', '2'],
      name: 'Wälrus',
      symbol: 'WAL',
      some: 9,
      none: null,
      other: OWNER,
      funds: '5000000000',
      inner: { n: 3 },
      states: [
        { '@variant': 'Idle' },
        { '@variant': 'Since', pos0: '12' },
        { '@variant': 'Named', at: 4, who: OWNER },
      ],
    });
  });
});
