import type { LayoutCache, StructDef } from '../move/layouts.js';
import type { MoveType } from '../move/type-parser.js';
import type { Owner } from '../types.js';

/** Move abilities, as in a function's type parameter constraints. */
export type Ability = 'copy' | 'drop' | 'store' | 'key';

/** What a native implementation may do besides computing on its arguments. */
export interface NativeContext {
  readonly sender: string;
  readonly txDigest: string;
  readonly epoch: bigint;
  /** Milliseconds; start of the current epoch. */
  readonly epochTimestampMs: bigint;
  readonly layouts: LayoutCache;
  /** A fresh object id, derived from the transaction digest and a counter, as Sui does. */
  freshId(): string;
  /** Hands an object value to a new owner (transfer, share, freeze). */
  transfer(type: MoveType, value: unknown, owner: Owner): void;
  /** Deletes an object by id (its UID was destroyed). */
  deleteObject(id: string): void;
  /** Emits an event. */
  emit(type: MoveType, value: unknown): void;
  /** Aborts the transaction with a Move abort code from the calling function. */
  abort(code: number | bigint): never;
  /** Dynamic-field children owned by object `parent`. */
  children: ChildObjects;
  /** Takes the object behind a `Receiving<T>` ticket sent to object `parent` (by value, of type `type`). */
  receive(parent: string, ticket: unknown, type: MoveType): unknown;
}

/** Access to objects owned by other objects (dynamic fields), loaded lazily from the store. */
export interface ChildObjects {
  exists(parent: string, child: string): boolean;
  /** Type of the child, or undefined if absent. */
  typeOf(parent: string, child: string): string | undefined;
  /** The child's decoded value, mutable in place; aborts via the caller when absent. */
  borrow(parent: string, child: string, type: MoveType): unknown;
  add(parent: string, child: string, type: MoveType, value: unknown): void;
  remove(parent: string, child: string, type: MoveType): unknown;
}

/** One native function: the TypeScript twin of a public Move function. */
export interface NativeFunction {
  name: string;
  visibility: 'public' | 'friend' | 'private';
  isEntry: boolean;
  typeParams: Array<{ name: string; abilities: Ability[] }>;
  /** Parameter types in Move syntax, with `&`/`&mut` prefixes, naming type params (e.g. `&mut Coin<T>`). */
  params: string[];
  returns: string[];
  /**
   * The implementation. Arguments arrive decoded; by-reference struct arguments are the live values
   * (mutate them in place for `&mut`). Returns the return values in order.
   */
  impl: (ctx: NativeContext, args: unknown[], typeArgs: MoveType[]) => unknown[];
}

/** A module: its structs and natives. Type names inside params may be short (`Coin<T>`) if `imports` names them. */
export interface NativeModule {
  address: string;
  name: string;
  structs: StructDef[];
  functions: NativeFunction[];
  /** Short names usable in signatures, mapped to full `address::module::Name` (e.g. `Coin` → `0x2::coin::Coin`). */
  imports?: Record<string, string>;
}

/** Thrown by `ctx.abort`. The executor reports the called function unless `location` names the Move function that raised it. */
export class MoveAbortError extends Error {
  /** The module and function of the `assert!` (and its package, if not the called one). */
  location?: { address?: string; module: string; function: string };

  constructor(readonly code: bigint) {
    super(`Move abort with code ${code}`);
  }
}
