/** `0x2::hash`: the hash functions Move code can call (Blake2b-256 derives Walrus blob ids). */
import { blake2b } from '@noble/hashes/blake2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import { fn } from '../support/natives-kit.js';

/** Blake2b with a 32-byte digest. */
export function blake2b256(_ctx: NativeContext, data: Uint8Array): Uint8Array {
  return blake2b(data, { dkLen: 32 });
}

/** Keccak-256. */
export function keccak256(_ctx: NativeContext, data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** The `0x2::hash` module. */
export const hashModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'hash',
  structs: [],
  functions: [
    fn('blake2b256', ['&vector<u8>'], ['vector<u8>'], (ctx, [data]) => [blake2b256(ctx, data as Uint8Array)]),
    fn('keccak256', ['&vector<u8>'], ['vector<u8>'], (ctx, [data]) => [keccak256(ctx, data as Uint8Array)]),
  ],
};
