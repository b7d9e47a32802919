import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig } from '../../src/config/find-config.js';
import { loadConfig } from '../../src/config/resolve-config.js';
import { ConfigError } from '../../src/errors/config-error.js';

let root: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'walrus-find-config-')));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes files relative to the temp root; returns the root. */
function files(tree: Record<string, string>): string {
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function findError(options: Parameters<typeof findConfig>[0]): Promise<ConfigError> {
  const error = await findConfig(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('findConfig', () => {
  it('loads walrus.config.ts with type annotations (native type stripping)', async () => {
    files({
      'walrus.config.ts': `
        interface Shape { devnet: { nodes: number } }
        const config: Shape = { devnet: { nodes: 3 as number } };
        export default config;
      `,
    });
    const found = await findConfig({ cwd: root });
    expect(found).toEqual({
      raw: { devnet: { nodes: 3 } },
      file: join(root, 'walrus.config.ts'),
      source: 'file',
      projectRoot: root,
    });
  });

  it.each([
    ['walrus.config.mjs', 'export default { devnet: { nodes: 5 } };'],
    ['walrus.config.js', 'export default { devnet: { nodes: 5 } };'],
    ['walrus.config.cjs', 'module.exports = { devnet: { nodes: 5 } };'],
    ['walrus.config.json', '{ "devnet": { "nodes": 5 } }'],
    ['walrus.config.yaml', 'devnet:\n  nodes: 5\n'],
    ['walrus.config.yml', 'devnet: { nodes: 5 }\n'],
  ])('loads %s', async (name, content) => {
    files({ 'package.json': '{ "type": "module" }', [name]: content });
    const found = await findConfig({ cwd: root });
    expect(found.raw).toEqual({ devnet: { nodes: 5 } });
    expect(found.file).toBe(join(root, name));
  });

  it('reads the "walrus" key of package.json', async () => {
    files({ 'package.json': JSON.stringify({ name: 'app', walrus: { devnet: { shards: 8 } } }) });
    const found = await findConfig({ cwd: root });
    expect(found).toMatchObject({
      raw: { devnet: { shards: 8 } },
      source: 'package.json',
      projectRoot: root,
    });
  });

  it('searches from the working directory upward', async () => {
    files({ 'walrus.config.json': '{ "devnet": { "nodes": 2 } }', 'packages/app/src/.keep': '' });
    const found = await findConfig({ cwd: join(root, 'packages/app/src') });
    expect(found.file).toBe(join(root, 'walrus.config.json'));
    expect(found.projectRoot).toBe(root);
  });

  it('passes over package.json files without the key on the way up', async () => {
    files({
      'walrus.config.json': '{ "devnet": { "nodes": 2 } }',
      'packages/app/package.json': '{ "name": "app" }',
    });
    const found = await findConfig({ cwd: join(root, 'packages/app') });
    expect(found.file).toBe(join(root, 'walrus.config.json'));
  });

  it('stops at the nearest directory holding a config', async () => {
    files({
      'walrus.config.json': '{ "devnet": { "nodes": 2 } }',
      'inner/walrus.config.json': '{ "devnet": { "nodes": 3 } }',
    });
    expect((await findConfig({ cwd: join(root, 'inner') })).raw).toEqual({ devnet: { nodes: 3 } });
  });

  it('falls back to defaults, rooted at the nearest package.json', async () => {
    files({ 'package.json': '{ "name": "app" }', 'src/deep/.keep': '' });
    const found = await findConfig({ cwd: join(root, 'src/deep') });
    expect(found).toEqual({ raw: undefined, file: undefined, source: 'defaults', projectRoot: root });
  });

  it('treats an empty file as an empty config', async () => {
    files({ 'walrus.config.yaml': '\n' });
    const found = await findConfig({ cwd: root });
    expect(found.raw).toBeUndefined();
    expect(found.source).toBe('file');
    expect((await loadConfig({ cwd: root })).devnet.nodes).toBe(11);
  });

  it('rejects two configs in one directory', async () => {
    files({ 'walrus.config.ts': 'export default {};', 'walrus.config.json': '{}' });
    const error = await findError({ cwd: root });
    expect(error.code).toBe('CONFIG_AMBIGUOUS');
    expect(error.message).toBe(
      `Found more than one walrus config in ${root}: walrus.config.ts, walrus.config.json.`,
    );
  });

  it('rejects a config file next to a package.json "walrus" key', async () => {
    files({ 'walrus.config.json': '{}', 'package.json': '{ "walrus": {} }' });
    expect((await findError({ cwd: root })).message).toContain(
      'walrus.config.json, package.json ("walrus" key)',
    );
  });

  it('reports a module without a default export', async () => {
    files({ 'walrus.config.mjs': 'export const config = {};' });
    const error = await findError({ cwd: root });
    expect(error.code).toBe('CONFIG_LOAD_FAILED');
    expect(error.message).toBe(`Config ${join(root, 'walrus.config.mjs')} has no default export.`);
    expect(error.hint).toMatch(/export default defineConfig/);
  });

  it('reports a syntax error', async () => {
    // The line number (`walrus.config.mjs:2: ...`) is checked by the e2e test: under vitest, vite compiles the module.
    files({ 'walrus.config.mjs': 'const a = 1;\nexport default {;\n' });
    const error = await findError({ cwd: root });
    expect(error.code).toBe('CONFIG_LOAD_FAILED');
    expect(error.message).toMatch(new RegExp(`^Could not load config ${root}/walrus.config.mjs(:2)?: `));
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("reports invalid JSON without cosmiconfig's prefix", async () => {
    files({ 'walrus.config.json': '{ "devnet": ' });
    const error = await findError({ cwd: root });
    expect(error.code).toBe('CONFIG_LOAD_FAILED');
    expect(error.message).toMatch(new RegExp(`^Could not load config ${root}/walrus.config.json: `));
    expect(error.message).not.toContain('JSON Error in');
  });

  describe('with an explicit path (--config)', () => {
    it('loads that file, relative to cwd, skipping the search', async () => {
      files({
        'walrus.config.json': '{ "devnet": { "nodes": 2 } }',
        'configs/ci.json': '{ "devnet": { "nodes": 9 } }',
      });
      const found = await findConfig({ cwd: root, configFile: 'configs/ci.json' });
      expect(found).toEqual({
        raw: { devnet: { nodes: 9 } },
        file: join(root, 'configs/ci.json'),
        source: 'file',
        projectRoot: join(root, 'configs'),
      });
    });

    it('accepts a directory holding a config', async () => {
      files({ 'app/walrus.config.json': '{ "devnet": { "nodes": 6 } }' });
      expect((await findConfig({ cwd: root, configFile: 'app' })).raw).toEqual({ devnet: { nodes: 6 } });
      const error = await findError({ cwd: root, configFile: '.' });
      expect(error.code).toBe('CONFIG_NOT_FOUND');
      expect(error.message).toBe(`No walrus config in ${root}.`);
    });

    it('rejects a missing file', async () => {
      const error = await findError({ cwd: root, configFile: 'nope.ts' });
      expect(error).toMatchObject({ code: 'CONFIG_NOT_FOUND', exitCode: 1 });
      expect(error.message).toBe(`Config file not found: ${join(root, 'nope.ts')}`);
    });

    it('rejects an unsupported file type', async () => {
      files({ 'walrus.toml': 'x = 1' });
      const error = await findError({ cwd: root, configFile: 'walrus.toml' });
      expect(error.message).toContain('unsupported file type ".toml"');
    });

    it('reads package.json, and rejects one without the key', async () => {
      files({ 'package.json': '{ "walrus": { "devnet": { "nodes": 1 } } }', 'other/package.json': '{}' });
      expect((await findConfig({ cwd: root, configFile: 'package.json' })).source).toBe('package.json');
      const error = await findError({ cwd: root, configFile: 'other/package.json' });
      expect(error).toMatchObject({ code: 'CONFIG_NOT_FOUND' });
      expect(error.message).toBe(`${join(root, 'other/package.json')} has no "walrus" key.`);
    });
  });
});

describe('loadConfig', () => {
  it('finds, validates and resolves', async () => {
    files({ 'walrus.config.json': '{ "devnet": { "epochDuration": "2m", "stateDir": "state" } }' });
    const config = await loadConfig({ cwd: root });
    expect(config).toMatchObject({
      source: 'file',
      configFile: join(root, 'walrus.config.json'),
      projectRoot: root,
      devnet: { epochDurationMs: 120_000, stateDir: join(root, 'state') },
    });
  });

  it('names the file in validation errors', async () => {
    files({ 'walrus.config.json': '{ "devnet": { "node": 4 } }' });
    await expect(loadConfig({ cwd: root })).rejects.toThrow(
      `Invalid config in ${join(root, 'walrus.config.json')}: unknown key "devnet.node" (did you mean "devnet.nodes"?)`,
    );
  });
});
