/**
 * How natives are registered: by Move module and function name, behaviour only. Everything else a
 * ledger needs (struct layouts, parameter and return types, visibility, `entry`, type parameters) is
 * taken from the parsed Move source in `contracts/`, and the argument and return tuples are typed by
 * the generated `MoveFunctions` (`devnet/contract-runtime/generated/move-types.ts`).
 * @example implement('wal', { total_supply: (_ctx, [treasury]) => [treasury.cap.total_supply.value] })
 */
import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import type {
  NativeContext,
  NativeFunction,
  NativeModule,
} from '../../../ledger/core/natives/native-types.js';
import type { MoveFunctions } from '../../generated/move-types.js';
import { isRegistrable, type MoveFunctionDecl, type MoveSourceModule } from '../../move-ast.js';
import { toStructDef } from '../../move-layouts.js';

/** A Move module with functions a native may implement. */
export type ImplementedModule = keyof MoveFunctions;

interface Signature {
  args: unknown[];
  returns: unknown[];
  callable: boolean;
}

/** The implementation of one Move function: decoded arguments in, return values out. */
export type NativeImpl<S extends Signature> = (
  ctx: NativeContext,
  args: S['args'],
  typeArgs: MoveType[],
) => S['returns'];

type Functions<M extends ImplementedModule> = MoveFunctions[M];

/** Every `public`/`entry` function of module `M` (required) and its initializer `init` (optional). */
export type Implementations<M extends ImplementedModule> = {
  [F in keyof Functions<M> as Functions<M>[F] extends { callable: true }
    ? F
    : never]: Functions<M>[F] extends Signature ? NativeImpl<Functions<M>[F]> : never;
} & {
  [F in keyof Functions<M> as Functions<M>[F] extends { callable: true }
    ? never
    : F]?: Functions<M>[F] extends Signature ? NativeImpl<Functions<M>[F]> : never;
};

/** The natives of one Move module, by function name. */
export interface ModuleImplementation {
  module: string;
  functions: Record<string, NativeFunction['impl']>;
}

/**
 * The natives of Move module `module`, by function name.
 * @example implement('wal', { burn(ctx, [treasury, coin]) { burn(ctx, treasury, coin); return []; } })
 */
export function implement<M extends ImplementedModule>(
  module: M,
  functions: Implementations<M>,
): ModuleImplementation {
  return { module, functions: functions as unknown as Record<string, NativeFunction['impl']> };
}

/**
 * The native of a Move function returning one value, from its TypeScript twin (same arguments in
 * the same order; a trailing `TxContext` argument goes along unused).
 * @example implement('blob', { size: returning(size) })
 */
export function returning<A extends unknown[], R>(
  twin: (ctx: NativeContext, ...args: A) => R,
): (ctx: NativeContext, args: [...A, ...unknown[]]) => [R] {
  return (ctx, args) => [twin(ctx, ...(args as unknown[] as A))];
}

/**
 * The native of a Move function returning nothing, from its TypeScript twin (as {@link returning}).
 * @example implement('blob', { burn: effect(burn) })
 */
export function effect<A extends unknown[]>(
  twin: (ctx: NativeContext, ...args: A) => void,
): (ctx: NativeContext, args: [...A, ...unknown[]]) => [] {
  return (ctx, args) => {
    twin(ctx, ...(args as unknown[] as A));
    return [];
  };
}

/**
 * The native of a Move accessor that returns one field of its first argument as it is
 * (`public fun size(self: &Blob): u64 { self.size }`).
 * @example implement('blob', { size: field('size') })
 */
export function field<K extends PropertyKey>(
  name: K,
): <S extends Record<K, unknown>>(ctx: NativeContext, args: [S, ...unknown[]]) => [S[K]] {
  return (_ctx, [self]) => [self[name]];
}

/**
 * Twins of an outer object's functions that Move writes as the same call on its inner state
 * (`public fun epoch(self: &System): u32 { self.inner().epoch() }`): `through(inner)(twin)` takes the
 * outer object, unwraps it with `inner` and calls `twin` with the other arguments as they are.
 * @example export const epoch = through(inner)(inner_.epoch);
 */
export function through<O, I>(inner: (ctx: NativeContext, outer: O) => I) {
  return <A extends unknown[], R>(twin: (ctx: NativeContext, inner: I, ...args: A) => R) =>
    (ctx: NativeContext, outer: O, ...args: A): R =>
      twin(ctx, inner(ctx, outer), ...args);
}

const VISIBILITY: Record<MoveFunctionDecl['visibility'], NativeFunction['visibility']> = {
  public: 'public',
  package: 'friend',
  friend: 'friend',
  private: 'private',
};

/**
 * What is wrong with the natives of `move`, as sentences: a `public` or `entry` function without an
 * implementation, or an implementation of anything but such a function or the initializer `init`.
 * Empty when they agree.
 */
export function implementationGaps(move: MoveSourceModule, natives?: ModuleImplementation): string[] {
  const implemented = new Set(Object.keys(natives?.functions ?? {}));
  const gaps: string[] = [];
  for (const fn of move.functions) {
    const callable = fn.visibility === 'public' || fn.isEntry;
    if (callable && !implemented.has(fn.name)) gaps.push(`${move.name}::${fn.name}: no native`);
    if (implemented.delete(fn.name) && !isRegistrable(fn)) {
      gaps.push(`${move.name}::${fn.name}: native of a ${fn.visibility} function`);
    }
  }
  for (const name of implemented) gaps.push(`${move.name}::${name}: native has no Move function`);
  return gaps;
}

/**
 * The ledger module of `move`: its structs and enums as the compiler lays them out, and one native
 * per implemented function, with the signature of its Move declaration.
 * @throws Error naming every gap {@link implementationGaps} finds
 */
export function nativeModule(move: MoveSourceModule, natives?: ModuleImplementation): NativeModule {
  const gaps = implementationGaps(move, natives);
  if (gaps.length) throw new Error(`The natives disagree with contracts/: ${gaps.join('; ')}`);
  const functions = move.functions.flatMap((fn): NativeFunction[] => {
    const impl = natives?.functions[fn.name];
    if (!impl) return [];
    return [
      {
        name: fn.name,
        visibility: VISIBILITY[fn.visibility],
        isEntry: fn.isEntry,
        typeParams: fn.typeParams.map((p) => ({ name: p.name, abilities: [...p.abilities] })),
        params: fn.params.map((p) => p.type),
        returns: [...fn.returns],
        impl,
      },
    ];
  });
  return {
    address: move.address,
    name: move.name,
    structs: move.structs.map((decl) => toStructDef(move, decl)),
    functions,
  };
}
