import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { StructDef } from '../ledger/core/move/layouts.js';
import { type MoveType, parseMoveType } from '../ledger/core/move/type-parser.js';
import type { NativeFunction, NativeModule } from '../ledger/core/natives/native-types.js';
import { NativeRegistry } from '../ledger/core/natives/registry.js';
import {
  declarationHead,
  type MoveFunctionDecl,
  type MoveSourceModule,
  type MoveVisibility,
} from './move-ast.js';
import { toStructDef } from './move-layouts.js';

/** A type in canonical form for comparison: references kept, type parameters by position (`$0`). */
type Canonical = string;

const NATIVE_VISIBILITY: Record<NativeFunction['visibility'], MoveVisibility[]> = {
  public: ['public'],
  friend: ['package', 'friend'],
  private: ['private'],
};

/**
 * The differences between a module's Move source and its natives, as sentences naming the item
 * and both sides. Empty when they agree.
 *
 * Checked: module address and name; every function callable from a transaction (`public` or
 * `entry`) has a native, and every native a Move function; for each pair: visibility, `entry`,
 * type parameter count and constraints, parameter and return types (references included, type
 * parameters compared by position). Structs and enums: each on both sides, with the same type
 * parameters (count and phantom), abilities, fields (names, order, types; a struct without fields
 * has the compiler's `dummy_field: bool`) and variants.
 * @example compareModule(parsedSystem, systemNatives) // ['system::reserve_space: parameter 4 …']
 */
export function compareModule(move: MoveSourceModule, native: NativeModule): string[] {
  const diffs: string[] = [];
  const where = (item?: string) => (item ? `${move.name}::${item}` : move.name);
  const registry = new NativeRegistry();
  if (normalizeSuiAddress(native.address) !== move.address) {
    diffs.push(`${where()}: Move address ${short(move.address)}, native ${short(native.address)}`);
  }
  if (native.name !== move.name) diffs.push(`${where()}: native module is named "${native.name}"`);

  // Functions.
  const nativeFns = new Map(native.functions.map((f) => [f.name, f]));
  for (const fn of move.functions) {
    const twin = nativeFns.get(fn.name);
    if (!twin) {
      if (fn.visibility === 'public' || fn.isEntry) {
        diffs.push(`${where(fn.name)}: no native for \`${moveSignature(fn)}\``);
      }
      continue;
    }
    nativeFns.delete(fn.name);
    diffs.push(...compareFunction(fn, twin, native, registry).map((d) => `${where(fn.name)}: ${d}`));
  }
  for (const extra of nativeFns.values()) diffs.push(`${where(extra.name)}: native has no Move function`);

  // Structs and enums.
  const nativeStructs = new Map(native.structs.map((s) => [s.name, s]));
  for (const decl of move.structs) {
    const twin = nativeStructs.get(decl.name);
    if (!twin) {
      diffs.push(`${where(decl.name)}: no native ${decl.kind} definition`);
      continue;
    }
    nativeStructs.delete(decl.name);
    const expected = toStructDef(move, decl);
    diffs.push(...compareStruct(expected, twin, native, registry).map((d) => `${where(decl.name)}: ${d}`));
  }
  for (const extra of nativeStructs.values())
    diffs.push(`${where(extra.name)}: native struct has no Move declaration`);
  return diffs;
}

/**
 * {@link compareModule} over whole packages, pairing modules by address and name; a Move module
 * without natives (or natives without Move source) is one difference.
 */
export function comparePackages(moveModules: MoveSourceModule[], nativeModules: NativeModule[]): string[] {
  const key = (address: string, name: string) => `${normalizeSuiAddress(address)}::${name}`;
  const natives = new Map(nativeModules.map((m) => [key(m.address, m.name), m]));
  const diffs: string[] = [];
  for (const move of moveModules) {
    const k = key(move.address, move.name);
    const native = natives.get(k);
    if (!native) {
      diffs.push(`${move.addressName}::${move.name}: no native module`);
      continue;
    }
    natives.delete(k);
    diffs.push(...compareModule(move, native));
  }
  for (const extra of natives.values())
    diffs.push(`${short(extra.address)}::${extra.name}: native module has no Move source`);
  return diffs;
}

function compareFunction(
  fn: MoveFunctionDecl,
  native: NativeFunction,
  module: NativeModule,
  registry: NativeRegistry,
): string[] {
  const diffs: string[] = [];
  if (!NATIVE_VISIBILITY[native.visibility].includes(fn.visibility)) {
    diffs.push(`visibility: Move ${fn.visibility}, native ${native.visibility}`);
  }
  if (fn.isEntry !== native.isEntry) diffs.push(`entry: Move ${fn.isEntry}, native ${native.isEntry}`);
  if (fn.typeParams.length !== native.typeParams.length) {
    diffs.push(`type parameters: Move ${fn.typeParams.length}, native ${native.typeParams.length}`);
  } else {
    fn.typeParams.forEach((p, i) => {
      const theirs = native.typeParams[i]!;
      if (!sameSet(p.abilities, theirs.abilities)) {
        diffs.push(
          `type parameter ${i} constraints: Move {${[...p.abilities].sort()}}, native {${[...theirs.abilities].sort()}}`,
        );
      }
    });
  }
  const moveParams = fn.typeParams.map((p) => p.name);
  const nativeParams = native.typeParams.map((p) => p.name);
  const compareList = (kind: string, ours: string[], theirs: string[]) => {
    if (ours.length !== theirs.length) {
      diffs.push(`${kind} count: Move ${ours.length}, native ${theirs.length}`);
      return;
    }
    ours.forEach((type, i) => {
      const a = canonical(type, moveParams);
      const b = canonicalNative(theirs[i]!, nativeParams, module, registry);
      if (a !== b) diffs.push(`${kind} ${i} differs: Move \`${a}\`, native \`${b}\``);
    });
  };
  compareList(
    'parameter',
    fn.params.map((p) => p.type),
    native.params,
  );
  compareList('return', fn.returns, native.returns);
  return diffs;
}

function compareStruct(
  ours: StructDef,
  theirs: StructDef,
  module: NativeModule,
  registry: NativeRegistry,
): string[] {
  const diffs: string[] = [];
  if (ours.typeParams.length !== theirs.typeParams.length) {
    diffs.push(`type parameters: Move ${ours.typeParams.length}, native ${theirs.typeParams.length}`);
    return diffs;
  }
  const phantom = (def: StructDef) => def.typeParams.map((p) => (def.phantomParams ?? []).includes(p));
  if (phantom(ours).join() !== phantom(theirs).join()) {
    diffs.push(`phantom type parameters: Move [${phantom(ours)}], native [${phantom(theirs)}]`);
  }
  if (!sameSet(ours.abilities, theirs.abilities)) {
    diffs.push(`abilities: Move {${[...ours.abilities].sort()}}, native {${[...theirs.abilities].sort()}}`);
  }
  const fieldList = (prefix: string, a: StructDef['fields'], b: StructDef['fields']) => {
    const mine = a ?? [];
    const other = b ?? [];
    const names = (list: typeof mine) => list.map((f) => f.name).join(', ');
    if (names(mine) !== names(other)) {
      diffs.push(`${prefix}fields: Move (${names(mine)}), native (${names(other)})`);
      return;
    }
    mine.forEach((field, i) => {
      const x = canonical(field.type, ours.typeParams);
      const y = canonicalNative(other[i]!.type, theirs.typeParams, module, registry);
      if (x !== y) diffs.push(`${prefix}field ${field.name}: Move \`${x}\`, native \`${y}\``);
    });
  };
  if (Boolean(ours.variants) !== Boolean(theirs.variants)) {
    diffs.push(
      `kind: Move ${ours.variants ? 'enum' : 'struct'}, native ${theirs.variants ? 'enum' : 'struct'}`,
    );
    return diffs;
  }
  if (ours.variants && theirs.variants) {
    const names = (def: StructDef) => def.variants!.map((v) => v.name).join(', ');
    if (names(ours) !== names(theirs)) {
      diffs.push(`variants: Move (${names(ours)}), native (${names(theirs)})`);
      return diffs;
    }
    ours.variants.forEach((v, i) => {
      fieldList(`variant ${v.name} `, v.fields, theirs.variants![i]!.fields);
    });
    return diffs;
  }
  fieldList('', ours.fields, theirs.fields);
  return diffs;
}

/** A resolved Move-side type (`&mut 0x…::m::S<T>`) in canonical form. */
function canonical(type: string, typeParams: readonly string[]): Canonical {
  const { reference, body } = splitReference(type);
  return reference + render(parseMoveType(body, typeParams));
}

/** A native-side type (short names allowed, resolved like the registry does) in canonical form. */
function canonicalNative(
  type: string,
  typeParams: readonly string[],
  module: NativeModule,
  registry: NativeRegistry,
): Canonical {
  const { reference, body } = splitReference(type);
  try {
    return reference + render(registry.resolveTypeIn(module, body, [...typeParams]));
  } catch (error) {
    return `<unresolvable ${type}: ${(error as Error).message}>`;
  }
}

function splitReference(type: string): { reference: string; body: string } {
  const trimmed = type.trim();
  if (trimmed.startsWith('&mut ')) return { reference: '&mut ', body: trimmed.slice(5) };
  if (trimmed.startsWith('&')) return { reference: '&', body: trimmed.slice(1) };
  return { reference: '', body: trimmed };
}

/** Formats with short addresses (`0x2::coin::Coin<$0>`), type parameters by position or by name. */
function render(type: MoveType, byName = false): string {
  switch (type.kind) {
    case 'vector':
      return `vector<${render(type.element, byName)}>`;
    case 'param':
      return byName ? type.name : `$${type.index}`;
    case 'struct': {
      const base = `${short(type.address)}::${type.module}::${type.name}`;
      const args = type.typeArgs.map((t) => render(t, byName));
      return args.length ? `${base}<${args.join(', ')}>` : base;
    }
    default:
      return type.kind;
  }
}

/** `0x2` for `0x000…02`. */
function short(address: string): string {
  const hex = normalizeSuiAddress(address).slice(2).replace(/^0+/, '');
  return `0x${hex || '0'}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort().join();
  const y = [...new Set(b)].sort().join();
  return x === y;
}

/** The function's signature as written in the source. */
function moveSignature(fn: MoveFunctionDecl): string {
  const names = fn.typeParams.map((p) => p.name);
  const shown = fn.returns.map((type) => {
    const { reference, body } = splitReference(type);
    return reference + render(parseMoveType(body, names), true);
  });
  const returns = shown.length ? `: ${shown.length === 1 ? shown[0] : `(${shown.join(', ')})`}` : '';
  return `${declarationHead(fn)}${returns}`;
}
