/**
 * Resolves the names of a raw module (move-parser.ts) to full `address::module::Name` strings, with the Sui Move 2024
 * prelude's aliases in scope, and checks that no item is declared twice.
 */
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { formatMoveType, type MoveType } from '../ledger/core/move/type-parser.js';
import {
  type MoveFieldDecl,
  type MoveFunctionDecl,
  type MoveSourceModule,
  type MoveStructDecl,
  type RawField,
  type RawFunction,
  type RawModule,
  type RawStruct,
  type RawType,
  rawTypeText,
} from './move-ast.js';
import { MoveSyntaxError } from './move-lexer.js';

const PRIMITIVES = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'address', 'signer']);

/** Named addresses every package knows. */
export const FRAMEWORK_ADDRESSES: Readonly<Record<string, string>> = { std: '0x1', sui: '0x2' };

/** Module aliases the Sui Move 2024 prelude puts in scope of every module. */
const PRELUDE_MODULES: ReadonlyArray<[string, string]> = [
  ['vector', '0x1::vector'],
  ['option', '0x1::option'],
  ['object', '0x2::object'],
  ['transfer', '0x2::transfer'],
  ['tx_context', '0x2::tx_context'],
];

/** Member aliases the Sui Move 2024 prelude puts in scope of every module. */
const PRELUDE_MEMBERS: ReadonlyArray<[string, string]> = [
  ['Option', '0x1::option::Option'],
  ['ID', '0x2::object::ID'],
  ['UID', '0x2::object::UID'],
  ['TxContext', '0x2::tx_context::TxContext'],
];

/** Resolves names in a raw module to full `address::module::Name` strings. */
export function resolveModule(raw: RawModule, addresses: Record<string, string>): MoveSourceModule {
  return new ModuleResolver(raw, addresses).module();
}

/** The names in scope of one module, and how its declarations resolve against them. */
class ModuleResolver {
  readonly address: string;
  readonly moduleAliases: Map<string, string>;
  readonly memberAliases: Map<string, string>;
  readonly #ownTypes: Set<string>;

  constructor(
    private readonly raw: RawModule,
    private readonly addresses: Record<string, string>,
  ) {
    this.address = this.addressOf(raw.addressName, raw.line);
    const normalize = (path: string) => {
      const [head, ...rest] = path.split('::');
      return [normalizeSuiAddress(head!), ...rest].join('::');
    };
    this.moduleAliases = new Map(PRELUDE_MODULES.map(([a, p]) => [a, normalize(p)]));
    this.memberAliases = new Map(PRELUDE_MEMBERS.map(([a, p]) => [a, normalize(p)]));
    this.moduleAliases.set('Self', `${this.address}::${raw.name}`);
    for (const use of raw.uses) {
      const [addr, ...rest] = use.target;
      const full = [this.addressOf(addr!, raw.line), ...rest].join('::');
      if (use.member) this.memberAliases.set(use.alias, full);
      else this.moduleAliases.set(use.alias, full);
    }
    this.#ownTypes = new Set(raw.structs.map((s) => s.name));
  }

  module(): MoveSourceModule {
    const { raw } = this;
    const structs = raw.structs.map((s) => this.#struct(s));
    const functions = raw.functions.map((f) => this.#function(f));
    const constants = raw.constants.map((c) => ({
      name: c.name,
      type: this.#render(c.type, [], c.name),
      value: c.value,
    }));
    for (const kind of [structs, functions, constants] as Array<Array<{ name: string }>>) {
      const seen = new Set<string>();
      for (const item of kind) {
        if (seen.has(item.name))
          throw new MoveSyntaxError(`${this.#where(item.name)} is declared twice`, raw.line);
        seen.add(item.name);
      }
    }
    return {
      addressName: raw.addressName,
      address: this.address,
      name: raw.name,
      moduleAliases: Object.fromEntries(this.moduleAliases),
      memberAliases: Object.fromEntries(this.memberAliases),
      structs,
      functions,
      constants,
    };
  }

  addressOf(name: string, line: number): string {
    if (/^0x[0-9a-fA-F]+$|^[0-9]+$/.test(name)) return normalizeSuiAddress(name);
    const value = this.addresses[name];
    if (value === undefined) throw new MoveSyntaxError(`unknown named address "${name}"`, line);
    return normalizeSuiAddress(value);
  }

  #where(item: string): string {
    return `${this.raw.addressName}::${this.raw.name}::${item}`;
  }

  #struct(s: RawStruct): MoveStructDecl {
    const params = s.typeParams.map((p) => p.name);
    return {
      kind: s.kind,
      name: s.name,
      typeParams: s.typeParams,
      abilities: s.abilities,
      positional: s.positional,
      fields: s.fields.map((f) => this.#field(f, params, s.name)),
      variants: s.variants.map((v) => ({
        name: v.name,
        positional: v.positional,
        fields: v.fields.map((f) => this.#field(f, params, `${s.name}::${v.name}`)),
      })),
    };
  }

  #function(f: RawFunction): MoveFunctionDecl {
    const params = f.typeParams.map((p) => p.name);
    const returns =
      f.returns === undefined
        ? []
        : f.returns.kind === 'tuple'
          ? f.returns.elements.map((e) => this.#render(e, params, f.name))
          : [this.#render(f.returns, params, f.name)];
    return {
      name: f.name,
      visibility: f.visibility,
      isEntry: f.isEntry,
      isNative: f.isNative,
      typeParams: f.typeParams,
      params: f.params.map((p) => this.#field(p, params, f.name)),
      returns,
    };
  }

  #field(f: RawField, typeParams: string[], item: string): MoveFieldDecl {
    return { name: f.name, type: this.#render(f.type, typeParams, item), source: rawTypeText(f.type) };
  }

  /** The resolved type as a string, with `&`/`&mut ` for references. */
  #render(type: RawType, typeParams: string[], item: string): string {
    if (type.kind === 'tuple')
      throw new MoveSyntaxError(`${this.#where(item)}: unexpected tuple type`, type.line);
    const body = formatMoveType(this.#resolve({ ...type, reference: '' }, typeParams, item));
    return type.reference === '&mut' ? `&mut ${body}` : type.reference === '&' ? `&${body}` : body;
  }

  #resolve(type: RawType, typeParams: string[], item: string): MoveType {
    if (type.kind === 'tuple')
      throw new MoveSyntaxError(`${this.#where(item)}: a tuple is not a value type`, type.line);
    const args = type.args.map((a) => this.#resolve(a, typeParams, item));
    const fail = (message: string): never => {
      throw new MoveSyntaxError(`${this.#where(item)}: ${message}`, type.line);
    };
    if (type.reference && type.args.some((a) => a.kind === 'path' && a.reference)) fail('nested reference');
    for (const arg of type.args)
      if (arg.kind === 'path' && arg.reference) fail('a reference cannot be a type argument');
    const path = type.path;
    if (path.length === 1) return this.#resolveName(path[0]!, args, typeParams, fail);
    if (path.length === 2) {
      const module = this.moduleAliases.get(path[0]!);
      if (!module) return fail(`unknown module "${path[0]}" in "${path.join('::')}"`);
      return struct(`${module}::${path[1]}`, args);
    }
    if (path.length === 3) {
      return struct(`${this.addressOf(path[0]!, type.line)}::${path[1]}::${path[2]}`, args);
    }
    return fail(`"${path.join('::')}" is not a type name`);
  }

  /** A one-segment type name: a type parameter, a primitive, `vector`, a type of this module or a `use`d one. */
  #resolveName(
    name: string,
    args: MoveType[],
    typeParams: string[],
    fail: (message: string) => never,
  ): MoveType {
    const paramIndex = typeParams.indexOf(name);
    if (paramIndex >= 0) {
      if (args.length) fail(`type parameter ${name} takes no type arguments`);
      return { kind: 'param', index: paramIndex, name };
    }
    if (PRIMITIVES.has(name)) {
      if (args.length) fail(`${name} takes no type arguments`);
      return { kind: name as 'bool' };
    }
    if (name === 'vector') {
      if (args.length !== 1) fail('vector takes exactly one type argument');
      return { kind: 'vector', element: args[0]! };
    }
    if (this.#ownTypes.has(name)) return struct(`${this.address}::${this.raw.name}::${name}`, args);
    const alias = this.memberAliases.get(name);
    if (alias) return struct(alias, args);
    return fail(`unknown type "${name}" (missing a "use"?)`);
  }
}

function struct(full: string, typeArgs: MoveType[]): MoveType {
  const [address, module, name] = full.split('::') as [string, string, string];
  return { kind: 'struct', address: normalizeSuiAddress(address), module, name, typeArgs };
}
