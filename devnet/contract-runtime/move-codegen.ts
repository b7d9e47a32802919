/**
 * TypeScript declarations generated from the Move packages in `contracts/` (in the spirit of
 * `@mysten/codegen`), so the natives never restate a Move declaration:
 * - one interface per struct or enum, `<Name>Value`, shaped as the ledger's `LayoutCache` decodes it
 *   (u8–u32 → number, u64+ → bigint, `vector<u8>` → Uint8Array, address → string, enums as
 *   `{ $kind?, Variant }`, a struct without fields as `{ dummy_field: boolean }`);
 * - `MoveFunctions`: the argument tuple and return tuple of every function a transaction can call
 *   (`public` or `entry`) and of each module initializer `init`, keyed by module and function name;
 * - `ABORT_CODES` (`E…` constants) and `MOVE_CONSTANTS` (the others), by module, and `FRAMEWORK_ABORT_CODES`, the
 *   abort codes of the framework modules the devnet implements (`contracts/std`, `contracts/sui`).
 * `scripts/gen-move.ts` writes the result to `devnet/contract-runtime/generated/move-types.ts`, and
 * {@link generateMoveAborts} to `src/errors/move-aborts.generated.ts` (the CLI's abort names, so `src/` never loads
 * the Move parser); test/project/generated-code.test.ts regenerates both and compares, so the sources and the
 * generated files cannot drift.
 */
import { readFileSync } from 'node:fs';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { type MoveType, parseMoveType } from '../ledger/core/move/type-parser.js';
import { CONTRACT_PACKAGES, CONTRACTS_DIR } from './contracts-dir.js';
import { frameworkNativeSources } from './framework-sources.js';
import {
  isRegistrable,
  type MoveConstantDecl,
  type MoveFieldDecl,
  type MoveFunctionDecl,
  type MoveSourceModule,
  type MoveStructDecl,
} from './move-ast.js';
import { loadMovePackage } from './move-package.js';

/** Where the framework value shapes live, relative to the generated file. */
const FRAMEWORK_IMPORT = '../natives/support/framework-values.js';

/** Framework structs the contracts use, by `address::module::Name`: their TypeScript shape. */
const FRAMEWORK_TYPES: Record<string, { ts: string; generic?: boolean }> = {
  '0x1::string::String': { ts: 'StringValue' },
  '0x1::ascii::String': { ts: 'StringValue' },
  '0x1::option::Option': { ts: 'OptionValue', generic: true },
  '0x2::object::UID': { ts: 'UidValue' },
  '0x2::object::ID': { ts: 'IdValue' },
  '0x2::balance::Balance': { ts: 'BalanceValue' },
  '0x2::balance::Supply': { ts: 'BalanceValue' },
  '0x2::coin::Coin': { ts: 'CoinValue' },
  '0x2::coin::TreasuryCap': { ts: 'TreasuryCapValue' },
  '0x2::table::Table': { ts: 'TableValue' },
  '0x2::object_table::ObjectTable': { ts: 'TableValue' },
  '0x2::bag::Bag': { ts: 'TableValue' },
  '0x2::vec_map::VecMap': { ts: 'VecMapValue', generic: true },
  '0x2::group_ops::Element': { ts: 'ElementValue' },
  '0x2::bcs::BCS': { ts: 'BcsValue' },
  '0x2::clock::Clock': { ts: 'ClockValue' },
  '0x2::tx_context::TxContext': { ts: 'TxContextValue' },
  '0x2::transfer::Receiving': { ts: 'ReceivingValue' },
};

const NUMBER_KINDS = new Set(['u8', 'u16', 'u32']);
const BIGINT_KINDS = new Set(['u64', 'u128', 'u256']);

/** `0x2` for a full-length framework address. */
function shortAddress(address: string): string {
  return `0x${normalizeSuiAddress(address).slice(2).replace(/^0+/, '') || '0'}`;
}

/** The TypeScript name of a contract struct's value interface. */
export function valueName(struct: string): string {
  return `${struct}Value`;
}

/** True for a Move abort-code constant (`const EFoo: u64 = …`). */
export function isAbortCode(constant: MoveConstantDecl): boolean {
  return /^E[A-Z]/.test(constant.name) && constant.type === 'u64';
}

class Emitter {
  readonly #contractStructs = new Map<string, MoveStructDecl>();
  readonly #framework = new Set<string>();

  constructor(readonly modules: MoveSourceModule[]) {
    const names = new Map<string, string>();
    for (const module of modules) {
      for (const decl of module.structs) {
        const where = `${module.name}::${decl.name}`;
        const clash = names.get(decl.name);
        if (clash) throw new Error(`Move structs ${clash} and ${where} would share a TypeScript name`);
        names.set(decl.name, where);
        this.#contractStructs.set(`${module.address}::${module.name}::${decl.name}`, decl);
      }
    }
  }

  /** The TypeScript type of a resolved Move type (references stripped). */
  type(source: string, typeParams: readonly string[], opaqueParams = false): string {
    const body = source.trim().replace(/^&(mut\s+)?/, '');
    return this.#render(parseMoveType(body, [...typeParams]), opaqueParams);
  }

  #render(type: MoveType, opaque: boolean): string {
    if (type.kind === 'bool') return 'boolean';
    if (NUMBER_KINDS.has(type.kind)) return 'number';
    if (BIGINT_KINDS.has(type.kind)) return 'bigint';
    if (type.kind === 'address' || type.kind === 'signer') return 'string';
    if (type.kind === 'vector') {
      if (type.element.kind === 'u8') return 'Uint8Array';
      const element = this.#render(type.element, opaque);
      return /^[\w.]+(<.*>)?$/.test(element) ? `${element}[]` : `Array<${element}>`;
    }
    if (type.kind === 'param') return opaque ? 'unknown' : type.name;
    if (type.kind !== 'struct') throw new Error(`Unexpected Move type ${JSON.stringify(type)}`);
    const key = `${type.address}::${type.module}::${type.name}`;
    const contract = this.#contractStructs.get(key);
    if (contract) {
      const args = contract.typeParams
        .map((p, i) => (p.phantom ? undefined : this.#render(type.typeArgs[i]!, opaque)))
        .filter((a) => a !== undefined);
      return args.length ? `${valueName(type.name)}<${args.join(', ')}>` : valueName(type.name);
    }
    const framework = FRAMEWORK_TYPES[`${shortAddress(type.address)}::${type.module}::${type.name}`];
    if (!framework) {
      throw new Error(
        `No TypeScript shape for ${key}: add it to FRAMEWORK_TYPES in devnet/contract-runtime/move-codegen.ts`,
      );
    }
    this.#framework.add(framework.ts);
    if (!framework.generic) return framework.ts;
    return `${framework.ts}<${type.typeArgs.map((a) => this.#render(a, opaque)).join(', ')}>`;
  }

  frameworkImports(): string[] {
    return [...this.#framework].sort();
  }
}

/** The body of an object type for a field list. */
function fieldsType(emitter: Emitter, fields: MoveFieldDecl[], params: string[], indent: string): string {
  if (!fields.length) return '{ dummy_field: boolean }';
  const lines = fields.map((f) => `${indent}  ${f.name}: ${emitter.type(f.type, params)};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function structDeclaration(emitter: Emitter, module: MoveSourceModule, decl: MoveStructDecl): string {
  const params = decl.typeParams.map((p) => p.name);
  const generic = decl.typeParams.filter((p) => !p.phantom).map((p) => p.name);
  const name = valueName(decl.name) + (generic.length ? `<${generic.join(', ')}>` : '');
  const doc = `/** \`${module.addressName}::${module.name}::${decl.name}\`, decoded. */`;
  if (decl.kind === 'struct') {
    return `${doc}\nexport interface ${name} ${fieldsType(emitter, decl.fields, params, '')}`;
  }
  const variants = decl.variants.map((v) => {
    const value = v.fields.length ? fieldsType(emitter, v.fields, params, '  ') : 'true | null';
    return `  | { $kind?: '${v.name}'; ${v.name}: ${value} }`;
  });
  return `${doc}\nexport type ${name} =\n${variants.join('\n')};`;
}

function tuple(types: string[]): string {
  return `[${types.join(', ')}]`;
}

function functionEntry(emitter: Emitter, fn: MoveFunctionDecl): string {
  const params = fn.typeParams.map((p) => p.name);
  // Generic values arrive decoded with a layout only the type arguments know.
  const render = (t: string) => emitter.type(t, params, true);
  const args = tuple(fn.params.map((p) => render(p.type)));
  const returns = tuple(fn.returns.map(render));
  const callable = fn.visibility === 'public' || fn.isEntry;
  return `    ${fn.name}: { args: ${args}; returns: ${returns}; callable: ${callable} };`;
}

function constantValue(constant: MoveConstantDecl): string {
  const value = constant.value.trim();
  const bytes = /^b"(.*)"$/s.exec(value);
  if (bytes) return `'${bytes[1]!.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (constant.type === 'bool') return value;
  const digits = value.replace(/_/g, '').replace(/u(8|16|32|64|128|256)$/, '');
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(digits)) {
    throw new Error(`Cannot translate the Move constant ${constant.name} = ${value}`);
  }
  return NUMBER_KINDS.has(constant.type) ? digits : `${digits}n`;
}

/** A JS identifier or a quoted key. */
function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

/**
 * The TypeScript source of `devnet/contract-runtime/generated/move-types.ts` for the parsed modules of
 * the contract packages (any placeholder addresses).
 * @example generateMoveTypes(loadContracts().modules).includes('export interface StakingPoolValue') // true
 */
export function generateMoveTypes(
  modules: MoveSourceModule[],
  frameworkNatives: MoveSourceModule[] = [],
): string {
  const emitter = new Emitter(modules);
  const sections: string[] = [];
  for (const module of modules) {
    if (!module.structs.length) continue;
    const body = module.structs.map((s) => structDeclaration(emitter, module, s)).join('\n\n');
    sections.push(`// ${module.addressName}::${module.name}\n\n${body}`);
  }
  // Framework modules add their functions only: their structs' shapes are framework-values.ts's.
  const functions = [...modules, ...frameworkNatives]
    .filter((m) => m.functions.some(isRegistrable))
    .map((m) => {
      const entries = m.functions.filter(isRegistrable).map((f) => functionEntry(emitter, f));
      return `  ${m.name}: {\n${entries.join('\n')}\n  };`;
    });
  const constants = (filter: (c: MoveConstantDecl) => boolean, asNumber: boolean, of = modules) =>
    of
      .filter((m) => m.constants.some(filter))
      .map((m) => {
        const value = (c: MoveConstantDecl) => (asNumber ? c.value.replace(/_/g, '') : constantValue(c));
        const entries = m.constants.filter(filter).map((c) => `    ${key(c.name)}: ${value(c)},`);
        return `  ${m.name}: {\n${entries.join('\n')}\n  },`;
      });
  const imports = emitter.frameworkImports();
  const header = [
    '/**',
    ' * Generated from contracts/<package>/sources/*.move by `npm run gen:move`',
    ' * (scripts/gen-move.ts, devnet/contract-runtime/move-codegen.ts). Do not edit: change the Move',
    ' * source and regenerate.',
    ' */',
    `import type {\n${imports.map((i) => `  ${i},`).join('\n')}\n} from '${FRAMEWORK_IMPORT}';`,
  ].join('\n');
  const functionsDoc = [
    '/**',
    ' * Argument and return tuples of the functions a native may implement, by module: every `public` or',
    ' * `entry` function (`callable: true`, which must be implemented) and the module initializer `init`.',
    ' * A trailing `TxContext` argument is the one the executor appends. Modules without such functions',
    ' * are left out.',
    ' */',
  ].join('\n');
  return [
    header,
    ...sections,
    `${functionsDoc}\nexport interface MoveFunctions {\n${functions.join('\n')}\n}`,
    '/** Abort codes (`const E…: u64`) by module and constant name. */\n' +
      `export const ABORT_CODES = {\n${constants(isAbortCode, true).join('\n')}\n} as const;`,
    '/** The other constants by module: u8–u32 as numbers, u64+ as bigints, byte strings as text. */\n' +
      `export const MOVE_CONSTANTS = {\n${constants((c) => !isAbortCode(c), false).join('\n')}\n} as const;`,
    '/** Abort codes of the framework modules the devnet implements (`contracts/std`, `contracts/sui`). */\n' +
      `export const FRAMEWORK_ABORT_CODES = {\n${constants(isAbortCode, true, frameworkNatives).join('\n')}\n} as const;\n`,
  ].join('\n\n');
}

/** The generated file, relative to the repository root. */
export const GENERATED_MOVE_TYPES = 'devnet/contract-runtime/generated/move-types.ts';

/** Placeholder addresses: the generated code never shows them. */
const PLACEHOLDERS = { wal: '0xa', wal_exchange: '0xb', walrus: '0xc' };

/**
 * The contract packages, parsed from their sources only: the generator loads no native, since the natives import
 * what it generates.
 */
const contractPackages = () =>
  CONTRACT_PACKAGES.map((name) => loadMovePackage(`${CONTRACTS_DIR}${name}`, { addresses: PLACEHOLDERS }));

/** {@link generateMoveTypes} over `contracts/`, unformatted (the addresses do not show in the output). */
export function generateContractTypes(): string {
  return generateMoveTypes(
    contractPackages().flatMap((pkg) => pkg.modules),
    frameworkNativeSources(),
  );
}

/** The CLI's abort table, relative to the repository root. */
export const GENERATED_MOVE_ABORTS = 'src/errors/move-aborts.generated.ts';

/** The doc comment (`/// …` lines) right above `const <name>` in a Move source, joined into one line. */
function docOf(source: string, name: string): string {
  const match = new RegExp(`((?:^[ \\t]*///.*\\n)+)[ \\t]*const ${name}\\b`, 'm').exec(source);
  if (!match) return '';
  return match[1]!
    .split('\n')
    .map((line) => line.replace(/^\s*\/\/\/\s?/, '').trim())
    .filter(Boolean)
    .join(' ');
}

/** Module name → abort code → constant name and doc, read from the Move packages in `contracts/`. */
export function collectMoveAborts(): Record<string, Record<string, { name: string; doc: string }>> {
  const modules: Record<string, Record<string, { name: string; doc: string }>> = {};
  for (const pkg of contractPackages()) {
    for (const module of pkg.modules) {
      const source = readFileSync(`${pkg.dir}/sources/${module.name}.move`, 'utf8');
      for (const constant of module.constants) {
        if (!isAbortCode(constant)) continue;
        modules[module.name] ??= {};
        modules[module.name]![String(BigInt(constant.value.replace(/_/g, '')))] = {
          name: constant.name,
          doc: docOf(source, constant.name),
        };
      }
    }
  }
  return modules;
}

/** {@link GENERATED_MOVE_ABORTS}' text, unformatted. */
export function generateMoveAborts(): string {
  return `// Generated by scripts/gen-move.ts from contracts/*/sources/*.move: do not edit by hand.
// test/project/generated-code.test.ts fails when this file and the Move sources disagree.

/** Abort constants of the Walrus Move packages: module name → abort code → constant name and its doc comment. */
export const MOVE_ABORTS: Readonly<Record<string, Readonly<Record<string, { name: string; doc: string }>>>> = ${JSON.stringify(collectMoveAborts(), null, 2)};
`;
}
