/**
 * The generator maps Move types to the shapes the ledger decodes (that the generated file is up to date with
 * `contracts/` is test/project/generated-code.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { generateMoveTypes } from '../../devnet/contract-runtime/move-codegen.js';
import { parseMoveSource } from '../../devnet/contract-runtime/move-source.js';

describe('generated Move types', () => {
  it('map structs, enums, signatures and constants to the decoded shapes', () => {
    const [module] = parseMoveSource(
      `module pkg::vault;
       use std::string::String;
       public struct Vault<phantom T> has key { id: UID, owner: address, amounts: vector<u64>, tag: vector<u8>, n: u16, name: String }
       public struct Marker() has drop;
       public enum Mode has copy, drop { Open, Locked(u32) }
       const EEmpty: u64 = 3;
       const LIMIT: u64 = 1_000;
       public fun peek<T>(vault: &Vault<T>, key: &T, ctx: &mut TxContext): (u64, Mode) { abort 0 }
       fun hidden() {}`,
      { addresses: { pkg: '0xaa' } },
    );
    const text = generateMoveTypes([module!]);
    expect(text).toContain(
      'export interface VaultValue {\n  id: UidValue;\n  owner: string;\n  amounts: bigint[];\n  tag: Uint8Array;\n  n: number;\n  name: StringValue;\n}',
    );
    expect(text).toContain('export interface MarkerValue { dummy_field: boolean }');
    expect(text).toContain("  | { $kind?: 'Open'; Open: true | null }");
    expect(text).toContain("  | { $kind?: 'Locked'; Locked: {\n    pos0: number;\n  } }");
    expect(text).toContain(
      'peek: { args: [VaultValue, unknown, TxContextValue]; returns: [bigint, ModeValue]; callable: true };',
    );
    expect(text).not.toContain('hidden');
    expect(text).toContain('    EEmpty: 3,');
    expect(text).toContain('    LIMIT: 1000n,');
  });
});
