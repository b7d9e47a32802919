/**
 * Parity of the storage-side natives with their Move modules, module by module (the package-wide
 * check over `walrusNativeModules` lives in `test/contract-runtime/parity.test.ts`), and of the framework
 * natives (built from `contracts/sui`) with the Sui framework signatures they implement, written out here as Sui
 * declares them, so a declaration in `contracts/sui` that drifts from Sui's fails.
 */
import { describe, expect, it } from 'vitest';
import { parseMoveSource } from '../../../devnet/contract-runtime/move-source.js';
import { bcsModule } from '../../../devnet/contract-runtime/natives/framework/bcs.js';
import { bls12381Module } from '../../../devnet/contract-runtime/natives/framework/bls12381.js';
import { groupOpsModule } from '../../../devnet/contract-runtime/natives/framework/group_ops.js';
import { hashModule } from '../../../devnet/contract-runtime/natives/framework/hash.js';
import { compareModule, comparePackages } from '../../../devnet/contract-runtime/parity.js';
import { loadContracts } from '../contracts-fixture.js';
import { ownModules } from './natives-fixture.js';

const { modules } = loadContracts();

describe('storage-side natives against contracts/', () => {
  for (const native of ownModules()) {
    it(`${native.name} has identical public functions and structs`, () => {
      const move = modules.find((m) => m.name === native.name)!;
      expect(move, `no Move module ${native.name}`).toBeDefined();
      expect(compareModule(move, native)).toEqual([]);
    });
  }

  it('covers wal, wal_exchange and the thirteen storage-side walrus modules (challenge included)', () => {
    const names = ownModules().map((m) => m.name);
    const own = modules.filter((m) => names.includes(m.name));
    expect(own).toHaveLength(15);
    expect(comparePackages(own, ownModules())).toEqual([]);
  });
});

describe('framework natives against their Sui signatures', () => {
  const source = `
    module sui::group_ops;
    public struct Element<phantom T> has copy, drop, store { bytes: vector<u8> }
    public fun bytes<G>(e: &Element<G>): &vector<u8> { &e.bytes }
    public fun equal<G>(e1: &Element<G>, e2: &Element<G>): bool { abort 0 }

    module sui::bls12381;
    use sui::group_ops::Element;
    public struct Scalar {}
    public struct G1 {}
    public struct G2 {}
    public struct GT {}
    public struct UncompressedG1 {}
    public fun bls12381_min_pk_verify(signature: &vector<u8>, public_key: &vector<u8>, msg: &vector<u8>): bool { abort 0 }
    public fun g1_from_bytes(bytes: &vector<u8>): Element<G1> { abort 0 }
    public fun g1_identity(): Element<G1> { abort 0 }
    public fun g1_generator(): Element<G1> { abort 0 }
    public fun g1_add(e1: &Element<G1>, e2: &Element<G1>): Element<G1> { abort 0 }
    public fun g1_sub(e1: &Element<G1>, e2: &Element<G1>): Element<G1> { abort 0 }
    public fun g1_neg(e: &Element<G1>): Element<G1> { abort 0 }
    public fun g1_to_uncompressed_g1(e: &Element<G1>): Element<UncompressedG1> { abort 0 }
    public fun uncompressed_g1_to_g1(e: &Element<UncompressedG1>): Element<G1> { abort 0 }
    public fun uncompressed_g1_sum(terms: &vector<Element<UncompressedG1>>): Element<UncompressedG1> { abort 0 }

    module sui::hash;
    public fun blake2b256(data: &vector<u8>): vector<u8> { abort 0 }
    public fun keccak256(data: &vector<u8>): vector<u8> { abort 0 }

    module sui::bcs;
    public struct BCS has copy, drop, store { bytes: vector<u8> }
    public fun to_bytes<T>(value: &T): vector<u8> { abort 0 }
    public fun new(bytes: vector<u8>): BCS { abort 0 }
    public fun into_remainder_bytes(bcs: BCS): vector<u8> { abort 0 }
    public fun peel_address(bcs: &mut BCS): address { abort 0 }
    public fun peel_bool(bcs: &mut BCS): bool { abort 0 }
    public fun peel_u8(bcs: &mut BCS): u8 { abort 0 }
    public fun peel_u16(bcs: &mut BCS): u16 { abort 0 }
    public fun peel_u32(bcs: &mut BCS): u32 { abort 0 }
    public fun peel_u64(bcs: &mut BCS): u64 { abort 0 }
    public fun peel_u128(bcs: &mut BCS): u128 { abort 0 }
    public fun peel_u256(bcs: &mut BCS): u256 { abort 0 }
    public fun peel_vec_length(bcs: &mut BCS): u64 { abort 0 }
    public fun peel_vec_u8(bcs: &mut BCS): vector<u8> { abort 0 }
  `;
  const parsed = parseMoveSource(source);
  const pairs = [groupOpsModule, bls12381Module, hashModule, bcsModule].map(
    (native) => [parsed.find((m) => m.name === native.name)!, native] as const,
  );
  for (const [move, native] of pairs) {
    it(`0x2::${native.name}`, () => {
      expect(compareModule(move, native)).toEqual([]);
    });
  }
});
