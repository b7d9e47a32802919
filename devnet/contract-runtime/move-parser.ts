/** Reads the tokens of a Move source file into raw declarations (bodies skipped, test-only items left out). */

import type { Ability } from '../ledger/core/natives/native-types.js';
import type {
  MoveTypeParamDecl,
  MoveVisibility,
  RawField,
  RawFunction,
  RawModule,
  RawStruct,
  RawType,
} from './move-ast.js';
import { MoveSyntaxError, type MoveToken } from './move-lexer.js';

const ABILITIES = new Set<string>(['copy', 'drop', 'store', 'key']);
const TEST_ATTRIBUTES = new Set(['test', 'test_only', 'random_test']);

/** Reads tokens into raw declarations. */
export class DeclarationParser {
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
