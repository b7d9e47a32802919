/**
 * `walrus init` without the install (the full path, install and each template's own tests, is
 * `npm run test:templates`, a CI step of its own): what it writes, what it refuses, and the devkit tarball.
 */
import { spawn, spawnSync } from 'node:child_process';
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
import { assertFreshBuild, RUN, runWalrus, walrusEnv } from '../cli/devnet-project.js';

const SCRIPT = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path));
const shellWord = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs `walrus init ...args` on a pseudo-terminal (util-linux `script`) and answers each prompt when it appears.
 * Resolves with the exit code and everything the terminal showed.
 */
function initOnTerminal(cwd: string, args: string[], answers: Array<[prompt: string, answer: string]>) {
  const command = [process.execPath, RUN, 'init', ...args].map(shellWord).join(' ');
  const child = spawn(SCRIPT!, ['--quiet', '--return', '--command', command, '/dev/null'], {
    cwd,
    env: walrusEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let shown = '';
  const pending = [...answers];
  child.stdout.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
    const next = pending[0];
    if (next && shown.includes(next[0])) {
      pending.shift();
      child.stdin.write(`${next[1]}\r`);
    }
  });
  return new Promise<{ code: number | null; shown: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, shown })),
  );
}

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

/** `walrus init <dir> --yes --skip-install --devkit <devkit> …extra` in the parent directory. */
const initSkippingInstall = (dir: string, devkit: string, ...extra: string[]) =>
  runWalrus(parent, ['init', dir, '--yes', '--skip-install', '--devkit', devkit, ...extra]);

describe('walrus init', () => {
  it('writes the ts template with the project name, dotfiles and the given devkit dependency', () => {
    const result = initSkippingInstall('My App', '^0.1.0', '--json');
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
    const result = initSkippingInstall('busy', '^0.1.0', '--json');
    expect(result.code).toBe(1);
    expect(result.json().error).toMatchObject({ code: 'DIRECTORY_NOT_EMPTY' });
    expect(result.json().error?.hint).toContain('--force');
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
    // The hint's command works when pasted into a shell here (outside the devkit: `npx walrus` would not find it).
    const pasted = /`([^`]+ my-app)`/.exec(result.json().error?.hint ?? '')?.[1];
    expect(pasted).toMatch(/^node \S+\/bin\/run\.js init my-app$/);
    const again = spawnSync('sh', ['-c', `${pasted} --yes --skip-install --devkit ^0.1.0`], {
      cwd: parent,
      env: walrusEnv(),
      encoding: 'utf8',
    });
    expect(again.status, again.stderr).toBe(0);
    expect(manifest(join(parent, 'my-app')).name).toBe('my-app');
    const forced = initSkippingInstall('busy', '^0.1.0', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'package.json'))).toBe(true);
  });

  it('with --force, still refuses to replace something that is not a regular file', () => {
    const dir = join(parent, 'linked');
    mkdirSync(dir);
    symlinkSync('/dev/null', join(dir, 'README.md'));
    const result = initSkippingInstall('linked', 'x', '--force', '--json');
    expect(result.code).toBe(1);
    expect(result.json().error?.message).toContain('README.md exists and is not a regular file');
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
  });

  it.skipIf(!SCRIPT)('asks for the template and the name on a terminal', async () => {
    const { code, shown } = await initOnTerminal(
      parent,
      ['asked', '--skip-install', '--devkit', '^0.1.0'],
      [
        ['Template: ts or web (ts):', 'web'],
        ['Package name (asked):', 'picked-name'],
      ],
    );
    expect(code, shown).toBe(0);
    const dir = join(parent, 'asked');
    expect(manifest(dir).name).toBe('picked-name');
    expect(existsSync(join(dir, 'vite.config.ts'))).toBe(true);
  });

  it('refuses an invalid package name and a missing --devkit tarball before writing anything', () => {
    const badName = runWalrus(parent, ['init', 'named', '--name', 'Bad Name', '--yes', '--json']);
    expect(badName.code).toBe(1);
    expect(badName.json().error?.hint).toContain('--name bad-name');
    const noTarball = runWalrus(parent, ['init', 'tarless', '--yes', '--devkit', './missing.tgz', '--json']);
    expect(noTarball.code).toBe(1);
    expect(noTarball.json().error).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(existsSync(join(parent, 'named'))).toBe(false);
    expect(existsSync(join(parent, 'tarless'))).toBe(false);
  });

  it('names the templates when asked for one that does not exist', () => {
    const result = runWalrus(parent, ['init', 'nope', '--template', 'rust', '--yes', '--json']);
    expect(result.code).toBe(1);
    expect(result.json().error).toMatchObject({ code: 'INVALID_ARGUMENTS' });
    expect(result.json().error?.hint).toContain('--template ts');
    expect(existsSync(join(parent, 'nope'))).toBe(false);
  });
});
