import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { StructDef } from '../move/layouts.js';
import { formatMoveType, type MoveType, parseMoveType } from '../move/type-parser.js';
import type { NativeFunction, NativeModule } from './native-types.js';

/** A parameter or return type of a native, resolved to full names. */
export interface ResolvedParam {
  reference: 'mut' | 'imm' | null;
  type: MoveType;
}

/** A native with its signature resolved, ready for the executor and for `getMoveFunction`. */
export interface ResolvedFunction {
  packageId: string;
  module: string;
  def: NativeFunction;
  params: ResolvedParam[];
  returns: ResolvedParam[];
}

/**
 * The registry of Move modules the ledger can execute: struct definitions and native functions,
 * keyed by package address and module name.
 */
export class NativeRegistry {
  readonly #modules = new Map<string, NativeModule>();
  readonly #structs = new Map<string, StructDef>();
  readonly #functions = new Map<string, ResolvedFunction>();

  /** Adds a module (a package is the set of modules at one address). */
  register(module: NativeModule): void {
    const address = normalizeSuiAddress(module.address);
    const key = `${address}::${module.name}`;
    if (this.#modules.has(key)) throw new Error(`Module ${key} is registered twice`);
    const normalized = { ...module, address };
    this.#modules.set(key, normalized);
    // Field types are stored with full names so layouts need no module context.
    const full = (fields: Array<{ name: string; type: string }>, typeParams: string[]) =>
      fields.map((f) => ({
        name: f.name,
        type: formatMoveType(this.resolveTypeIn(normalized, f.type, typeParams)),
      }));
    for (const struct of module.structs) {
      this.#structs.set(`${address}::${module.name}::${struct.name}`, {
        ...struct,
        address,
        module: module.name,
        fields: struct.fields && full(struct.fields, struct.typeParams),
        variants: struct.variants?.map((v) => ({ name: v.name, fields: full(v.fields, struct.typeParams) })),
      });
    }
  }

  /** Struct definition by `address::module::Name` (full-length address). */
  struct(baseName: string): StructDef | undefined {
    return this.#structs.get(baseName);
  }

  /** True if any module lives at this package address. */
  hasPackage(packageId: string): boolean {
    const address = normalizeSuiAddress(packageId);
    for (const module of this.#modules.values()) if (module.address === address) return true;
    return false;
  }

  /** Module names of a package, sorted. */
  modulesOf(packageId: string): string[] {
    const address = normalizeSuiAddress(packageId);
    return [...this.#modules.values()]
      .filter((m) => m.address === address)
      .map((m) => m.name)
      .sort();
  }

  /** The module record, if registered. */
  module(packageId: string, module: string): NativeModule | undefined {
    return this.#modules.get(`${normalizeSuiAddress(packageId)}::${module}`);
  }

  /** Looks up a function with its signature resolved; undefined if unknown. */
  function(packageId: string, module: string, name: string): ResolvedFunction | undefined {
    const address = normalizeSuiAddress(packageId);
    const key = `${address}::${module}::${name}`;
    const cached = this.#functions.get(key);
    if (cached) return cached;
    const mod = this.#modules.get(`${address}::${module}`);
    const def = mod?.functions.find((f) => f.name === name);
    if (!mod || !def) return undefined;
    const typeParams = def.typeParams.map((p) => p.name);
    const resolve = (source: string): ResolvedParam => {
      const trimmed = source.trim();
      const reference = trimmed.startsWith('&mut ') ? 'mut' : trimmed.startsWith('&') ? 'imm' : null;
      const body = trimmed.replace(/^&(mut\s+)?/, '');
      return {
        reference,
        type: parseMoveType(body, typeParams, (short) => this.#resolveShortName(mod, short)),
      };
    };
    const resolved: ResolvedFunction = {
      packageId: address,
      module,
      def,
      params: def.params.map(resolve),
      returns: def.returns.map(resolve),
    };
    this.#functions.set(key, resolved);
    return resolved;
  }

  /** Resolves a struct field or signature type written with short names inside a module. */
  resolveTypeIn(module: NativeModule, source: string, typeParams: string[]): MoveType {
    return parseMoveType(source, typeParams, (short) => this.#resolveShortName(module, short));
  }

  #resolveShortName(module: NativeModule, short: string): string | undefined {
    if (module.imports?.[short]) return module.imports[short];
    if (module.structs.some((s) => s.name === short)) return `${module.address}::${module.name}::${short}`;
    return BUILTIN_SHORT_NAMES[short];
  }
}

/** Names every Move module can use without `use` (std prelude plus the Sui framework prelude). */
const BUILTIN_SHORT_NAMES: Record<string, string> = {
  UID: '0x2::object::UID',
  ID: '0x2::object::ID',
  TxContext: '0x2::tx_context::TxContext',
  Option: '0x1::option::Option',
  String: '0x1::string::String',
  Coin: '0x2::coin::Coin',
  Balance: '0x2::balance::Balance',
  Clock: '0x2::clock::Clock',
  SUI: '0x2::sui::SUI',
};
