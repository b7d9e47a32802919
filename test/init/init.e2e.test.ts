/**
 * `walrus init` without the install (the full path, install and each template's own tests, is
 * `npm run test:templates`, a CI step of its own): what it writes, what it refuses, and the devkit tarball.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, runWalrus } from '../cli/devnet-project.js';

let parent: string;
beforeAll(() => {
  assertFreshBuild();
  parent = mkdtempSync(join(tmpdir(), 'walrus-init-test-'));
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    dependencies: Record<string, string>;
  };

describe('walrus init', () => {
  it('writes the ts template with the project name, dotfiles and the given devkit dependency', () => {
    const result = runWalrus(parent, [
      'init',
      'My App',
      '--yes',
      '--skip-install',
      '--devkit',
      '^0.1.0',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const dir = join(parent, 'My App');
    expect(result.json()).toMatchObject({ directory: dir, template: 'ts', name: 'my-app', installed: false });
    expect(manifest(dir)).toMatchObject({ name: 'my-app', dependencies: { 'walrus-devkit': '^0.1.0' } });
    for (const file of [
      '.gitignore',
      '.npmrc',
      'walrus.config.ts',
      'scripts/store.ts',
      'test/blob.test.ts',
      'README.md',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(existsSync(join(dir, 'gitignore'))).toBe(false);
  });

  it('packs the devkit it runs from into vendor/ and says so', () => {
    const result = runWalrus(parent, ['init', 'packed', '--yes', '--skip-install']);
    expect(result.code, result.stderr).toBe(0);
    const dir = join(parent, 'packed');
    const dependency = manifest(dir).dependencies['walrus-devkit']!;
    expect(dependency).toMatch(/^file:vendor\/walrus-devkit-\d+\.\d+\.\d+\.tgz$/);
    expect(existsSync(join(dir, dependency.slice('file:'.length)))).toBe(true);
    expect(result.stderr).toMatch(/not on the npm registry yet/);
    expect(result.stdout).toContain('cd packed');
  });

  it('refuses a non-empty directory without --force and writes nothing', () => {
    const dir = join(parent, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const result = runWalrus(parent, [
      'init',
      'busy',
      '--yes',
      '--skip-install',
      '--devkit',
      '^0.1.0',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(result.json().error).toMatchObject({ code: 'DIRECTORY_NOT_EMPTY' });
    expect(result.json().error?.hint).toContain('--force');
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
    const forced = runWalrus(parent, [
      'init',
      'busy',
      '--yes',
      '--skip-install',
      '--devkit',
      '^0.1.0',
      '--force',
    ]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'package.json'))).toBe(true);
  });

  it('with --force, still refuses to replace something that is not a regular file', () => {
    const dir = join(parent, 'linked');
    mkdirSync(dir);
    symlinkSync('/dev/null', join(dir, 'README.md'));
    const result = runWalrus(parent, [
      'init',
      'linked',
      '--yes',
      '--skip-install',
      '--devkit',
      'x',
      '--force',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(result.json().error?.message).toContain('README.md exists and is not a regular file');
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
  });

  it('names the templates when asked for one that does not exist', () => {
    const result = runWalrus(parent, ['init', 'nope', '--template', 'rust', '--yes', '--json']);
    expect(result.code).toBe(1);
    expect(result.json().error).toMatchObject({ code: 'INVALID_ARGUMENTS' });
    expect(result.json().error?.hint).toContain('--template ts');
    expect(existsSync(join(parent, 'nope'))).toBe(false);
  });
});
