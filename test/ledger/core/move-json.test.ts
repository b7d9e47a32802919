/**
 * Issue 9 item 2: Move values rendered as the JSON Sui's RPC serves (`Object.json`), from the ledger's own struct
 * layouts. Expected values follow Sui's `RpcVisitor` (crates/sui-types/src/object/rpc_visitor.rs).
 */
import { describe, expect, it } from 'vitest';
import { toStructModule } from '../../../devnet/contract-runtime/move-layouts.js';
import { parseMoveSource } from '../../../devnet/contract-runtime/move-source.js';
import { ledgerFramework } from '../../../devnet/contract-runtime/natives/framework/index.js';
import { Ledger } from '../../../devnet/ledger/core/ledger.js';
import { moveJson } from '../../../devnet/ledger/core/move/move-json.js';

const PKG = '0x00000000000000000000000000000000000000000000000000000000000000cd';
const ID = `0x${'ab'.repeat(32)}`;
const OWNER = `0x${'0'.repeat(62)}42`;

/** A struct with every kind of field the rules distinguish, and a Move enum. */
const SHAPES = `
module shapes::shapes;

use std::ascii;
use std::string::String;
use sui::balance::Balance;

public struct Everything<phantom T> has key {
    id: UID,
    small: u8,
    medium: u32,
    large: u64,
    huge: u256,
    flag: bool,
    owner: address,
    raw: vector<u8>,
    amounts: vector<u64>,
    name: String,
    symbol: ascii::String,
    some: Option<u16>,
    none: Option<ID>,
    other: ID,
    funds: Balance<T>,
    inner: Inner,
    states: vector<State>,
}

public struct Inner has copy, drop, store { n: u16 }

public enum State has copy, drop, store {
    Idle,
    Since(u64),
    Named { at: u32, who: address },
}
`;
const shapes = toStructModule(parseMoveSource(SHAPES, { addresses: { shapes: PKG } })[0]!);

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
