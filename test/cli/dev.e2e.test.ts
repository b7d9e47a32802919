/**
 * `walrus dev up --detach`, `dev status`, `dev down` through the built binary, in scratch projects whose devnets
 * bind port 0 (the tests read the ports from the descriptor).
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, devnetProject, RUN, runWalrus, walrusEnv } from './devnet-project.js';

let project: string;
const walrus = (...args: string[]) => runWalrus(project, args);

beforeAll(() => {
  assertFreshBuild();
  // Two nodes: these tests are about starting and stopping, which the topology does not change (the default
  // topology is under test in blob-read-faults.e2e and devnet/faults); each of the five starts boots less.
  project = devnetProject('walrus-dev-e2e-', {
    nodes: 2,
    shards: 8,
    accounts: { count: 2 },
    epochDuration: '1h',
  });
});
afterAll(() => {
  walrus('dev', 'down');
  rmSync(project, { recursive: true, force: true });
});

describe('walrus dev', () => {
  it('reports no devnet before one is started', () => {
    const status = walrus('dev', 'status', '--json');
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout).error.code).toBe('DEVNET_NOT_RUNNING');
  });

  it('starts in the background, serves the SDK, refuses a second start and stops', async () => {
    const up = walrus('dev', 'up', '--detach', '--json');
    expect(up.code, up.stderr).toBe(0);
    const descriptor = JSON.parse(up.stdout);
    expect(descriptor.accounts).toHaveLength(2);
    expect(descriptor.accounts[0].secretKey).toMatch(/^suiprivkey1/);
    const onDisk = JSON.parse(readFileSync(join(project, '.walrus', 'devnet.json'), 'utf8'));
    expect(onDisk).toEqual(descriptor);

    const client = new SuiGrpcClient({ network: 'localnet', baseUrl: descriptor.rpcUrl });
    expect((await client.core.getChainIdentifier()).chainIdentifier).toBe(descriptor.chainId);
    const balance = await client.core.getBalance({ owner: descriptor.accounts[0].address });
    expect(balance.balance.balance).toBe(descriptor.accounts[0].balance);

    const again = walrus('dev', 'up', '--detach');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already running/);

    const status = walrus('dev', 'status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).chain.epoch).toBe('0');

    const down = walrus('dev', 'down', '--json');
    expect(down.code).toBe(0);
    expect(JSON.parse(down.stdout)).toEqual({ stopped: true, pid: descriptor.pid });
    expect(existsSync(join(project, '.walrus', 'devnet.json'))).toBe(false);
  });

  it('keeps state across down and up, and --fresh starts a new genesis', () => {
    const first = JSON.parse(walrus('dev', 'up', '--detach', '--json').stdout);
    walrus('dev', 'down');
    const second = JSON.parse(walrus('dev', 'up', '--detach', '--json').stdout);
    expect(second.chainId).toBe(first.chainId);
    walrus('dev', 'down');
    const fresh = JSON.parse(walrus('dev', 'up', '--detach', '--fresh', '--json').stdout);
    expect(fresh.chainId).not.toBe(first.chainId);
    expect(walrus('dev', 'down').code).toBe(0);
  });
});

describe('walrus dev logs and reset', () => {
  it('logs transactions without secrets, and reset refuses while running then deletes the state', async () => {
    const descriptor = JSON.parse(walrus('dev', 'up', '--detach', '--json').stdout);
    const { requestSuiFromFaucetV2 } = await import('@mysten/sui/faucet');
    await requestSuiFromFaucetV2({ host: descriptor.faucetUrl, recipient: descriptor.accounts[1].address });
    const logs = walrus('dev', 'logs', '--json');
    const lines: string[] = JSON.parse(logs.stdout).lines;
    expect(lines.some((l) => l.includes('devnet ready'))).toBe(true);
    expect(lines.some((l) => / tx \S+ ok gas=/.test(l))).toBe(true);
    expect(readFileSync(join(project, '.walrus', 'devnet.log'), 'utf8')).not.toContain('suiprivkey');
    expect(walrus('dev', 'reset').code).toBe(1);
    walrus('dev', 'down');
    const notState = mkdtempSync(join(tmpdir(), 'walrus-not-state-'));
    writeFileSync(join(notState, 'notes.txt'), 'mine');
    const refused = walrus('dev', 'reset', '--state-dir', notState, '--json');
    expect(refused.json().error?.message).toContain('does not hold a devnet state');
    expect(readFileSync(join(notState, 'notes.txt'), 'utf8')).toBe('mine');
    rmSync(notState, { recursive: true, force: true });
    const reset = walrus('dev', 'reset', '--json');
    expect(reset.code).toBe(0);
    expect(existsSync(JSON.parse(reset.stdout).deleted)).toBe(false);
  });
});

describe('walrus dev up with a taken port', () => {
  it('exits 1 naming the port and what to do, and leaves no descriptor', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'walrus-port-e2e-'));
    writeFileSync(
      join(dir, 'walrus.config.json'),
      JSON.stringify({ devnet: { ports: { rpc: taken, faucet: 0, admin: 0, storageNodeBase: 0 } } }),
    );
    try {
      const result = spawnSync(process.execPath, [RUN, 'dev', 'up', '--json'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: walrusEnv(),
      });
      expect(result.status).toBe(1);
      const { error } = JSON.parse(result.stdout);
      expect(error.code).toBe('PORT_IN_USE');
      expect(error.message).toContain(`Port ${taken} (RPC) is already in use`);
      expect(error.hint).toMatch(/--port|devnet\.ports/);
      expect(existsSync(join(dir, '.walrus', 'devnet.json'))).toBe(false);
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A port held by this process for the duration of `use`. */
async function withTakenPort<T>(use: (port: number) => T | Promise<T>): Promise<T> {
  const blocker = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => blocker.once('listening', resolve));
  try {
    return await use((blocker.address() as { port: number }).port);
  } finally {
    blocker.close();
  }
}

describe('walrus dev up --detach with a taken port', () => {
  it("prints this run's cause first, never an earlier run's log lines", async () => {
    const dir = devnetProject('walrus-detach-fail-e2e-');
    mkdirSync(join(dir, '.walrus'));
    appendFileSync(join(dir, '.walrus', 'devnet.log'), 'Error: a stale failure of an earlier run\n');
    try {
      await withTakenPort((taken) => {
        const human = runWalrus(dir, ['dev', 'up', '--detach', '--port', String(taken)]);
        expect(human.code).toBe(1);
        expect(human.stderr.trimStart()).toMatch(
          new RegExp(`^Error: Port ${taken} \\(RPC\\) is already in use`),
        );
        expect(human.stderr).not.toContain('stale failure');
        const json = runWalrus(dir, ['dev', 'up', '--detach', '--port', String(taken), '--json']).json();
        expect(json.error?.code).toBe('PORT_IN_USE');
        expect(json.error?.hint).toContain('devnet.log');
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('walrus dev up on an existing state', () => {
  let dir: string;
  const up = (...args: string[]) => runWalrus(dir, ['dev', 'up', '--detach', '--json', ...args]);
  const down = () => expect(runWalrus(dir, ['dev', 'down']).code).toBe(0);
  const stateFile = () => readFileSync(join(dir, '.walrus', 'devnet', 'walrus.json'), 'utf8');
  beforeAll(() => {
    dir = devnetProject('walrus-state-e2e-', { accounts: { count: 1 }, epochDuration: '1h' });
  });
  afterAll(() => {
    runWalrus(dir, ['dev', 'down']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses settings the state fixed, naming them and --fresh; applies a new epoch length', () => {
    const first = up('--nodes', '2', '--shards', '8');
    expect(first.code, first.stderr).toBe(0);
    const created = first.json();
    expect(created.nodes).toHaveLength(2);
    down();
    const state = stateFile();

    const refused = up('--nodes', '3', '--shards', '9');
    expect(refused.code).toBe(1);
    const { error } = refused.json();
    expect(error?.code).toBe('DEVNET_STATE_MISMATCH');
    expect(error?.message).toContain('2 nodes, 8 shards');
    expect(error?.message).toContain('--nodes 3, --shards 9');
    expect(error?.hint).toContain('walrus dev up --fresh');
    expect(stateFile()).toBe(state);

    const resumed = up('--epoch-duration', '2h');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.json()).toMatchObject({ chainId: created.chainId, epochDurationMs: 7_200_000 });
    expect(resumed.json().nodes).toHaveLength(2);
    down();
  });

  it('refuses fewer shards than nodes before touching anything, even with --fresh', () => {
    const state = stateFile();
    const refused = up('--fresh', '--nodes', '10', '--shards', '5');
    expect(refused.code).toBe(1);
    expect(refused.json().error?.message).toMatch(/--shards 5 is fewer than --nodes 10/);
    expect(stateFile()).toBe(state);
  });

  it('--fresh keeps the old state until the new one is ready', async () => {
    const { chainId } = up().json();
    down();
    await withTakenPort((taken) => {
      const failed = up('--fresh', '--port', String(taken));
      expect(failed.json().error?.code).toBe('PORT_IN_USE');
    });
    const again = up();
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().chainId).toBe(chainId);
    down();
  });
});

describe('walrus dev up with WALRUS_HOME', () => {
  it('keeps each home its own state, so two devnets run from one directory', () => {
    const dir = devnetProject('walrus-homes-e2e-', {
      nodes: 1,
      shards: 4,
      accounts: { count: 1 },
      epochDuration: '1h',
    });
    const homes = [join(dir, 'home-a'), join(dir, 'home-b')];
    const inHome = (home: string, ...args: string[]) => runWalrus(dir, args, { env: { WALRUS_HOME: home } });
    try {
      const [a, b] = homes.map((home) => {
        const started = inHome(home, 'dev', 'up', '--detach', '--json');
        expect(started.code, started.stderr).toBe(0);
        return started.json();
      });
      expect(a!.stateDir).toBe(join(homes[0]!, 'devnet'));
      expect(b!.stateDir).toBe(join(homes[1]!, 'devnet'));
      expect(a!.chainId).not.toBe(b!.chainId);
      expect(existsSync(join(dir, '.walrus'))).toBe(false);
    } finally {
      for (const home of homes) inHome(home, 'dev', 'down');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
