/**
 * `walrus dev up --detach`, `dev status`, `dev down` through the built binary, in a scratch project whose
 * config points the devnet at free ports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, RUN, runWalrus } from './devnet-project.js';

let project: string;
const walrus = (...args: string[]) => runWalrus(project, args);

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'walrus-dev-e2e-'));
  const [rpc, faucet, admin] = [await freePort(), await freePort(), await freePort()];
  writeFileSync(
    join(project, 'walrus.config.json'),
    JSON.stringify({
      devnet: {
        accounts: { count: 2 },
        epochDuration: '1h',
        ports: { rpc, faucet, admin, storageNodeBase: 0 },
      },
    }),
  );
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
        env: { ...process.env, WALRUS_HOME: '' },
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
