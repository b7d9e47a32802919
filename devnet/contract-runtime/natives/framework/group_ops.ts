/**
 * `0x2::group_ops`: the generic `Element<T>` wrapper of group elements (BLS12-381 points here) as
 * canonical bytes. Sui's generic group operations live in `bls12381`; this module has the struct and
 * the two public helpers.
 */
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import type { ElementValue } from '../support/framework-values.js';
import { fn, sameBytes } from '../support/natives-kit.js';

/** The bytes are not a valid element. */
export const EInvalidInput = 1;
/** Too many inputs. */
export const EInputTooLong = 2;
export type { ElementValue };

/** The element's bytes. */
export function bytes(_ctx: NativeContext, e: ElementValue): Uint8Array {
  return e.bytes;
}

/** True if both elements have the same encoding (encodings are canonical). */
export function equal(_ctx: NativeContext, e1: ElementValue, e2: ElementValue): boolean {
  return sameBytes(e1.bytes, e2.bytes);
}

/** The `0x2::group_ops` module. */
export const groupOpsModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'group_ops',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'group_ops',
      name: 'Element',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'bytes', type: 'vector<u8>' }],
    },
  ],
  functions: [
    fn('bytes', ['&Element<G>'], ['&vector<u8>'], (ctx, [e]) => [bytes(ctx, e as ElementValue)], {
      typeParams: [{ name: 'G', abilities: [] }],
    }),
    fn(
      'equal',
      ['&Element<G>', '&Element<G>'],
      ['bool'],
      (ctx, [a, b]) => [equal(ctx, a as ElementValue, b as ElementValue)],
      { typeParams: [{ name: 'G', abilities: [] }] },
    ),
  ],
};
