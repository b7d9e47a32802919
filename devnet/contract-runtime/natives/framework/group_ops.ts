/**
 * `0x2::group_ops`: the generic `Element<T>` wrapper of group elements (BLS12-381 points here) as
 * canonical bytes. Sui's generic group operations live in `bls12381`; this module has the struct and
 * the two public helpers.
 */
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import { frameworkNativeSource } from '../../framework-sources.js';
import { FRAMEWORK_ABORT_CODES } from '../../generated/move-types.js';
import type { ElementValue } from '../support/framework-values.js';
import { implement, nativeModule, returning } from '../support/implement.js';
import { sameBytes } from '../support/natives-kit.js';

/** Abort codes of `group_ops` (contracts/sui/sources/group_ops.move), which `bls12381` raises too. */
export const { EInvalidInput, EInputTooLong } = FRAMEWORK_ABORT_CODES.group_ops;
export type { ElementValue };

/** The element's bytes. */
export function bytes(_ctx: NativeContext, e: ElementValue): Uint8Array {
  return e.bytes;
}

/** True if both elements have the same encoding (encodings are canonical). */
export function equal(_ctx: NativeContext, e1: ElementValue, e2: ElementValue): boolean {
  return sameBytes(e1.bytes, e2.bytes);
}

/** The natives of `0x2::group_ops` (contracts/sui/sources/group_ops.move). */
export const groupOpsNatives = implement('group_ops', {
  bytes: returning(bytes),
  equal: returning(equal),
});

/** The `0x2::group_ops` module. */
export const groupOpsModule: NativeModule = nativeModule(frameworkNativeSource('group_ops'), groupOpsNatives);
