import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_PORTS, assertFreshBuild, runWalrus } from './devnet-project.js';

let project: string;
let suiConfig: string;

const walrus = (args: string[], input?: string) =>
  runWalrus(project, args, { ...(input !== undefined ? { input } : {}), env: { SUI_CONFIG_DIR: suiConfig } });

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'walrus-account-e2e-'));
  suiConfig = mkdtempSync(join(tmpdir(), 'walrus-sui-config-'));
  assertFreshBuild();
  writeFileSync(
    join(project, 'walrus.config.json'),
    JSON.stringify({
      devnet: {
        accounts: { count: 2, balance: 5 },
        epochDuration: '1h',
        ports: ANY_PORTS,
      },
    }),
  );
  expect(walrus(['dev', 'up', '--detach']).code).toBe(0);
});
afterAll(() => {
  walrus(['dev', 'down']);
  rmSync(project, { recursive: true, force: true });
  rmSync(suiConfig, { recursive: true, force: true });
});

describe('walrus account', () => {
  it('lists the devnet accounts with balances and marks the active one', () => {
    const list = JSON.parse(walrus(['account', 'list', '--json']).stdout);
    expect(list.accounts).toHaveLength(2);
    expect(list.accounts[0]).toMatchObject({ index: 0, active: true, sui: '5000000000', source: 'devnet' });
  });

  it('switches the signing account', () => {
    expect(JSON.parse(walrus(['account', 'use', '1', '--json']).stdout).source).toBe('devnet');
    const list = JSON.parse(walrus(['account', 'list', '--json']).stdout);
    expect(list.accounts.find((a: { active: boolean }) => a.active).index).toBe(1);
    const unknown = walrus(['account', 'use', '7', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error.message).toMatch(/No key for account "7"/);
  });

  it('imports a key from stdin, stores it privately and funds it from the faucet', () => {
    const key = Ed25519Keypair.generate();
    const imported = walrus(['account', 'import', '--stdin', '--json'], key.getSecretKey());
    expect(JSON.parse(imported.stdout).imported).toEqual([key.toSuiAddress()]);
    expect(imported.stdout).not.toContain('suiprivkey');
    expect(statSync(join(project, '.walrus', 'accounts.json')).mode & 0o777).toBe(0o600);
    const funded = walrus(['account', 'fund', key.toSuiAddress(), '--times', '2', '--json']);
    expect(JSON.parse(funded.stdout).coins).toHaveLength(2);
    const list = JSON.parse(walrus(['account', 'list', '--json']).stdout);
    expect(list.accounts.find((a: { address: string }) => a.address === key.toSuiAddress())).toMatchObject({
      source: 'imported',
      sui: '200000000000',
    });
    const bad = walrus(['account', 'import', 'not-a-key']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Not a Sui private key/);
  });
});
