/**
 * The SDK's generated contract code (`@mysten/walrus/dist/contracts`), read as ground truth: every
 * BCS type it defines for the Walrus modules and every Move call it builds.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BcsType } from '@mysten/bcs';

const require = createRequire(import.meta.url);

/** `node_modules/@mysten/walrus/dist/contracts`. */
export const SDK_CONTRACTS_DIR = join(dirname(require.resolve('@mysten/walrus')), 'contracts');

/** A Move call the SDK builds: target and the argument types and names of its call builder. */
export interface SdkMoveCall {
  file: string;
  module: string;
  function: string;
  /** Pure argument types (`u64`, `0x1::string::String`), `null` for objects; TxContext is left out. */
  argumentTypes: Array<string | null>;
  /** camelCase parameter names, in order. */
  parameterNames: string[];
}

/** A BCS type of the SDK keyed by Move name: `walrus::blob::Blob`, `0x2::balance::Balance`. */
export type SdkTypes = Map<string, SdkType>;

/** A concrete SDK type, or a generic one (a function of its type arguments, e.g. `VecMap`). */
export type SdkType =
  | { kind: 'type'; type: BcsType<unknown, unknown> }
  | { kind: 'generic'; make: (...args: Array<BcsType<unknown, unknown>>) => BcsType<unknown, unknown> };

function mjsFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return mjsFiles(path);
      return name.endsWith('.mjs') ? [path] : [];
    });
}

/**
 * Loads every struct, enum and tuple type the SDK defines for Walrus and its Sui dependencies,
 * including those its modules do not export. The generated files are copied to a temporary
 * directory with their export lists widened; bare imports point at the installed packages.
 */
export async function loadSdkTypes(): Promise<SdkTypes> {
  const out = mkdtempSync(join(tmpdir(), 'walrus-sdk-contracts-'));
  const bare = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;
  const entries: string[] = [];
  for (const file of mjsFiles(SDK_CONTRACTS_DIR)) {
    let text = readFileSync(file, 'utf8');
    const names = new Set<string>();
    for (const m of text.matchAll(/^const (\w+) = new Move(?:Struct|Enum|Tuple)\(/gm)) names.add(m[1]!);
    for (const m of text.matchAll(/^function (\w+)\(\.\.\.typeParameters\)/gm)) names.add(m[1]!);
    text = text.replace(/from "(@mysten\/[^"]+)"/g, (_all, specifier: string) => `from "${bare(specifier)}"`);
    text = text.replace(
      /^import "(@mysten\/[^"]+)";$/gm,
      (_all, specifier: string) => `import "${bare(specifier)}";`,
    );
    const exported = /^export \{([^}]*)\};$/m.exec(text);
    for (const name of exported?.[1]?.split(',') ?? []) if (name.trim()) names.add(name.trim());
    text = text.replace(/^export \{[^}]*\};$/m, '').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    text += `\nexport { ${[...names].join(', ')} };\n`;
    const target = join(out, relative(SDK_CONTRACTS_DIR, file));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    if (!file.includes(`${join('contracts', 'utils')}`)) entries.push(target);
  }
  const types: SdkTypes = new Map();
  const modules: Array<Record<string, unknown>> = [];
  try {
    for (const entry of entries) modules.push(await import(pathToFileURL(entry).href));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  for (const module of modules) {
    for (const value of Object.values(module)) {
      if (isBcsType(value)) {
        types.set(moveName(value.name), { kind: 'type', type: value });
      } else if (typeof value === 'function') {
        // Generic types: name them by instantiating with placeholder arguments.
        const make = value as (...args: Array<BcsType<unknown, unknown>>) => unknown;
        const probe = make(...placeholderArgs());
        if (isBcsType(probe)) types.set(moveName(probe.name), { kind: 'generic', make: make as never });
      }
    }
  }
  return types;
}

function placeholderArgs(): Array<BcsType<unknown, unknown>> {
  // Generic SDK types take at most a few type arguments; extra ones are ignored.
  const stub = { name: 'T', serialize: () => undefined } as unknown as BcsType<unknown, unknown>;
  return [stub, stub, stub];
}

function isBcsType(value: unknown): value is BcsType<unknown, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { serialize?: unknown }).serialize === 'function' &&
    typeof (value as { parse?: unknown }).parse === 'function'
  );
}

/** `@local-pkg/walrus::blob::Blob` → `walrus::blob::Blob`; `0x2::balance::Balance<phantom T>` → `0x2::balance::Balance`. */
function moveName(name: string): string {
  return name.replace(/^@local-pkg\//, '').replace(/<.*$/, '');
}

/**
 * Every Move call the SDK's generated builders make, read from the generated files.
 * @example sdkMoveCalls().find((c) => c.function === 'reserve_space')!.argumentTypes // [null, 'u64', 'u32', null]
 */
export function sdkMoveCalls(): SdkMoveCall[] {
  const calls: SdkMoveCall[] = [];
  for (const file of mjsFiles(join(SDK_CONTRACTS_DIR, 'walrus'))) {
    const text = readFileSync(file, 'utf8');
    for (const block of text.split(/^function /m).slice(1)) {
      const body = block.slice(0, block.search(/^}/m) + 1);
      const module = /module: "(\w+)"/.exec(body)?.[1];
      const fn = /function: "(\w+)"/.exec(body)?.[1];
      if (!module || !fn || !body.includes('tx.moveCall')) continue;
      const list = (name: string): unknown[] => {
        const match = new RegExp(`const ${name} = (\\[[\\s\\S]*?\\]);`).exec(body);
        return match ? (JSON.parse(match[1]!) as unknown[]) : [];
      };
      calls.push({
        file: relative(SDK_CONTRACTS_DIR, file),
        module,
        function: fn,
        argumentTypes: list('argumentsTypes') as Array<string | null>,
        parameterNames: list('parameterNames') as string[],
      });
    }
  }
  return calls;
}
