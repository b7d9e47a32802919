/**
 * What the commands print for people and in --json (issue #9 items 16 and 17), through the built binary against a
 * devnet with the default epoch length: blob store's default epochs and expiry time, blob status's until-when and
 * camelCase JSON, headers and aligned columns, node actions in words, dev status's Walrus epoch and live balances,
 * config show's ports in use, and the log's gas figures.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWalrus, type WalrusResult } from './devnet-project.js';

let project: string;
let descriptor: { rpcUrl: string; faucetUrl: string; adminUrl: string; accounts: Array<{ address: string }> };
const walrus = (...args: string[]): WalrusResult =>
  runWalrus(project, args, {
    env: { WALRUS_HOME: join(project, 'home'), SUI_CONFIG_DIR: join(project, 'sui') },
  });
const ok = (result: WalrusResult) => {
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return result;
};
const portOf = (url: string) => Number(new URL(url).port);

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'walrus-output-e2e-'));
  // No epochDuration: the default is under test.
  writeFileSync(
    join(project, 'walrus.config.json'),
    JSON.stringify({
      devnet: {
        nodes: 4,
        shards: 100,
        accounts: { count: 2 },
        ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
      },
    }),
  );
  writeFileSync(join(project, 'a.txt'), 'output test');
  descriptor = ok(walrus('dev', 'up', '--detach', '--json')).json() as unknown as typeof descriptor;
}, 120_000);

// Registered apart from the setup, so a devnet started by a setup that then fails is stopped too.
afterAll(() => {
  walrus('dev', 'down');
  rmSync(project, { recursive: true, force: true });
});

describe('blob store, status and list', () => {
  let blobId: string;
  let endEpoch: number;

  it('stores for 2 epochs of an hour by default and says until when, as a time', () => {
    expect(ok(walrus('epoch', 'info', '--json')).json()).toMatchObject({ epochDurationMs: 3_600_000 });
    const before = Date.now();
    const stored = ok(walrus('blob', 'store', 'a.txt', '--json')).json().blobs as Array<{
      blobId: string;
      epochs: number;
      endEpoch: number;
      expiresAt: string;
    }>;
    expect(stored[0]!.epochs).toBe(2);
    ({ blobId, endEpoch } = stored[0]!);
    // The end epoch starts at least one full epoch from now, whenever in its epoch the blob was stored.
    expect(Date.parse(stored[0]!.expiresAt)).toBeGreaterThan(before + 3_600_000 - 60_000);
    const human = ok(walrus('blob', 'store', 'a.txt'));
    expect(human.stdout).toMatch(/stored until epoch \d+, about \d{4}-\d\d-\d\d \d\d:\d\d UTC \(deletable\)/);
  });

  it('blob status says until when, and its JSON is camelCase', () => {
    const json = ok(walrus('blob', 'status', blobId, '--json'));
    expect(json.stdout).not.toMatch(/"[a-z]+_[a-z_]+":/);
    expect(json.json()).toMatchObject({
      status: { type: 'deletable', deletableCounts: { total: 2, certified: 2 } },
      objects: [{ endEpoch, deletable: true }, { deletable: true }],
    });
    const human = ok(walrus('blob', 'status', blobId));
    expect(human.stdout).toMatch(
      new RegExp(`until epoch ${endEpoch} \\(about \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)`),
    );
  });

  it('blob list has a header and aligned columns', () => {
    const lines = ok(walrus('blob', 'list')).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^BLOB ID\s+OBJECT ID\s+SIZE\s+STATUS\s+END EPOCH\s+KIND$/);
    expect(lines).toHaveLength(3);
    const objectColumn = lines[0]!.indexOf('OBJECT ID');
    for (const line of lines.slice(1)) expect(line.indexOf('0x')).toBe(objectColumn);
  });
});

describe('accounts, devnet status and config', () => {
  it('account list has a header and its columns line up', () => {
    const lines = ok(walrus('account', 'list')).stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ACCOUNT\s+ADDRESS\s+SUI\s+WAL$/);
    const addressColumn = lines[0]!.indexOf('ADDRESS');
    for (const line of lines.slice(1)) expect(line.indexOf('0x')).toBe(addressColumn);
    // Amounts are right-aligned: every row ends at the same column.
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('dev status shows the Walrus epoch and what the accounts hold now', () => {
    const json = ok(walrus('dev', 'status', '--json')).json() as {
      chain: { epoch: string; walrusEpoch: number };
      balances: Array<{ address: string; wal: string }>;
    };
    expect(json.chain.walrusEpoch).toBeGreaterThanOrEqual(1);
    // Account 0 paid for the blobs above: its WAL is below the genesis 1,000 WAL.
    expect(BigInt(json.balances[0]!.wal)).toBeLessThan(1_000_000_000_000n);
    const human = ok(walrus('dev', 'status')).stdout;
    expect(human).toContain(`Walrus epoch ${json.chain.walrusEpoch}, Sui epoch ${json.chain.epoch}`);
    expect(human).not.toMatch(/\(0\) 0x\S+ {2}10,000 SUI/);
  });

  it('config show prints the ports in use, not port 0', () => {
    const human = ok(walrus('config', 'show')).stdout;
    expect(human).toContain(`devnet (${descriptor.rpcUrl})`);
    expect(human).toContain(
      `in use: rpc ${portOf(descriptor.rpcUrl)}, faucet ${portOf(descriptor.faucetUrl)}, admin ${portOf(descriptor.adminUrl)}`,
    );
    expect(human).not.toContain('127.0.0.1:0');
    const json = ok(walrus('config', 'show', '--json')).json() as {
      running: { ports: { storageNodes: number[] } };
    };
    expect(json.running.ports.storageNodes).toHaveLength(4);
  });
});

describe('node actions and the log', () => {
  it('say what each action did', () => {
    expect(ok(walrus('node', 'wipe', '1')).stdout).toMatch(/^node-1 wiped: .*recovers them from its peers/);
    expect(ok(walrus('node', 'corrupt', '2')).stdout).toMatch(/^node-2 now serves corrupted slivers/);
    expect(ok(walrus('node', 'heal', '2')).stdout).toMatch(/^node-2 healed: no faults/);
    expect(ok(walrus('node', 'stop', '3')).stdout).toMatch(/^node-3 stopped/);
    expect(ok(walrus('node', 'start', '3')).stdout).toMatch(/^node-3 started/);
  });

  it('logs gas paid and rebate, never a negative gas figure', () => {
    const lines = ok(walrus('dev', 'logs', '--json')).json().lines as string[];
    const txs = lines.filter((line) => / tx \S+ /.test(line));
    expect(txs.length).toBeGreaterThan(0);
    for (const line of txs) expect(line).toMatch(/ gas=\d+ rebate=\d+/);
  });
});

/** The `walrus …` commands quoted in backticks in a hint, as argv. */
function pastedCommands(hint: string): string[][] {
  return [...hint.matchAll(/`walrus ([^`]+)`/g)].map((m) => m[1]!.split(' '));
}

describe('hints work when pasted (item 14)', () => {
  it('the not-enough-WAL hint funds exactly enough', () => {
    const refused = walrus('stake', 'add', '--node', '0', '--amount', '2000', '--json');
    expect(refused.code).toBe(1);
    const [fund] = pastedCommands(refused.json().error!.hint!);
    expect(fund).toEqual([
      'account',
      'fund',
      expect.stringMatching(/^0x/),
      '--wal',
      expect.stringMatching(/^\d+$/),
    ]);
    ok(walrus(...fund!));
    ok(walrus('stake', 'add', '--node', '0', '--amount', '2000', '--json'));
  });

  it('account import --keystore without a path reads the Sui CLI keystore', () => {
    const key = Ed25519Keypair.generate();
    mkdirSync(join(project, 'sui'), { recursive: true });
    writeFileSync(join(project, 'sui', 'sui.keystore'), JSON.stringify([key.getSecretKey()]));
    expect(ok(walrus('account', 'import', '--keystore', '--json')).json().imported).toEqual([
      key.toSuiAddress(),
    ]);
  });

  it('dev reset while running: the hinted commands stop the devnet and reset it', () => {
    const refused = walrus('dev', 'reset', '--json');
    expect(refused.code).toBe(1);
    const commands = pastedCommands(refused.json().error!.hint!);
    expect(commands.slice(0, 2)).toEqual([
      ['dev', 'down'],
      ['dev', 'reset'],
    ]);
    for (const command of commands.slice(0, 2)) ok(walrus(...command));
    // The alternative, `dev up --fresh`, works too once the devnet is down.
    expect(commands[2]).toEqual(['dev', 'up', '--fresh']);
    ok(walrus('dev', 'up', '--fresh', '--detach', '--json'));
  });
});
