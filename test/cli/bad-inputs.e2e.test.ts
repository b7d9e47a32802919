/**
 * Every bad input of test/cli/bad-inputs.table.ts, run through the built binary: against one devnet started once for
 * this file (ports 0, its own WALRUS_HOME in a temp dir) or in a project with no devnet. Each must exit with its code,
 * give its error code, message and hint, print no stack trace and no "looks like a bug", and leave nothing behind: no
 * file added, changed or removed in the project (the devnet's own state and log aside), and on the devnet no
 * transaction of the signer's (its objects keep their versions) and no change of its SUI or WAL balance.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_INPUTS, type BadInput, displayInput, matchesTemplate } from './bad-inputs.table.js';
import { runWalrus, type WalrusResult } from './devnet-project.js';

interface Fixtures {
  values: Record<string, string>;
  devnetProject: string;
  devnetHome: string;
  emptyProject: string;
  emptyHome: string;
  suiConfig: string;
  client: SuiGrpcClient;
  signer: string;
  walType: string;
}

let f: Fixtures;

const env = (home: string) => ({ WALRUS_HOME: home, SUI_CONFIG_DIR: f.suiConfig });

function devnetRun(args: string[]): WalrusResult {
  return runWalrus(f.devnetProject, args, { env: env(f.devnetHome) });
}

function ok(result: WalrusResult): Record<string, unknown> {
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return result.json();
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'walrus-bad-inputs-'));
  const devnetProject = join(root, 'devnet-project');
  const emptyProject = join(root, 'empty-project');
  const suiConfig = join(root, 'sui-config');
  for (const dir of [devnetProject, emptyProject, suiConfig, join(root, 'home'), join(root, 'empty-home')])
    mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(devnetProject, 'walrus.config.json'),
    JSON.stringify({
      devnet: {
        nodes: 4,
        shards: 100,
        epochDuration: '1h',
        accounts: { count: 2 },
        ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
      },
    }),
  );
  for (const project of [devnetProject, emptyProject]) {
    writeFileSync(join(project, 'a.txt'), 'hello, walrus');
    mkdirSync(join(project, 'somedir'));
    writeFileSync(join(project, 'state-file'), 'not a directory');
  }
  f = {
    values: {},
    devnetProject,
    devnetHome: join(root, 'home'),
    emptyProject,
    emptyHome: join(root, 'empty-home'),
    suiConfig,
  } as Fixtures;
  const descriptor = ok(devnetRun(['dev', 'up', '--detach', '--json'])) as {
    rpcUrl: string;
    accounts: Array<{ address: string }>;
    nodes: Array<{ nodeId: string }>;
    packages: { wal: string };
  };
  f.client = new SuiGrpcClient({ network: 'localnet', baseUrl: descriptor.rpcUrl });
  f.signer = descriptor.accounts[0]!.address;
  f.walType = `${descriptor.packages.wal}::wal::WAL`;

  type Stored = { blobs: Array<{ blobId: string; objectId: string }> };
  const store = (...extra: string[]) =>
    (ok(devnetRun(['blob', 'store', 'a.txt', '--json', ...extra])) as unknown as Stored).blobs[0]!;
  writeFileSync(join(devnetProject, 'expiring.txt'), 'short-lived');
  const expiring = (
    ok(devnetRun(['blob', 'store', 'expiring.txt', '--epochs', '1', '--json'])) as unknown as Stored
  ).blobs[0]!;
  const live = store('--epochs', '10');
  const permanent = store('--epochs', '10', '--permanent');
  const others = store('--epochs', '10');
  ok(devnetRun(['blob', 'transfer', others.objectId, descriptor.accounts[1]!.address, '--json']));
  const staked = ok(
    devnetRun(['stake', 'add', '--node', descriptor.nodes[0]!.nodeId, '--amount', '2', '--json']),
  ).stakedWal as string;
  ok(devnetRun(['epoch', 'advance', '--count', '2', '--json']));
  ok(devnetRun(['stake', 'withdraw', staked, '--json']));
  rmSync(join(devnetProject, 'expiring.txt'));

  f.values = {
    file: 'a.txt',
    dir: 'somedir',
    missing: 'missing.bin',
    out: 'out.bin',
    stateFile: 'state-file',
    object: live.objectId,
    blobId: live.blobId,
    permanent: permanent.objectId,
    expiredObject: expiring.objectId,
    expiredBlobId: expiring.blobId,
    others: others.objectId,
    address: descriptor.accounts[1]!.address,
    node: descriptor.nodes[0]!.nodeId,
    randomId: `0x${randomBytes(32).toString('hex')}`,
    withdrawing: staked,
  };
}, 240_000);

// Registered apart from the setup, so a devnet started by a setup that then fails is stopped too.
afterAll(() => {
  if (!f) return;
  devnetRun(['dev', 'down']);
  rmSync(join(f.devnetProject, '..'), { recursive: true, force: true });
});

/** Every file under `dir` (but the devnet's state directory) with its size and modification time. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      const name = relative(dir, path);
      if (name === join('.walrus', 'devnet')) continue;
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        files.set(name, `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * The devnet's chain state as the signer sees it: its objects' versions, SUI and WAL. This test's own reads retry a
 * "fetch failed": a kept-alive socket the server closed while idle (between no-devnet rows) can fail the next request.
 */
async function chainState(attempt = 1): Promise<string> {
  try {
    return await readChainState();
  } catch (error) {
    if (attempt >= 3 || !/fetch failed/.test(String(error))) throw error;
    return chainState(attempt + 1);
  }
}

async function readChainState(): Promise<string> {
  const [objects, sui, wal] = await Promise.all([
    f.client.core.listOwnedObjects({ owner: f.signer }),
    f.client.core.getBalance({ owner: f.signer }),
    f.client.core.getBalance({ owner: f.signer, coinType: f.walType }),
  ]);
  // The ledger makes empty checkpoints while idle (its clock follows wall time), so the height is no witness:
  // any transaction of the signer's bumps the versions of the objects it owns (its gas coin at least).
  const versions = objects.objects.map((o) => `${o.objectId}@${o.version}`).sort();
  return `objects ${versions.join(',')} sui ${sui.balance.balance} wal ${wal.balance.balance}`;
}

function argsOf(row: BadInput): string[] {
  return row.args.map((arg) => arg.replace(/\{(\w+)\}/g, (_, name: string) => f.values[name] ?? `{${name}}`));
}

interface Project {
  cwd: string;
  home: string;
  suiConfig: string;
  cleanup: () => void;
}

/**
 * A project (with its WALRUS_HOME and Sui config dir) for a no-devnet row: the shared empty one, or one with the
 * row's config and, if asked, a Sui keystore holding a fresh key.
 */
function noDevnetProject(row: BadInput): Project {
  if (row.config === undefined && !row.suiKey)
    return { cwd: f.emptyProject, home: f.emptyHome, suiConfig: f.suiConfig, cleanup: () => undefined };
  const cwd = mkdtempSync(join(tmpdir(), 'walrus-bad-config-'));
  if (row.config !== undefined) writeFileSync(join(cwd, 'walrus.config.json'), JSON.stringify(row.config));
  const suiConfig = join(cwd, 'sui');
  mkdirSync(suiConfig);
  if (row.suiKey)
    writeFileSync(
      join(suiConfig, 'sui.keystore'),
      JSON.stringify([Ed25519Keypair.generate().getSecretKey()]),
    );
  return {
    cwd,
    home: join(cwd, '.walrus'),
    suiConfig,
    cleanup: () => rmSync(cwd, { recursive: true, force: true }),
  };
}

describe('bad inputs', () => {
  it('the table has at least 70 rows across every command', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(70);
    // Every error says what to do.
    expect(BAD_INPUTS.filter((row) => row.hint.trim() === '').map((row) => displayInput(row))).toEqual([]);
    const topics = new Set(BAD_INPUTS.map((row) => row.args[0]));
    for (const topic of ['dev', 'epoch', 'node', 'blob', 'stake', 'account', 'config'])
      expect(topics).toContain(topic);
  });

  it.each(BAD_INPUTS.map((row) => [displayInput(row), row] as const))(
    '%s',
    async (_name, row) => {
      const args = [...argsOf(row), '--json'];
      const project: Project =
        row.where === 'devnet'
          ? { cwd: f.devnetProject, home: f.devnetHome, suiConfig: f.suiConfig, cleanup: () => undefined }
          : noDevnetProject(row);
      try {
        const filesBefore = snapshot(project.cwd);
        const chainBefore = row.where === 'devnet' ? await chainState() : '';
        const result = runWalrus(project.cwd, args, {
          env: { WALRUS_HOME: project.home, SUI_CONFIG_DIR: project.suiConfig },
        });
        const output = result.stdout + result.stderr;
        if (process.env.BAD_INPUTS_DUMP) console.log(JSON.stringify({ args: row.args, output }));
        expect(result.code, output).toBe(row.exit);
        expect(output).not.toMatch(/^\s+at /m);
        expect(output).not.toMatch(/looks like a bug/i);
        const { error } = result.json();
        expect(error, result.stdout).toBeDefined();
        expect(error!.code).toBe(row.code);
        expect(matchesTemplate(row.message, error!.message), `message: ${error!.message}`).toBe(true);
        expect(matchesTemplate(row.hint, error!.hint ?? ''), `hint: ${error!.hint}`).toBe(true);
        expect(snapshot(project.cwd)).toEqual(filesBefore);
        if (row.where === 'devnet') expect(await chainState()).toBe(chainBefore);
      } finally {
        project.cleanup();
      }
    },
    60_000,
  );
});
