import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MoveSourceModule } from './move-ast.js';
import { FRAMEWORK_ADDRESSES } from './move-resolver.js';
import { parseMoveSource } from './move-source.js';

/** The parts of a `Move.toml` the parser needs. */
export interface MoveManifest {
  name: string;
  edition?: string;
  /** `[addresses]`; unassigned ones (`"0x0"`, `"_"`) are left out. */
  addresses: Record<string, string>;
  /** Names declared in `[addresses]`, assigned or not. */
  addressNames: string[];
  /** Local dependencies: dependency name → directory (resolved against the manifest's directory). */
  localDependencies: Record<string, string>;
}

/** A package read from disk: its manifest, the named addresses used, and every module. */
export interface MovePackage {
  dir: string;
  manifest: MoveManifest;
  /** Named addresses the sources were resolved with (framework, manifests, then the caller's). */
  addresses: Record<string, string>;
  modules: MoveSourceModule[];
}

/** Options for {@link loadMovePackage}. */
export interface LoadMovePackageOptions {
  /**
   * Values for named addresses, typically placeholders for packages not yet published
   * (`{ wal: '0xa', walrus: '0xb' }`). They override the manifests.
   * @default {}
   */
  addresses?: Record<string, string>;
}

/**
 * Reads the small TOML subset Move manifests use: `[section]` headers, `key = "string"` and
 * `key = { local = "…" }` entries, comments.
 * @example parseMoveManifest('[package]\nname = "wal"\n[addresses]\nwal = "0x0"\n').addressNames // ['wal']
 */
export function parseMoveManifest(text: string, dir = '.'): MoveManifest {
  const manifest: MoveManifest = { name: '', addresses: {}, addressNames: [], localDependencies: {} };
  let section = '';
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.replace(/\s+#.*$/, '').trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const entry = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line);
    if (!entry) throw new Error(`Move.toml line ${index + 1}: cannot read "${rawLine}"`);
    const key = entry[1]!;
    const value = entry[2]!.trim();
    const string = /^"([^"]*)"$/.exec(value)?.[1];
    if (section === 'package') {
      if (key === 'name' && string !== undefined) manifest.name = string;
      if (key === 'edition' && string !== undefined) manifest.edition = string;
    } else if (section === 'addresses') {
      if (string === undefined)
        throw new Error(`Move.toml line ${index + 1}: address "${key}" must be a string`);
      manifest.addressNames.push(key);
      if (string !== '_' && !/^0x0*$/.test(string)) manifest.addresses[key] = string;
    } else if (section === 'dependencies') {
      const local = /local\s*=\s*"([^"]+)"/.exec(value)?.[1];
      if (local) manifest.localDependencies[key] = resolve(dir, local);
    }
  }
  if (!manifest.name) throw new Error('Move.toml has no [package] name');
  return manifest;
}

/**
 * Reads a Move package: `Move.toml` and every `.move` file under `sources/`, in path order.
 * Named addresses come from the framework (`std`, `sui`), the package's and its local dependencies'
 * manifests, and `options.addresses`; a name used in the sources with no value is an error.
 * @example loadMovePackage('contracts/wal', { addresses: { wal: '0xa' } }).modules[0]!.name // 'wal'
 */
export function loadMovePackage(dir: string, options: LoadMovePackageOptions = {}): MovePackage {
  const root = resolve(dir);
  const manifest = parseMoveManifest(readFileSync(join(root, 'Move.toml'), 'utf8'), root);
  const fromManifests: Record<string, string> = {};
  const visit = (m: MoveManifest, seen: Set<string>) => {
    for (const depDir of Object.values(m.localDependencies)) {
      if (seen.has(depDir)) continue;
      seen.add(depDir);
      const dep = parseMoveManifest(readFileSync(join(depDir, 'Move.toml'), 'utf8'), depDir);
      visit(dep, seen);
      Object.assign(fromManifests, dep.addresses);
    }
  };
  visit(manifest, new Set([root]));
  const addresses = { ...FRAMEWORK_ADDRESSES, ...fromManifests, ...manifest.addresses, ...options.addresses };
  const modules = moveFiles(join(root, 'sources')).flatMap((file) =>
    parseMoveSource(readFileSync(file, 'utf8'), { addresses, fileName: file }),
  );
  return { dir: root, manifest, addresses, modules };
}

function moveFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...moveFiles(path));
    else if (name.endsWith('.move')) files.push(path);
  }
  return files;
}
