/**
 * `0x2::bcs`: BCS serialization of any value and the `BCS` reader. As in Sui, a `BCS` keeps its
 * remaining bytes reversed (peeling pops from the back). {@link BcsReader} is the same reader for
 * natives, over a byte array, with the same abort codes.
 */
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext, NativeModule } from '../../../ledger/core/natives/native-types.js';
import { frameworkNativeSource } from '../../framework-sources.js';
import type { BcsValue } from '../support/framework-values.js';
import { implement, nativeModule, returning } from '../support/implement.js';
import { abortAt } from '../support/natives-kit.js';

/** Not enough bytes left. */
export const EOutOfRange = 0;
/** A bool byte is neither 0 nor 1. */
export const ENotBool = 1;
/** A ULEB128 length is longer than 5 bytes. */
export const ELenOutOfRange = 2;

export type { BcsValue };

const site = (fun: string) => ({ address: SUI_FRAMEWORK, module: 'bcs', function: fun });

/**
 * A BCS reader over bytes, aborting like `sui::bcs` (`EOutOfRange`, `ENotBool`, `ELenOutOfRange`).
 * @example const r = new BcsReader(ctx, bytes); const epoch = r.peelU32();
 */
export class BcsReader {
  #offset = 0;

  constructor(
    readonly ctx: NativeContext,
    readonly bytes: Uint8Array,
  ) {}

  /** Bytes not read yet. */
  get remaining(): number {
    return this.bytes.length - this.#offset;
  }

  #take(n: number, fun: string): Uint8Array {
    if (this.remaining < n) abortAt(this.ctx, site(fun), EOutOfRange);
    const out = this.bytes.subarray(this.#offset, this.#offset + n);
    this.#offset += n;
    return out;
  }

  #uint(n: number, fun: string): bigint {
    const bytes = this.#take(n, fun);
    let value = 0n;
    for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
    return value;
  }

  peelU8(): number {
    return this.#take(1, 'peel_u8')[0]!;
  }
  peelU16(): number {
    return Number(this.#uint(2, 'peel_u16'));
  }
  peelU32(): number {
    return Number(this.#uint(4, 'peel_u32'));
  }
  peelU64(): bigint {
    return this.#uint(8, 'peel_u64');
  }
  peelU128(): bigint {
    return this.#uint(16, 'peel_u128');
  }
  peelU256(): bigint {
    return this.#uint(32, 'peel_u256');
  }
  peelBool(): boolean {
    const byte = this.#take(1, 'peel_bool')[0]!;
    if (byte > 1) abortAt(this.ctx, site('peel_bool'), ENotBool);
    return byte === 1;
  }
  /** A 32-byte address, normalized (`0x` + 64 hex digits). */
  peelAddress(): string {
    return `0x${Buffer.from(this.#take(32, 'peel_address')).toString('hex')}`;
  }
  /** A ULEB128 length (at most 5 bytes). */
  peelVecLength(): bigint {
    let total = 0n;
    let shift = 0n;
    for (let len = 0; ; len++) {
      if (len > 4) abortAt(this.ctx, site('peel_vec_length'), ELenOutOfRange);
      const byte = BigInt(this.#take(1, 'peel_vec_length')[0]!);
      total |= (byte & 0x7fn) << shift;
      if ((byte & 0x80n) === 0n) return total;
      shift += 7n;
    }
  }
  /** A length-prefixed byte vector. */
  peelVecU8(): Uint8Array {
    const length = this.peelVecLength();
    return Uint8Array.from(this.#take(Number(length), 'peel_vec_u8'));
  }
  /** The bytes not read yet. */
  intoRemainderBytes(): Uint8Array {
    return Uint8Array.from(this.bytes.subarray(this.#offset));
  }
}

/** `bcs::new`: a reader over `bytes` (stored reversed). */
export function newBcs(_ctx: NativeContext, bytes: Uint8Array): BcsValue {
  return { bytes: Uint8Array.from(bytes).reverse() };
}

/** `bcs::into_remainder_bytes`. */
export function intoRemainderBytes(_ctx: NativeContext, value: BcsValue): Uint8Array {
  return Uint8Array.from(value.bytes).reverse();
}

/** Runs a reader over a `BCS` value and stores back what is left. */
function peel<R>(ctx: NativeContext, value: BcsValue, read: (reader: BcsReader) => R): R {
  const reader = new BcsReader(ctx, Uint8Array.from(value.bytes).reverse());
  const result = read(reader);
  value.bytes = reader.intoRemainderBytes().reverse();
  return result;
}

/** A native peeling one value off a `BCS` with `read`. */
const peeler =
  <R>(read: (reader: BcsReader) => R) =>
  (ctx: NativeContext, [value]: [BcsValue]): [R] => [peel(ctx, value, read)];

/** The natives of `0x2::bcs` (contracts/sui/sources/bcs.move): `to_bytes`, `new`, `into_remainder_bytes`, peelers. */
export const bcsNatives = implement('bcs', {
  to_bytes: (ctx, [value], [type]) => [ctx.layouts.encode(type!, value)],
  new: returning(newBcs),
  into_remainder_bytes: returning(intoRemainderBytes),
  peel_address: peeler((r) => r.peelAddress()),
  peel_bool: peeler((r) => r.peelBool()),
  peel_u8: peeler((r) => r.peelU8()),
  peel_u16: peeler((r) => r.peelU16()),
  peel_u32: peeler((r) => r.peelU32()),
  peel_u64: peeler((r) => r.peelU64()),
  peel_u128: peeler((r) => r.peelU128()),
  peel_u256: peeler((r) => r.peelU256()),
  peel_vec_length: peeler((r) => r.peelVecLength()),
  peel_vec_u8: peeler((r) => r.peelVecU8()),
});

/** The `0x2::bcs` module. */
export const bcsModule: NativeModule = nativeModule(frameworkNativeSource('bcs'), bcsNatives);
