import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cosmiconfig, defaultLoaders, type PublicExplorer } from 'cosmiconfig';
import { ErrorCode } from '../errors/codes.js';
import { ConfigError } from '../errors/config-error.js';
import type { ConfigSource } from './types.js';

/** Config file names looked for in each directory, in order of precedence. */
export const CONFIG_FILE_NAMES = [
  'walrus.config.ts',
  'walrus.config.mts',
  'walrus.config.js',
  'walrus.config.mjs',
  'walrus.config.cjs',
  'walrus.config.json',
  'walrus.config.yaml',
  'walrus.config.yml',
] as const;

/** The key read from package.json. */
export const PACKAGE_JSON_KEY = 'walrus';

const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const DATA_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '']);

/** A config found on disk, before validation. */
export interface FoundConfig {
  /** What the file exported (or the package.json `walrus` value); undefined for an empty file or no config. */
  raw: unknown;
  /** Absolute path of the file; undefined when no config was found. */
  file: string | undefined;
  source: Exclude<ConfigSource, 'inline'>;
  /** Absolute project root: the config's directory, else the nearest package.json's directory, else `cwd`. */
  projectRoot: string;
}

export interface FindConfigOptions {
  /** Where the search starts. Default `process.cwd()`. */
  cwd?: string | undefined;
  /**
   * An explicit config (the `--config` flag): a file, resolved against `cwd`, or a directory holding one.
   * Skips the upward search.
   */
  configFile?: string | undefined;
}

/**
 * Finds and loads the project's config: `walrus.config.{ts,mts,js,mjs,cjs,json,yaml,yml}` or the `walrus` key of a
 * package.json, looked for in `cwd` and then each parent directory (up to the home directory when `cwd` is inside it,
 * else up to the filesystem root). The first directory holding one wins; two candidates in one directory are an error.
 * Files are loaded with cosmiconfig; JS/TS modules with `import()` (Node strips TypeScript types natively).
 */
export async function findConfig(options: FindConfigOptions = {}): Promise<FoundConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const explorer = createExplorer();
  if (options.configFile !== undefined) return loadExplicit(explorer, resolve(cwd, options.configFile));

  const home = homedir();
  const stopDir = cwd === home || cwd.startsWith(`${home}/`) ? home : undefined;
  let firstPackageDir: string | undefined;
  for (let dir = cwd; ; ) {
    const found = await searchDirectory(explorer, dir);
    if (found) return found;
    if (firstPackageDir === undefined && listDirectory(dir).has('package.json')) firstPackageDir = dir;
    const parent = dirname(dir);
    if (dir === stopDir || parent === dir) break;
    dir = parent;
  }
  return { raw: undefined, file: undefined, source: 'defaults', projectRoot: firstPackageDir ?? cwd };
}

async function searchDirectory(explorer: PublicExplorer, dir: string): Promise<FoundConfig | undefined> {
  const entries = listDirectory(dir);
  const files = CONFIG_FILE_NAMES.filter((name) => entries.has(name));
  const packageJson = join(dir, 'package.json');
  const packageConfig = entries.has('package.json') ? await loadFile(explorer, packageJson) : undefined;
  const candidates = [...files, ...(packageConfig ? [`package.json ("${PACKAGE_JSON_KEY}" key)`] : [])];
  if (candidates.length > 1) {
    throw new ConfigError(
      ErrorCode.ConfigAmbiguous,
      `Found more than one walrus config in ${dir}: ${candidates.join(', ')}.`,
      {
        hint: 'Keep one of them, or pick one with --config <path>.',
      },
    );
  }
  if (files.length === 1) {
    const file = join(dir, files[0]!);
    const result = await loadFile(explorer, file);
    return { raw: result?.config, file, source: 'file', projectRoot: dir };
  }
  if (packageConfig)
    return { raw: packageConfig.config, file: packageJson, source: 'package.json', projectRoot: dir };
  return undefined;
}

async function loadExplicit(explorer: PublicExplorer, path: string): Promise<FoundConfig> {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new ConfigError(ErrorCode.ConfigNotFound, `Config file not found: ${path}`, {
      file: path,
      hint: 'Check the --config path; a relative path is resolved from the working directory.',
    });
  }
  if (isDirectory) {
    const found = await searchDirectory(explorer, path);
    if (found) return found;
    throw new ConfigError(ErrorCode.ConfigNotFound, `No walrus config in ${path}.`, {
      file: path,
      hint: `Create ${join(path, 'walrus.config.ts')}, or pass the config file itself to --config.`,
    });
  }
  const name = basename(path);
  const extension = extname(path);
  if (name === 'package.json') {
    const result = await loadFile(explorer, path);
    if (!result) {
      throw new ConfigError(ErrorCode.ConfigNotFound, `${path} has no "${PACKAGE_JSON_KEY}" key.`, {
        file: path,
        hint: `Add a "${PACKAGE_JSON_KEY}" object to it, or point --config at a walrus.config.ts.`,
      });
    }
    return { raw: result.config, file: path, source: 'package.json', projectRoot: dirname(path) };
  }
  if (!MODULE_EXTENSIONS.has(extension) && !DATA_EXTENSIONS.has(extension)) {
    throw new ConfigError(
      ErrorCode.ConfigLoadFailed,
      `Cannot load config ${path}: unsupported file type "${extension}".`,
      {
        file: path,
        hint: 'Use a .ts, .mts, .js, .mjs, .cjs, .json, .yaml or .yml file, or a package.json with a "walrus" key.',
      },
    );
  }
  const result = await loadFile(explorer, path);
  return { raw: result?.config, file: path, source: 'file', projectRoot: dirname(path) };
}

function createExplorer(): PublicExplorer {
  return cosmiconfig('walrus', {
    searchStrategy: 'none',
    searchPlaces: [],
    packageProp: PACKAGE_JSON_KEY,
    cache: false,
    loaders: {
      '.ts': importModule,
      '.mts': importModule,
      '.cts': importModule,
      '.js': importModule,
      '.mjs': importModule,
      '.cjs': importModule,
      noExt: defaultLoaders.noExt ?? defaultLoaders['.yaml']!,
    },
  });
}

/** Loads a file through cosmiconfig; null for a package.json without the key. Errors become ConfigErrors. */
async function loadFile(explorer: PublicExplorer, file: string) {
  try {
    return await explorer.load(file);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const message =
      error instanceof Error ? error.message.replace(/^(JSON|YAML) Error in [^\n]*:\n/, '') : String(error);
    throw new ConfigError(ErrorCode.ConfigLoadFailed, `Could not load config ${file}: ${message}`, {
      file,
      cause: error,
    });
  }
}

/** cosmiconfig loader for JS/TS modules: `import()` the file and take its default export. */
async function importModule(file: string): Promise<unknown> {
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw moduleLoadError(file, error);
  }
  if (module.default === undefined) {
    throw new ConfigError(ErrorCode.ConfigLoadFailed, `Config ${file} has no default export.`, {
      file,
      hint: 'Export the config as the default export: export default defineConfig({ ... })',
    });
  }
  return module.default;
}

function moduleLoadError(file: string, error: unknown): ConfigError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  let hint: string | undefined;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') {
    hint = `Node ${process.version} cannot load TypeScript here; use Node >= 22.18 (or 24), or write walrus.config.mjs.`;
  } else if (code === 'ERR_MODULE_NOT_FOUND' && /'walrus-devkit'/.test(message)) {
    hint =
      'Install walrus-devkit in the project (npm install --save-dev walrus-devkit) so the config can import it.';
  } else if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') {
    hint =
      'Node strips types but does not transform TypeScript-only syntax (enums, namespaces); avoid it in the config.';
  }
  const line = errorLine(file, error);
  return new ConfigError(
    ErrorCode.ConfigLoadFailed,
    `Could not load config ${file}${line === undefined ? '' : `:${line}`}: ${message}`,
    { file, hint, cause: error },
  );
}

/** The line of `file` an error points at: a syntax error's header line, or the first stack frame in the file. */
function errorLine(file: string, error: unknown): number | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:${escapeRegExp(pathToFileURL(file).href)}|${escapeRegExp(file)}):(\\d+)`);
  const match = pattern.exec(stack);
  return match ? Number(match[1]) : undefined;
}

function listDirectory(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}
