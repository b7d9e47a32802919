/**
 * End-to-end tests of the built CLI: each test runs `node bin/run.js ...` (with the running Node) in a scratch
 * directory, as a user would, and checks exit codes, stdout and stderr. They need `npm run build` first (`npm test`
 * does that).
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, oldNode } from './devnet-project.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RUN = join(REPO, 'bin', 'run.js');
const DEV = join(REPO, 'bin', 'dev.js');
const TRACE = join(REPO, 'test', 'cli', 'fixtures', 'trace-modules.mjs');
const TOPICS = ['dev', 'blob', 'stake', 'node', 'epoch', 'challenge', 'account', 'config'];
const STACK_FRAME = /^\s+at /m;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let scratch: string;

/** Runs a bin script with the given args in `cwd` (default: an empty scratch directory). */
function exec(
  script: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; node?: string; nodeArgs?: string[] } = {},
): Result {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  for (const key of [
    'WALRUS_NETWORK',
    'WALRUS_CONFIG',
    'WALRUS_CONTENT_TYPE',
    'WALRUS_VERBOSE',
    'WALRUS_NODE_REEXEC',
  ]) {
    if (!options.env || !(key in options.env)) delete env[key];
  }
  const result = spawnSync(options.node ?? process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    cwd: options.cwd ?? scratch,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const walrus = (args: string[], options: Parameters<typeof exec>[2] = {}) => exec(RUN, args, options);

/** A project directory holding the given files, with walrus-devkit installed (linked to this repo). */
function project(name: string, tree: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(REPO, join(dir, 'node_modules', 'walrus-devkit'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, type: 'module', private: true }));
  for (const [file, content] of Object.entries(tree)) writeFileSync(join(dir, file), content);
  return dir;
}

/** Parses stdout as exactly one JSON document. */
function json(result: Result): unknown {
  return JSON.parse(result.stdout);
}

beforeAll(() => {
  assertFreshBuild();
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'walrus-e2e-')));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('walrus --help', () => {
  it('lists every topic, including those without commands yet', () => {
    const result = walrus(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const topicsSection = result.stdout.split('TOPICS\n')[1]?.split('\n\n')[0] ?? '';
    const listed = topicsSection
      .split('\n')
      .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
      .filter(Boolean);
    expect(listed.sort()).toEqual([...TOPICS].sort());
    const commandsSection = result.stdout.split('COMMANDS\n')[1]?.split('\n\n')[0] ?? '';
    expect(commandsSection).toMatch(/^ {2}init +/m); // a command, not a topic
    expect(result.stdout).toContain('GLOBAL FLAGS');
    expect(result.stdout).toContain('--json');
  });

  it('is what a bare `walrus` and `walrus help` print', () => {
    const help = walrus(['--help']).stdout;
    expect(walrus([]).stdout).toBe(help);
    expect(walrus(['help']).stdout).toBe(help);
    expect(walrus(['help', 'config', 'show']).stdout).toBe(walrus(['config', 'show', '--help']).stdout);
  });

  it('uses the manifest and loads neither commands, ink nor the config stack', () => {
    const trace = join(scratch, 'help-trace.txt');
    const result = walrus(['--help'], {
      nodeArgs: ['--import', TRACE],
      env: { WALRUS_TRACE_MODULES: trace },
    });
    expect(result.code).toBe(0);
    const loaded = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((url) => url.includes('/@oclif/core/'))).toBe(true);
    for (const forbidden of [
      '/node_modules/ink/',
      '/node_modules/react/',
      '/dist/src/commands/',
      '/cosmiconfig/',
      '/valibot/',
    ]) {
      expect(loaded.filter((url) => url.includes(forbidden))).toEqual([]);
    }
  });

  // Every reserved topic has commands now (`init` became a command): none is shown empty.
  it('shows a topic with its commands', () => {
    const challenge = walrus(['challenge', '--help']);
    expect(challenge.code).toBe(0);
    expect(challenge.stdout).toContain('challenge trigger');
    expect(challenge.stdout).toContain('devnet extension');
    const config = walrus(['config', '--help']);
    expect(config.code).toBe(0);
    expect(config.stdout).toContain('config show');
    expect(config.stdout).not.toContain('No "config" commands');
  });

  it('documents the config keys in `config show --help`', () => {
    const result = walrus(['config', 'show', '--help']);
    expect(result.code).toBe(0);
    for (const key of [
      'devnet.nodes',
      'devnet.shards',
      'devnet.epochDuration',
      'devnet.accounts',
      'devnet.ports',
      'devnet.stateDir',
      'networks.<name>',
    ]) {
      expect(result.stdout).toContain(key);
    }
    expect(result.stdout).toMatch(/--network=<name>/);
  });
});

describe('walrus --version', () => {
  const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version as string;

  it('prints the version', () => {
    const result = walrus(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^walrus-devkit/${version.replaceAll('.', '\\.')} `));
  });

  it('prints JSON under --json', () => {
    expect(json(walrus(['--version', '--json']))).toEqual({ name: 'walrus-devkit', version });
  });
});

describe('unknown commands', () => {
  it('exit 1 with one clear message and no stack', () => {
    const result = walrus(['zzzz']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Error: Unknown command "walrus zzzz".\nHint: Run "walrus --help" to see the available commands.\n',
    );
  });

  it('print a JSON error document on stdout under --json (zzzz --json)', () => {
    const result = walrus(['zzzz', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(STACK_FRAME);
    expect(json(result)).toEqual({
      error: {
        code: 'UNKNOWN_COMMAND',
        message: 'Unknown command "walrus zzzz".',
        hint: 'Run "walrus --help" to see the available commands.',
      },
    });
  });

  it('suggest a close command', () => {
    const result = walrus(['confg', 'show']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Hint: Did you mean "walrus config show"?');
  });

  it('list the commands of the topic', () => {
    const result = walrus(['config', 'list', '--json']);
    expect(result.code).toBe(1);
    expect(json(result)).toMatchObject({
      error: { code: 'UNKNOWN_COMMAND', hint: 'Commands under "walrus config": walrus config show.' },
    });
  });

  it('fail the same way with --help', () => {
    const result = walrus(['nope', '--help']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown command "walrus nope".');
  });

  it('include the stack with --verbose', () => {
    const result = walrus(['nope', '--verbose']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(STACK_FRAME);
  });

  it('a bare topic under --json is an error document, not help text', () => {
    const result = walrus(['blob', '--json']);
    expect(result.code).toBe(1);
    expect(json(result)).toMatchObject({ error: { code: 'COMMAND_REQUIRED' } });
  });

  it('a flag alone is a missing command', () => {
    const result = walrus(['--json']);
    expect(result.code).toBe(1);
    expect(json(result)).toMatchObject({ error: { code: 'COMMAND_REQUIRED', message: 'No command given.' } });
  });
});

describe('argument errors', () => {
  it('exit 1 (not 2, which means network failure) with INVALID_ARGUMENTS', () => {
    const result = walrus(['config', 'show', '--bogus', '--json']);
    expect(result.code).toBe(1);
    expect(json(result)).toMatchObject({ error: { code: 'INVALID_ARGUMENTS' } });
    expect(result.stdout).toContain('--bogus');
  });

  it('reject unexpected arguments', () => {
    const result = walrus(['config', 'show', 'extra']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: Unexpected argument: extra/);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('walrus config show', () => {
  it('prints one JSON document with the defaults when there is no config', () => {
    const dir = join(scratch, 'empty');
    mkdirSync(dir);
    const result = walrus(['config', 'show', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = json(result) as Record<string, unknown>;
    expect(doc).toMatchObject({
      source: 'defaults',
      configFile: null,
      projectRoot: dir,
      network: { name: 'devnet', rpcUrl: 'http://127.0.0.1:9000', systemObjectId: null },
      config: {
        defaultNetwork: 'devnet',
        devnet: {
          nodes: 11,
          shards: 100,
          epochDurationMs: 3_600_000,
          accounts: { count: 10, balanceMist: '10000000000000' },
          ports: { rpc: 9000, faucet: 9123, admin: 9180, storageNodeBase: 9200 },
          stateDir: join(dir, '.walrus/devnet'),
        },
      },
      explicitKeys: [],
    });
  });

  it('loads a typed walrus.config.ts that imports defineConfig from walrus-devkit', () => {
    const dir = project('typed', {
      'walrus.config.ts': `import { defineConfig, type WalrusConfig } from 'walrus-devkit';
const nodes: number = 6;
const config: WalrusConfig = defineConfig({
  defaultNetwork: 'staging',
  devnet: { nodes, epochDuration: '30s', accounts: { count: 2, balance: '0.5' } },
  networks: { staging: { rpcUrl: 'http://127.0.0.1:9999' } },
});
export default config;
`,
    });
    mkdirSync(join(dir, 'src'));
    const result = walrus(['config', 'show', '--json'], { cwd: join(dir, 'src') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(json(result)).toMatchObject({
      source: 'file',
      configFile: join(dir, 'walrus.config.ts'),
      projectRoot: dir,
      network: { name: 'staging', rpcUrl: 'http://127.0.0.1:9999', builtIn: false },
      config: {
        devnet: { nodes: 6, epochDurationMs: 30_000, accounts: { count: 2, balanceMist: '500000000' } },
      },
      explicitKeys: [
        'defaultNetwork',
        'devnet.nodes',
        'devnet.epochDuration',
        'devnet.accounts.count',
        'devnet.accounts.balance',
        'networks.staging.rpcUrl',
      ],
    });

    const human = walrus(['config', 'show', '--network', 'testnet'], { cwd: dir });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`Config:       ${join(dir, 'walrus.config.ts')}`);
    expect(human.stdout).toContain(
      'Network:      testnet (https://fullnode.testnet.sui.io:443), from --network',
    );
    expect(human.stdout).toMatch(/nodes\s+6\n/);
    expect(human.stdout).toMatch(/shards\s+100 {2}\(default\)/);
  });

  it('honours --config and WALRUS_CONFIG', () => {
    const dir = project('explicit', { 'ci.walrus.json': '{ "devnet": { "nodes": 3 } }' });
    const viaFlag = walrus(['config', 'show', '--json', '--config', 'ci.walrus.json'], { cwd: dir });
    expect(json(viaFlag)).toMatchObject({
      configFile: join(dir, 'ci.walrus.json'),
      config: { devnet: { nodes: 3 } },
    });
    const viaEnv = walrus(['config', 'show', '--json'], {
      cwd: dir,
      env: { WALRUS_CONFIG: 'ci.walrus.json' },
    });
    expect(json(viaEnv)).toMatchObject({ config: { devnet: { nodes: 3 } } });
    const missing = walrus(['config', 'show', '--config', 'missing.ts'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Config file not found: ${join(dir, 'missing.ts')}`);
  });

  it('rejects an unknown --network with the known names', () => {
    const result = walrus(['config', 'show', '--network', 'testnett', '--json']);
    expect(result.code).toBe(1);
    expect(json(result)).toEqual({
      error: {
        code: 'UNKNOWN_NETWORK',
        message: 'Unknown network "testnett" (did you mean "testnet"?).',
        hint: 'Known networks: devnet, testnet, mainnet. Add others under networks.<name> in walrus.config.ts.',
      },
    });
  });
});

describe('bad config', () => {
  it('an unknown key exits 1 naming the key and the likely intended one', () => {
    const dir = project('unknown-key', { 'walrus.config.ts': 'export default { devnet: { node: 4 } };\n' });
    const file = join(dir, 'walrus.config.ts');
    const result = walrus(['config', 'show'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(
      `Error: Invalid config in ${file}: unknown key "devnet.node" (did you mean "devnet.nodes"?)`,
    );
    expect(result.stderr).not.toMatch(STACK_FRAME);

    const asJson = walrus(['config', 'show', '--json'], { cwd: dir });
    expect(asJson.code).toBe(1);
    expect(json(asJson)).toMatchObject({
      error: {
        code: 'CONFIG_INVALID',
        message: `Invalid config in ${file}: unknown key "devnet.node" (did you mean "devnet.nodes"?)`,
      },
    });
  });

  it('a wrong type exits 1 naming the key, the expected form and the value', () => {
    const dir = project('wrong-type', {
      'walrus.config.json': '{ "devnet": { "nodes": "four", "ports": { "rpc": 70000 } } }',
    });
    const result = walrus(['config', 'show', '--json'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const { error } = json(result) as { error: { code: string; message: string } };
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('devnet.nodes must be an integer between 1 and 64 (got "four")');
    expect(error.message).toContain(
      'devnet.ports.rpc must be a port number (an integer between 0 and 65535; 0 picks a free port) (got 70000)',
    );
  });

  it('a syntax error names the file and line', () => {
    const dir = project('syntax', { 'walrus.config.ts': 'const a: number = 1;\nexport default {;\n' });
    const result = walrus(['config', 'show'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^Error: Could not load config ${join(dir, 'walrus.config.ts')}:2: `),
    );
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('a config without a default export says how to export it', () => {
    const dir = project('no-default', { 'walrus.config.mjs': 'export const config = {};\n' });
    const result = walrus(['config', 'show'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no default export');
    expect(result.stderr).toContain('Hint: Export the config as the default export');
  });
});

describe('bin/dev.js', () => {
  it('runs the TypeScript sources', () => {
    const result = exec(DEV, ['config', 'show', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(json(result)).toMatchObject({ source: 'defaults' });
    const unknown = exec(DEV, ['nope', '--json']);
    expect(unknown.code).toBe(1);
    expect(json(unknown)).toMatchObject({ error: { code: 'UNKNOWN_COMMAND' } });
  });
});

describe.skipIf(!oldNode())('on a Node older than 22', () => {
  it('says so clearly when the pinned Node is not used', () => {
    const result = walrus(['--help'], { node: oldNode()!, env: { WALRUS_NODE_REEXEC: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: walrus-devkit needs Node\.js 22\.\d+\.\d+ or newer, but this is Node\.js 2[01]\./,
    );
    const asJson = walrus(['--help', '--json'], { node: oldNode()!, env: { WALRUS_NODE_REEXEC: '1' } });
    expect(json(asJson)).toMatchObject({ error: { code: 'UNSUPPORTED_NODE' } });
  });

  it("re-runs itself with the project's pinned Node", () => {
    const result = walrus(['--version'], { node: oldNode()! });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`node-${process.version}`);
  });
});
