/** `0x2::hash`: the hash functions Move code can call (Blake2b-256 derives Walrus blob ids). */
import { blake2b } from '@noble/hashes/blake2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import { frameworkNativeSource } from '../../framework-sources.js';
import { implement, nativeModule, returning } from '../support/implement.js';

/** Blake2b with a 32-byte digest. */
export function blake2b256(_ctx: NativeContext, data: Uint8Array): Uint8Array {
  return blake2b(data, { dkLen: 32 });
}

/** Keccak-256. */
export function keccak256(_ctx: NativeContext, data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** The natives of `0x2::hash` (contracts/sui/sources/hash.move). */
export const hashNatives = implement('hash', {
  blake2b256: returning(blake2b256),
  keccak256: returning(keccak256),
});

/** The `0x2::hash` module. */
export const hashModule: NativeModule = nativeModule(frameworkNativeSource('hash'), hashNatives);
