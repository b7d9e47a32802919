/**
 * The declarations of a Move source file: what {@link parseMoveSource} returns (types resolved to
 * `address::module::Name`), and the raw declarations the parser reads before names are resolved.
 */
import type { Ability } from '../ledger/core/natives/native-types.js';

/** A type parameter of a struct or function, with its constraints. */
export interface MoveTypeParamDecl {
  name: string;
  /** Only struct type parameters can be phantom. */
  phantom: boolean;
  abilities: Ability[];
}

/** A struct field, variant field or function parameter: name, resolved type and the type as written. */
export interface MoveFieldDecl {
  /** Field name; positional fields are named `pos0`, `pos1`, … as the Move compiler names them. */
  name: string;
  /** Fully qualified type (`0x…02::coin::Coin<T>`), type parameters by name, with `&`/`&mut ` for references. */
  type: string;
  /** The type as written in the source (`&mut Coin<WAL>`). */
  source: string;
}

/** A variant of a Move enum. */
export interface MoveVariantDecl {
  name: string;
  positional: boolean;
  fields: MoveFieldDecl[];
}

/** A struct or enum declaration as written (no compiler-added `dummy_field`). */
export interface MoveStructDecl {
  kind: 'struct' | 'enum';
  name: string;
  typeParams: MoveTypeParamDecl[];
  abilities: Ability[];
  /** True for `struct S(A, B)`; its fields are `pos0`, `pos1`, …. */
  positional: boolean;
  /** Fields of a struct; empty for enums. */
  fields: MoveFieldDecl[];
  /** Variants of an enum, in declaration order; empty for structs. */
  variants: MoveVariantDecl[];
}

/** Move function visibility: `public`, `public(package)`, `public(friend)` or none. */
export type MoveVisibility = 'public' | 'package' | 'friend' | 'private';

/** A function signature (bodies are not kept). */
export interface MoveFunctionDecl {
  name: string;
  visibility: MoveVisibility;
  isEntry: boolean;
  isNative: boolean;
  typeParams: Array<{ name: string; abilities: Ability[] }>;
  params: MoveFieldDecl[];
  /** Return types, resolved like parameter types; a tuple return lists each element. */
  returns: string[];
}

/** A constant: its resolved type and its value as written. */
export interface MoveConstantDecl {
  name: string;
  type: string;
  value: string;
}

/**
 * A function's declaration up to its returns, as written in the source, around the name `name`:
 * `public(package) entry fun name<T: key + store>(self: &mut Blob, epochs: u32)`.
 */
export function declarationHead(fn: MoveFunctionDecl, name = fn.name): string {
  const visibility =
    fn.visibility === 'public' ? 'public ' : fn.visibility === 'private' ? '' : `public(${fn.visibility}) `;
  const entry = fn.isEntry ? 'entry ' : '';
  const typeParams = fn.typeParams.length
    ? `<${fn.typeParams.map((p) => (p.abilities.length ? `${p.name}: ${p.abilities.join(' + ')}` : p.name)).join(', ')}>`
    : '';
  const params = fn.params.map((p) => `${p.name}: ${p.source}`).join(', ');
  return `${visibility}${entry}fun ${name}${typeParams}(${params})`;
}

/** Module functions a transaction can call, plus the module initializer: what a native may implement. */
export function isRegistrable(fn: MoveFunctionDecl): boolean {
  return fn.visibility === 'public' || fn.isEntry || fn.name === 'init';
}

/** One parsed module with every type name resolved to `address::module::Name`. */
export interface MoveSourceModule {
  /** The named address in the declaration (`walrus` in `module walrus::system`), or the literal. */
  addressName: string;
  /** Full-length address. */
  address: string;
  name: string;
  /** Module aliases in scope (`coin` → `0x…02::coin`), including the implicit ones. */
  moduleAliases: Record<string, string>;
  /** Member aliases in scope (`Coin` → `0x…02::coin::Coin`), including the implicit ones. */
  memberAliases: Record<string, string>;
  structs: MoveStructDecl[];
  functions: MoveFunctionDecl[];
  constants: MoveConstantDecl[];
}

// ---------------------------------------------------------------- raw declarations (parser → resolver)

/** A type as written, before names are resolved. */
export type RawType =
  | { kind: 'path'; reference: '' | '&' | '&mut'; path: string[]; args: RawType[]; line: number }
  | { kind: 'tuple'; elements: RawType[]; line: number };

export interface RawField {
  name: string;
  type: RawType;
}

export interface RawStruct {
  kind: 'struct' | 'enum';
  name: string;
  typeParams: MoveTypeParamDecl[];
  abilities: Ability[];
  positional: boolean;
  fields: RawField[];
  variants: Array<{ name: string; positional: boolean; fields: RawField[] }>;
}

export interface RawFunction {
  name: string;
  visibility: MoveVisibility;
  isEntry: boolean;
  isNative: boolean;
  typeParams: Array<{ name: string; abilities: Ability[] }>;
  params: RawField[];
  returns: RawType | undefined;
}

export interface RawModule {
  addressName: string;
  name: string;
  line: number;
  uses: Array<{ alias: string; target: string[]; member: boolean }>;
  structs: RawStruct[];
  functions: RawFunction[];
  constants: Array<{ name: string; type: RawType; value: string }>;
}

/** The type as written, normalised to single spaces. */
export function rawTypeText(type: RawType): string {
  if (type.kind === 'tuple') return `(${type.elements.map(rawTypeText).join(', ')})`;
  const prefix = type.reference === '&mut' ? '&mut ' : type.reference;
  const args = type.args.length ? `<${type.args.map(rawTypeText).join(', ')}>` : '';
  return `${prefix}${type.path.join('::')}${args}`;
}
