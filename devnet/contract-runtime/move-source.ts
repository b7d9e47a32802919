import { normalizeSuiAddress } from '@mysten/sui/utils';
import { formatMoveType, type MoveType } from '../ledger/core/move/type-parser.js';
import type { Ability } from '../ledger/core/natives/native-types.js';
import { MoveSyntaxError, type MoveToken, tokenizeMove } from './move-lexer.js';

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

/** Options for {@link parseMoveSource}. */
export interface MoveSourceOptions {
  /**
   * Named addresses (`{ walrus: '0xa' }`). `std` (0x1) and `sui` (0x2) are known unless overridden.
   * @default {}
   */
  addresses?: Record<string, string>;
  /** File name used in error messages. */
  fileName?: string;
}

/** A type as written, before names are resolved. */
type RawType =
  | { kind: 'path'; reference: '' | '&' | '&mut'; path: string[]; args: RawType[]; line: number }
  | { kind: 'tuple'; elements: RawType[]; line: number };

interface RawField {
  name: string;
  type: RawType;
}

interface RawStruct {
  kind: 'struct' | 'enum';
  name: string;
  typeParams: MoveTypeParamDecl[];
  abilities: Ability[];
  positional: boolean;
  fields: RawField[];
  variants: Array<{ name: string; positional: boolean; fields: RawField[] }>;
}

interface RawFunction {
  name: string;
  visibility: MoveVisibility;
  isEntry: boolean;
  isNative: boolean;
  typeParams: Array<{ name: string; abilities: Ability[] }>;
  params: RawField[];
  returns: RawType | undefined;
}

interface RawModule {
  addressName: string;
  name: string;
  line: number;
  uses: Array<{ alias: string; target: string[]; member: boolean }>;
  structs: RawStruct[];
  functions: RawFunction[];
  constants: Array<{ name: string; type: RawType; value: string }>;
}

const ABILITIES = new Set<string>(['copy', 'drop', 'store', 'key']);
const PRIMITIVES = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'address', 'signer']);
const TEST_ATTRIBUTES = new Set(['test', 'test_only', 'random_test']);

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

/**
 * Parses the declarations of one Move source file: modules (`module a::m;` or block form), `use`
 * aliases, structs, enums, constants and function signatures. Bodies are skipped; `#[test]` and
 * `#[test_only]` items are left out, as they are not part of a published package.
 * @example parseMoveSource('module 0x1::m; public fun f(): u64 { 1 }')[0]!.functions[0]!.returns // ['u64']
 */
export function parseMoveSource(source: string, options: MoveSourceOptions = {}): MoveSourceModule[] {
  const addresses = { ...FRAMEWORK_ADDRESSES, ...options.addresses };
  try {
    return new DeclarationParser(tokenizeMove(source))
      .parseFile()
      .map((raw) => resolveModule(raw, addresses));
  } catch (error) {
    if (options.fileName && error instanceof Error) error.message = `${options.fileName}: ${error.message}`;
    throw error;
  }
}

/** Reads tokens into raw declarations. */
class DeclarationParser {
  #pos = 0;
  readonly #tokens: MoveToken[];

  constructor(tokens: MoveToken[]) {
    this.#tokens = tokens;
  }

  parseFile(): RawModule[] {
    const modules: RawModule[] = [];
    while (!this.#atEnd()) {
      const testOnly = this.#attributes();
      this.#expect('module');
      const module = this.#moduleHeader();
      if (this.#eat(';')) {
        this.#items(module, () => this.#atEnd() || this.#peekModuleStart());
      } else {
        this.#expect('{');
        this.#items(module, () => this.#is('}'));
        this.#expect('}');
      }
      if (!testOnly) modules.push(module);
    }
    return modules;
  }

  #moduleHeader(): RawModule {
    const line = this.#peek().line;
    const addressName = this.#next().text;
    this.#expect('::');
    const name = this.#ident();
    return { addressName, name, line, uses: [], structs: [], functions: [], constants: [] };
  }

  #items(module: RawModule, done: () => boolean): void {
    while (!done()) {
      const testOnly = this.#attributes();
      const { uses, structs, functions, constants } = module;
      const before = [uses.length, structs.length, functions.length, constants.length] as const;
      this.#item(module);
      if (testOnly) {
        // A test-only item is not part of the published module: forget what it declared.
        uses.length = before[0];
        structs.length = before[1];
        functions.length = before[2];
        constants.length = before[3];
      }
    }
  }

  #item(module: RawModule): void {
    let visibility: MoveVisibility = 'private';
    let isEntry = false;
    let isNative = false;
    let isMacro = false;
    for (;;) {
      if (this.#is('public')) {
        this.#next();
        visibility = 'public';
        if (this.#is('(')) {
          this.#next();
          const scope = this.#ident();
          if (scope !== 'package' && scope !== 'friend') this.#fail(`unknown visibility public(${scope})`);
          visibility = scope;
          this.#expect(')');
        }
      } else if (this.#is('entry')) {
        this.#next();
        isEntry = true;
      } else if (this.#is('native')) {
        this.#next();
        isNative = true;
      } else if (this.#is('macro')) {
        this.#next();
        isMacro = true;
      } else break;
    }
    const keyword = this.#peek().text;
    switch (keyword) {
      case 'use':
        this.#use(module);
        return;
      case 'friend':
        this.#skipPast(';');
        return;
      case 'const':
        this.#constant(module);
        return;
      case 'struct':
      case 'enum':
        module.structs.push(this.#struct());
        return;
      case 'fun': {
        if (isMacro) {
          this.#skipMacro();
          return;
        }
        module.functions.push(this.#function(visibility, isEntry, isNative));
        return;
      }
      case 'spec':
        this.#skipSpec();
        return;
      default:
        this.#fail(`unexpected "${keyword}" at module level`);
    }
  }

  #use(module: RawModule): void {
    this.#expect('use');
    if (this.#is('fun')) {
      this.#skipPast(';'); // method alias: not a type name
      return;
    }
    const address = this.#next().text;
    this.#expect('::');
    const add = (alias: string, target: string[], member: boolean) =>
      module.uses.push({ alias, target, member });
    const modulePart = () => {
      const name = this.#ident();
      if (this.#eat('::')) {
        const memberPart = () => {
          const member = this.#ident();
          const alias = this.#eat('as') ? this.#ident() : member;
          if (member === 'Self') add(alias === 'Self' ? name : alias, [address, name], false);
          else add(alias, [address, name, member], true);
        };
        this.#group(memberPart);
      } else {
        add(this.#eat('as') ? this.#ident() : name, [address, name], false);
      }
    };
    this.#group(modulePart);
    this.#expect(';');
  }

  /** Parses `item` or `{item, item, …}`. */
  #group(item: () => void): void {
    if (!this.#eat('{')) {
      item();
      return;
    }
    while (!this.#is('}')) {
      item();
      if (!this.#eat(',')) break;
    }
    this.#expect('}');
  }

  #constant(module: RawModule): void {
    this.#expect('const');
    const name = this.#ident();
    this.#expect(':');
    const type = this.#type();
    this.#expect('=');
    const parts: string[] = [];
    let depth = 0;
    while (!(depth === 0 && this.#is(';'))) {
      const token = this.#next();
      if ('([{'.includes(token.text)) depth++;
      if (')]}'.includes(token.text)) depth--;
      parts.push(token.text);
    }
    this.#expect(';');
    module.constants.push({ name, type, value: parts.join(' ') });
  }

  #struct(): RawStruct {
    const kind = this.#next().text as 'struct' | 'enum';
    const name = this.#ident();
    const typeParams = this.#typeParams(true);
    let abilities = this.#abilities();
    const result: RawStruct = {
      kind,
      name,
      typeParams,
      abilities,
      positional: false,
      fields: [],
      variants: [],
    };
    if (kind === 'enum') {
      this.#expect('{');
      while (!this.#is('}')) {
        const variant = this.#ident();
        if (this.#is('('))
          result.variants.push({ name: variant, positional: true, fields: this.#positionalFields() });
        else if (this.#is('{'))
          result.variants.push({ name: variant, positional: false, fields: this.#namedFields() });
        else result.variants.push({ name: variant, positional: false, fields: [] });
        if (!this.#eat(',')) break;
      }
      this.#expect('}');
      if (this.#is('has')) result.abilities = this.#abilities();
      this.#eat(';');
      return result;
    }
    if (this.#eat(';')) return result; // native struct
    if (this.#is('(')) {
      result.positional = true;
      result.fields = this.#positionalFields();
    } else {
      result.fields = this.#namedFields();
    }
    // Postfix abilities: `struct S(u64) has copy;` or `struct S { … } has copy;`.
    if (this.#is('has')) {
      abilities = this.#abilities();
      result.abilities = abilities;
      this.#expect(';');
    } else if (result.positional) {
      this.#expect(';');
    }
    return result;
  }

  #namedFields(): RawField[] {
    this.#expect('{');
    const fields: RawField[] = [];
    while (!this.#is('}')) {
      const name = this.#ident();
      this.#expect(':');
      fields.push({ name, type: this.#type() });
      if (!this.#eat(',')) break;
    }
    this.#expect('}');
    return fields;
  }

  #positionalFields(): RawField[] {
    this.#expect('(');
    const fields: RawField[] = [];
    while (!this.#is(')')) {
      fields.push({ name: `pos${fields.length}`, type: this.#type() });
      if (!this.#eat(',')) break;
    }
    this.#expect(')');
    return fields;
  }

  #abilities(): Ability[] {
    if (!this.#eat('has')) return [];
    const abilities: Ability[] = [this.#ability()];
    while (this.#eat(',')) abilities.push(this.#ability());
    return abilities;
  }

  #ability(): Ability {
    const name = this.#ident();
    if (!ABILITIES.has(name)) this.#fail(`unknown ability "${name}"`);
    return name as Ability;
  }

  #typeParams(allowPhantom: boolean): MoveTypeParamDecl[] {
    if (!this.#eat('<')) return [];
    const params: MoveTypeParamDecl[] = [];
    while (!this.#is('>')) {
      let phantom = false;
      if (this.#is('phantom')) {
        if (!allowPhantom) this.#fail('phantom is only allowed on struct type parameters');
        this.#next();
        phantom = true;
      }
      const name = this.#ident();
      const abilities: Ability[] = [];
      if (this.#eat(':')) {
        abilities.push(this.#ability());
        while (this.#eat('+')) abilities.push(this.#ability());
      }
      params.push({ name, phantom, abilities });
      if (!this.#eat(',')) break;
    }
    this.#expect('>');
    return params;
  }

  #function(visibility: MoveVisibility, isEntry: boolean, isNative: boolean): RawFunction {
    this.#expect('fun');
    const name = this.#ident();
    const typeParams = this.#typeParams(false).map(({ name: n, abilities }) => ({ name: n, abilities }));
    this.#expect('(');
    const params: RawField[] = [];
    while (!this.#is(')')) {
      this.#eat('mut');
      const paramName = this.#ident();
      this.#expect(':');
      params.push({ name: paramName, type: this.#type() });
      if (!this.#eat(',')) break;
    }
    this.#expect(')');
    const returns = this.#eat(':') ? this.#type() : undefined;
    if (isNative || this.#is(';')) this.#expect(';');
    else this.#skipBlock();
    return { name, visibility, isEntry, isNative, typeParams, params, returns };
  }

  #type(): RawType {
    const line = this.#peek().line;
    let reference: '' | '&' | '&mut' = '';
    if (this.#eat('&')) reference = this.#eat('mut') ? '&mut' : '&';
    if (this.#eat('(')) {
      const elements: RawType[] = [];
      while (!this.#is(')')) {
        elements.push(this.#type());
        if (!this.#eat(',')) break;
      }
      this.#expect(')');
      if (reference) this.#fail('a reference to a tuple is not a type');
      return { kind: 'tuple', elements, line };
    }
    const path = [this.#pathSegment()];
    while (this.#eat('::')) path.push(this.#pathSegment());
    const args: RawType[] = [];
    if (this.#eat('<')) {
      while (!this.#is('>')) {
        args.push(this.#type());
        if (!this.#eat(',')) break;
      }
      this.#expect('>');
    }
    return { kind: 'path', reference, path, args, line };
  }

  #pathSegment(): string {
    const token = this.#next();
    if (token.kind !== 'ident' && token.kind !== 'number')
      this.#fail(`expected a type name, found "${token.text}"`);
    return token.text;
  }

  /** Skips `macro fun …(…) … { … }`: macro signatures use lambda types and never reach bytecode. */
  #skipMacro(): void {
    while (!this.#is('{')) this.#next();
    this.#skipBlock();
  }

  #skipSpec(): void {
    while (!this.#is('{') && !this.#is(';')) this.#next();
    if (this.#eat(';')) return;
    this.#skipBlock();
  }

  #skipBlock(): void {
    this.#expect('{');
    let depth = 1;
    while (depth > 0) {
      const token = this.#next();
      if (token.text === '{') depth++;
      else if (token.text === '}') depth--;
    }
  }

  #skipPast(text: string): void {
    while (!this.#eat(text)) this.#next();
  }

  /** Skips attributes; true when one marks the item as test-only. */
  #attributes(): boolean {
    let testOnly = false;
    while (this.#is('#')) {
      this.#next();
      this.#expect('[');
      let depth = 1;
      let first = true;
      while (depth > 0) {
        const token = this.#next();
        if (token.text === '[') depth++;
        else if (token.text === ']') depth--;
        else if (first && TEST_ATTRIBUTES.has(token.text)) testOnly = true;
        else if (token.text === 'mode') {
          // #[mode(test)]
          if (this.#peek(1).text === 'test') testOnly = true;
        }
        first = token.text === ',';
      }
    }
    return testOnly;
  }

  #peekModuleStart(): boolean {
    let index = this.#pos;
    while (this.#tokens[index]?.text === '#') {
      let depth = 0;
      index++;
      do {
        const text = this.#tokens[index]?.text;
        if (text === '[') depth++;
        if (text === ']') depth--;
        index++;
      } while (depth > 0 && index < this.#tokens.length);
    }
    return this.#tokens[index]?.text === 'module';
  }

  #ident(): string {
    const token = this.#next();
    if (token.kind !== 'ident') this.#fail(`expected a name, found "${token.text}"`, token.line);
    return token.text;
  }

  #peek(offset = 0): MoveToken {
    const token = this.#tokens[this.#pos + offset];
    if (!token) {
      const last = this.#tokens.at(-1);
      throw new MoveSyntaxError('unexpected end of source', last?.line ?? 1);
    }
    return token;
  }

  #next(): MoveToken {
    const token = this.#peek();
    this.#pos++;
    return token;
  }

  #is(text: string): boolean {
    return this.#tokens[this.#pos]?.text === text;
  }

  #eat(text: string): boolean {
    if (!this.#is(text)) return false;
    this.#pos++;
    return true;
  }

  #expect(text: string): void {
    const token = this.#peek();
    if (token.text !== text) this.#fail(`expected "${text}", found "${token.text}"`, token.line);
    this.#pos++;
  }

  #atEnd(): boolean {
    return this.#pos >= this.#tokens.length;
  }

  #fail(
    message: string,
    line = this.#tokens[Math.min(this.#pos, this.#tokens.length - 1)]?.line ?? 1,
  ): never {
    throw new MoveSyntaxError(message, line);
  }
}

/** Resolves names in a raw module to full `address::module::Name` strings. */
function resolveModule(raw: RawModule, addresses: Record<string, string>): MoveSourceModule {
  const addressOf = (name: string, line: number): string => {
    if (/^0x[0-9a-fA-F]+$|^[0-9]+$/.test(name)) return normalizeSuiAddress(name);
    const value = addresses[name];
    if (value === undefined) throw new MoveSyntaxError(`unknown named address "${name}"`, line);
    return normalizeSuiAddress(value);
  };
  const address = addressOf(raw.addressName, raw.line);
  const normalize = (path: string) => {
    const [head, ...rest] = path.split('::');
    return [normalizeSuiAddress(head!), ...rest].join('::');
  };
  const moduleAliases = new Map<string, string>(PRELUDE_MODULES.map(([a, p]) => [a, normalize(p)]));
  const memberAliases = new Map<string, string>(PRELUDE_MEMBERS.map(([a, p]) => [a, normalize(p)]));
  moduleAliases.set('Self', `${address}::${raw.name}`);
  for (const use of raw.uses) {
    const [addr, ...rest] = use.target;
    const full = [addressOf(addr!, raw.line), ...rest].join('::');
    if (use.member) memberAliases.set(use.alias, full);
    else moduleAliases.set(use.alias, full);
  }
  const ownTypes = new Set(raw.structs.map((s) => s.name));
  const where = (item: string) => `${raw.addressName}::${raw.name}::${item}`;

  const resolve = (type: RawType, typeParams: string[], item: string): MoveType => {
    if (type.kind === 'tuple')
      throw new MoveSyntaxError(`${where(item)}: a tuple is not a value type`, type.line);
    const args = type.args.map((a) => resolve(a, typeParams, item));
    const fail = (message: string): never => {
      throw new MoveSyntaxError(`${where(item)}: ${message}`, type.line);
    };
    if (type.reference && type.args.some((a) => a.kind === 'path' && a.reference)) fail('nested reference');
    for (const arg of type.args)
      if (arg.kind === 'path' && arg.reference) fail('a reference cannot be a type argument');
    const path = type.path;
    if (path.length === 1) {
      const name = path[0]!;
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
      if (ownTypes.has(name)) return struct(`${address}::${raw.name}::${name}`, args);
      const alias = memberAliases.get(name);
      if (alias) return struct(alias, args);
      return fail(`unknown type "${name}" (missing a "use"?)`);
    }
    if (path.length === 2) {
      const module = moduleAliases.get(path[0]!);
      if (!module) return fail(`unknown module "${path[0]}" in "${path.join('::')}"`);
      return struct(`${module}::${path[1]}`, args);
    }
    if (path.length === 3) {
      return struct(`${addressOf(path[0]!, type.line)}::${path[1]}::${path[2]}`, args);
    }
    return fail(`"${path.join('::')}" is not a type name`);
  };

  const render = (type: RawType, typeParams: string[], item: string): string => {
    if (type.kind === 'tuple') throw new MoveSyntaxError(`${where(item)}: unexpected tuple type`, type.line);
    const body = formatMoveType(resolve({ ...type, reference: '' }, typeParams, item));
    return type.reference === '&mut' ? `&mut ${body}` : type.reference === '&' ? `&${body}` : body;
  };
  const field = (f: RawField, typeParams: string[], item: string): MoveFieldDecl => ({
    name: f.name,
    type: render(f.type, typeParams, item),
    source: rawTypeText(f.type),
  });

  const structs = raw.structs.map((s): MoveStructDecl => {
    const params = s.typeParams.map((p) => p.name);
    return {
      kind: s.kind,
      name: s.name,
      typeParams: s.typeParams,
      abilities: s.abilities,
      positional: s.positional,
      fields: s.fields.map((f) => field(f, params, s.name)),
      variants: s.variants.map((v) => ({
        name: v.name,
        positional: v.positional,
        fields: v.fields.map((f) => field(f, params, `${s.name}::${v.name}`)),
      })),
    };
  });
  const functions = raw.functions.map((f): MoveFunctionDecl => {
    const params = f.typeParams.map((p) => p.name);
    const returns =
      f.returns === undefined
        ? []
        : f.returns.kind === 'tuple'
          ? f.returns.elements.map((e) => render(e, params, f.name))
          : [render(f.returns, params, f.name)];
    return {
      name: f.name,
      visibility: f.visibility,
      isEntry: f.isEntry,
      isNative: f.isNative,
      typeParams: f.typeParams,
      params: f.params.map((p) => field(p, params, f.name)),
      returns,
    };
  });
  const constants = raw.constants.map((c) => ({
    name: c.name,
    type: render(c.type, [], c.name),
    value: c.value,
  }));
  for (const kind of [structs, functions, constants] as Array<Array<{ name: string }>>) {
    const seen = new Set<string>();
    for (const item of kind) {
      if (seen.has(item.name)) throw new MoveSyntaxError(`${where(item.name)} is declared twice`, raw.line);
      seen.add(item.name);
    }
  }
  return {
    addressName: raw.addressName,
    address,
    name: raw.name,
    moduleAliases: Object.fromEntries(moduleAliases),
    memberAliases: Object.fromEntries(memberAliases),
    structs,
    functions,
    constants,
  };
}

function struct(full: string, typeArgs: MoveType[]): MoveType {
  const [address, module, name] = full.split('::') as [string, string, string];
  return { kind: 'struct', address: normalizeSuiAddress(address), module, name, typeArgs };
}

/** The type as written, normalised to single spaces. */
function rawTypeText(type: RawType): string {
  if (type.kind === 'tuple') return `(${type.elements.map(rawTypeText).join(', ')})`;
  const prefix = type.reference === '&mut' ? '&mut ' : type.reference;
  const args = type.args.length ? `<${type.args.map(rawTypeText).join(', ')}>` : '';
  return `${prefix}${type.path.join('::')}${args}`;
}
