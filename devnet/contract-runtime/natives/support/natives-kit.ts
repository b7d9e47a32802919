/**
 * Small building blocks shared by the natives of the Walrus packages: package addresses, Move type
 * constructors, Move-faithful aborts (by constant name) and
 * integer checks.
 *
 * Package addresses: natives are written once for every deployment, so they and the TypeScript twins
 * of `public(package)` functions (e.g. `events.emitEpochChangeStart(ctx, epoch)`) only get the
 * `NativeContext`. {@link walrusAddresses}`(ctx)` finds them either on the context itself (the
 * staking side's `WalrusContext`, `ctx.walrus.addresses`) or, for natives wrapped by
 * {@link withWalrusAddresses}, bound while the native runs (keyed by the ledger's layout cache, so
 * several ledgers in one process do not mix).
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { ExecutionError } from '../../../ledger/core/execution/execution-error.js';
import type { LayoutCache } from '../../../ledger/core/move/layouts.js';
import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import {
  type BalanceValue,
  type IdValue,
  SUI_FRAMEWORK,
  U64_MAX,
  type UidValue,
} from '../../../ledger/core/natives/framework/values.js';
import {
  MoveAbortError,
  type NativeContext,
  type NativeModule,
} from '../../../ledger/core/natives/native-types.js';
import { ABORT_CODES } from '../../generated/move-types.js';
import type { WalrusAddresses } from '../../walrus-addresses.js';

export type { WalrusAddresses } from '../../walrus-addresses.js';

const bound = new WeakMap<LayoutCache, WalrusAddresses>();

/**
 * The addresses of the Walrus deployment whose native is running (see the module comment).
 * @throws Error when no native wrapped by {@link withWalrusAddresses} runs on this ledger
 */
export function walrusAddresses(ctx: NativeContext): WalrusAddresses {
  // The staking side's `WalrusContext` carries them (`ctx.walrus.addresses`).
  const carried = (ctx as { walrus?: { addresses?: WalrusAddresses } }).walrus?.addresses;
  if (carried) return normalizeAddresses(carried);
  const addresses = bound.get(ctx.layouts);
  if (!addresses) {
    throw new Error(
      'Walrus natives: the package addresses are unknown on this ledger; register the modules from ' +
        'walrusNativeModules(addresses) (or wrap them with withWalrusAddresses)',
    );
  }
  return addresses;
}

/** `module` with every native binding `addresses` (see {@link walrusAddresses}) before it runs. */
export function withWalrusAddresses(module: NativeModule, addresses: WalrusAddresses): NativeModule {
  const normalized = normalizeAddresses(addresses);
  return {
    ...module,
    functions: module.functions.map((f) => ({
      ...f,
      impl: (ctx, args, typeArgs) => {
        bound.set(ctx.layouts, normalized);
        return f.impl(ctx, args, typeArgs);
      },
    })),
  };
}

/** The addresses with full-length normalized ids. */
export function normalizeAddresses(addresses: WalrusAddresses): WalrusAddresses {
  return {
    wal: normalizeSuiAddress(addresses.wal),
    wal_exchange: normalizeSuiAddress(addresses.wal_exchange),
    walrus: normalizeSuiAddress(addresses.walrus),
  };
}

// ---------------------------------------------------------------- types

/** A struct type `address::module::name<typeArgs>`. */
export function structType(
  address: string,
  module: string,
  name: string,
  typeArgs: MoveType[] = [],
): MoveType {
  return { kind: 'struct', address: normalizeSuiAddress(address), module, name, typeArgs };
}

/** A type of the Walrus package of the running deployment. */
export function walrusType(
  ctx: NativeContext,
  module: string,
  name: string,
  typeArgs: MoveType[] = [],
): MoveType {
  return structType(walrusAddresses(ctx).walrus, module, name, typeArgs);
}

/** `0x2::object::ID`. */
export const ID_TYPE: MoveType = structType(SUI_FRAMEWORK, 'object', 'ID');

/** Primitive and vector type constants. */
export const T = {
  u8: { kind: 'u8' } as MoveType,
  u16: { kind: 'u16' } as MoveType,
  u32: { kind: 'u32' } as MoveType,
  u64: { kind: 'u64' } as MoveType,
  u256: { kind: 'u256' } as MoveType,
  address: { kind: 'address' } as MoveType,
  bytes: { kind: 'vector', element: { kind: 'u8' } } as MoveType,
};

// ---------------------------------------------------------------- aborts and integers

/** Where a Move abort is raised: the module and function of the `assert!`. */
export interface AbortSite {
  /** Package address; omitted for the modules of the three Walrus packages (found by module name). */
  address?: string;
  module: string;
  function: string;
}

/**
 * A Move abort raised by a native, annotated with the Move module and function that raise it and
 * the name of the abort-code constant (`EInvalidBlobId`).
 */
export interface LocatedAbort extends MoveAbortError {
  location?: AbortSite;
  constantName?: string;
}

/**
 * Aborts through `ctx.abort(code)` (the executor names the called function and the code) and attaches
 * `location`, the Move function that raises the abort, to the error as `error.location`, and the
 * constant's name as `error.constantName`.
 */
export function abortAt(
  ctx: NativeContext,
  site: AbortSite,
  code: number | bigint,
  constantName?: string,
): never {
  try {
    ctx.abort(code);
  } catch (error) {
    if (error instanceof MoveAbortError) {
      if (constantName) (error as LocatedAbort).constantName = constantName;
      const addresses = bound.get(ctx.layouts);
      const address =
        site.address ??
        (site.module === 'wal'
          ? addresses?.wal
          : site.module === 'wal_exchange'
            ? addresses?.wal_exchange
            : addresses?.walrus);
      (error as LocatedAbort).location = { ...site, ...(address ? { address } : {}) };
    }
    throw error;
  }
}

/** A module of the Walrus packages that declares abort codes. */
export type AbortingModule = keyof typeof ABORT_CODES;

/**
 * `abortAt` with a site in one of the Walrus packages and the abort code of the Move constant
 * `name` of `module`, as `abort(ctx, 'blob', 'new', 'EInvalidBlobId')`.
 */
export function abort<M extends AbortingModule>(
  ctx: NativeContext,
  module: M,
  fun: string,
  name: keyof (typeof ABORT_CODES)[M] & string,
): never {
  const code = (ABORT_CODES[module] as Record<string, number>)[name]!;
  return abortAt(ctx, { module, function: fun }, code, name);
}

/** Largest u32. */
export const U32_MAX = 0xffff_ffffn;
/** Largest u64 (the framework's constant). */
export { U64_MAX };
/**
 * Move's arithmetic check: a result above `max` fails the transaction as Move does (an arithmetic
 * error, not an abort code).
 */
export function checked(value: bigint, max: bigint, where: string): bigint {
  if (value < 0n || value > max) {
    throw new ExecutionError(
      'MovePrimitiveRuntimeError',
      `Arithmetic error (${value < 0n ? 'underflow' : 'overflow'}) in ${where}`,
    );
  }
  return value;
}

/** Checked u64 result. */
export const u64 = (value: bigint, where: string): bigint => checked(value, U64_MAX, where);

/** Checked u32 result, as a number. */
export const u32 = (value: number | bigint, where: string): number =>
  Number(checked(BigInt(value), U32_MAX, where));

/** `balance::join`: adds `amount` to `balance`; a sum above u64 fails as in Move. */
export function joinBalance(balance: BalanceValue, amount: bigint): void {
  balance.value = u64(balance.value + amount, 'balance::join');
}

// ---------------------------------------------------------------- values

export type { StringValue } from './framework-values.js';

/** The `ID` of an object value (anything whose first field is a UID). */
export function idOf(value: { id: UidValue }): IdValue {
  return { bytes: value.id.id.bytes };
}

/** A fresh UID. */
export function newUid(ctx: NativeContext): UidValue {
  return { id: { bytes: ctx.freshId() } };
}

/** The u256 whose BCS (little-endian) is `bytes` (32 bytes). */
export function u256FromBytes(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

/** Byte-wise equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
