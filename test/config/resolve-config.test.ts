import { MAINNET_WALRUS_PACKAGE_CONFIG, TESTNET_WALRUS_PACKAGE_CONFIG } from '@mysten/walrus';
import { describe, expect, it } from 'vitest';
import { PUBLIC_NETWORKS } from '../../src/config/defaults.js';
import { defineConfig } from '../../src/config/define-config.js';
import { loadConfig, resolveConfig, resolveNetwork, suiToMist } from '../../src/config/resolve-config.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { UserError } from '../../src/errors/user-error.js';
import { expectUserError, thrownBy } from '../user-error.js';

const ROOT = '/projects/app';

describe('resolveConfig', () => {
  it('fills every default', () => {
    const config = resolveConfig({}, { projectRoot: ROOT });
    expect(config).toEqual({
      projectRoot: ROOT,
      configFile: undefined,
      source: 'defaults',
      defaultNetwork: 'devnet',
      explicitKeys: [],
      devnet: {
        nodes: 11,
        shards: 100,
        epochDurationMs: 3_600_000,
        accounts: { count: 10, balanceMist: 10_000_000_000_000n },
        ports: { rpc: 9000, faucet: 9123, admin: 9180, storageNodeBase: 9200, daemon: 31415, relay: 57391 },
        stateDir: '/projects/app/.walrus/devnet',
      },
      networks: {
        devnet: {
          name: 'devnet',
          builtIn: true,
          local: true,
          rpcUrl: 'http://127.0.0.1:9000',
          systemObjectId: undefined,
          stakingObjectId: undefined,
        },
        testnet: { name: 'testnet', builtIn: true, local: false, ...PUBLIC_NETWORKS.testnet },
        mainnet: { name: 'mainnet', builtIn: true, local: false, ...PUBLIC_NETWORKS.mainnet },
      },
    });
  });

  it('treats undefined and null (an empty file) as an empty config', () => {
    expect(resolveConfig(undefined, { projectRoot: ROOT }).devnet.nodes).toBe(11);
    expect(resolveConfig(null, { projectRoot: ROOT }).devnet.nodes).toBe(11);
  });

  it('applies the config over the defaults', () => {
    const config = resolveConfig(
      defineConfig({
        defaultNetwork: 'staging',
        devnet: {
          nodes: 7,
          epochDuration: '1m30s',
          accounts: 3,
          ports: { rpc: 9100 },
          stateDir: '/var/walrus',
        },
        networks: {
          testnet: { rpcUrl: 'https://my-testnet-node.example:443' },
          staging: { rpcUrl: 'http://10.0.0.1:9000', systemObjectId: '0x5' },
        },
      }),
      { projectRoot: ROOT, file: `${ROOT}/walrus.config.ts`, source: 'file' },
    );
    expect(config.source).toBe('file');
    expect(config.configFile).toBe(`${ROOT}/walrus.config.ts`);
    expect(config.defaultNetwork).toBe('staging');
    expect(config.devnet).toMatchObject({
      nodes: 7,
      shards: 100,
      epochDurationMs: 90_000,
      accounts: { count: 3, balanceMist: 10_000_000_000_000n },
      ports: { rpc: 9100, faucet: 9123, admin: 9180, storageNodeBase: 9200, daemon: 31415, relay: 57391 },
      stateDir: '/var/walrus',
    });
    // The local devnet follows the configured RPC port.
    expect(config.networks.devnet?.rpcUrl).toBe('http://127.0.0.1:9100');
    // A partial override keeps the built-in object ids.
    expect(config.networks.testnet).toEqual({
      ...PUBLIC_NETWORKS.testnet,
      name: 'testnet',
      builtIn: true,
      local: false,
      rpcUrl: 'https://my-testnet-node.example:443',
    });
    expect(config.networks.staging).toEqual({
      name: 'staging',
      builtIn: false,
      local: false,
      rpcUrl: 'http://10.0.0.1:9000',
      systemObjectId: `0x${'0'.repeat(63)}5`,
      stakingObjectId: undefined,
    });
    expect(Object.keys(config.networks)).toEqual(['devnet', 'testnet', 'mainnet', 'staging']);
  });

  it('resolves a relative stateDir against the project root', () => {
    const config = resolveConfig({ devnet: { stateDir: '../state' } }, { projectRoot: ROOT });
    expect(config.devnet.stateDir).toBe('/projects/state');
  });

  it('keeps the default state with its walrus home, and a configured stateDir with the project', () => {
    const inHome = resolveConfig({}, { projectRoot: ROOT, home: '/homes/a' });
    expect(inHome.devnet.stateDir).toBe('/homes/a/devnet');
    const other = resolveConfig({}, { projectRoot: ROOT, home: '/homes/b' });
    expect(other.devnet.stateDir).not.toBe(inHome.devnet.stateDir);
    const configured = resolveConfig(
      { devnet: { stateDir: 'state' } },
      { projectRoot: ROOT, home: '/homes/a' },
    );
    expect(configured.devnet.stateDir).toBe('/projects/app/state');
  });

  it('reads the walrus home from $WALRUS_HOME when the context names none', () => {
    const saved = process.env.WALRUS_HOME;
    process.env.WALRUS_HOME = '/homes/env';
    try {
      expect(resolveConfig({}, { projectRoot: ROOT }).devnet.stateDir).toBe('/homes/env/devnet');
    } finally {
      if (saved === undefined) delete process.env.WALRUS_HOME;
      else process.env.WALRUS_HOME = saved;
    }
  });

  it('converts balances in SUI to MIST exactly', () => {
    const balanceOf = (balance: number | string) =>
      resolveConfig({ devnet: { accounts: { balance } } }, { projectRoot: ROOT }).devnet.accounts.balanceMist;
    expect(balanceOf(0)).toBe(0n);
    expect(balanceOf('0.000000001')).toBe(1n);
    expect(balanceOf(0.1)).toBe(100_000_000n);
    expect(balanceOf('1000000000')).toBe(1_000_000_000_000_000_000n);
    expect(suiToMist('12.5')).toBe(12_500_000_000n);
  });

  it('throws a ConfigError naming the file', () => {
    const resolve = () =>
      resolveConfig({ devnet: { nodes: 'four' } }, { projectRoot: ROOT, file: '/a/walrus.config.ts' });
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(
      'Invalid config in /a/walrus.config.ts: devnet.nodes must be an integer between 1 and 64 (got "four")',
    );
  });
});

describe('resolveNetwork', () => {
  const config = resolveConfig(
    { networks: { staging: { rpcUrl: 'http://127.0.0.1:1' } } },
    { projectRoot: ROOT },
  );

  it('returns the default network, or the named one', () => {
    expect(resolveNetwork(config).name).toBe('devnet');
    expect(resolveNetwork(config, 'mainnet').rpcUrl).toBe('https://fullnode.mainnet.sui.io:443');
    expect(resolveNetwork(config, 'staging').builtIn).toBe(false);
  });

  it('rejects an unknown name with the known ones and a suggestion', () => {
    const error = thrownBy(() => resolveNetwork(config, 'stagin'));
    expect(error).toBeInstanceOf(UserError);
    expectUserError(error, {
      code: 'UNKNOWN_NETWORK',
      message: 'Unknown network "stagin" (did you mean "staging"?).',
      hint: 'Known networks: devnet, testnet, mainnet, staging. Add others under networks.<name> in walrus.config.ts.',
    });
  });

  it('does not treat Object.prototype keys as networks', () => {
    expect(() => resolveNetwork(config, 'constructor')).toThrow(/Unknown network "constructor"/);
  });
});

describe('loadConfig', () => {
  it('uses an inline config as is', async () => {
    const config = await loadConfig({ cwd: ROOT, config: { devnet: { nodes: 2 } } });
    expect(config).toMatchObject({
      source: 'inline',
      projectRoot: ROOT,
      configFile: undefined,
      devnet: { nodes: 2 },
    });
  });
});

describe('built-in public networks', () => {
  it('match the object ids shipped in @mysten/walrus', () => {
    expect(PUBLIC_NETWORKS.testnet.systemObjectId).toBe(TESTNET_WALRUS_PACKAGE_CONFIG.systemObjectId);
    expect(PUBLIC_NETWORKS.testnet.stakingObjectId).toBe(TESTNET_WALRUS_PACKAGE_CONFIG.stakingPoolId);
    expect(PUBLIC_NETWORKS.mainnet.systemObjectId).toBe(MAINNET_WALRUS_PACKAGE_CONFIG.systemObjectId);
    expect(PUBLIC_NETWORKS.mainnet.stakingObjectId).toBe(MAINNET_WALRUS_PACKAGE_CONFIG.stakingPoolId);
  });
});

describe('daemon and relay ports', () => {
  it('default to 31415 and 57391, and to free ports (0) on a devnet whose rpc port is 0 unless set', () => {
    const ctx = { projectRoot: ROOT };
    expect(resolveConfig({}, ctx).devnet.ports).toMatchObject({ daemon: 31415, relay: 57391 });
    expect(resolveConfig({ devnet: { ports: { rpc: 0 } } }, ctx).devnet.ports).toMatchObject({
      daemon: 0,
      relay: 0,
    });
    expect(resolveConfig({ devnet: { ports: { rpc: 0, daemon: 8080 } } }, ctx).devnet.ports).toMatchObject({
      daemon: 8080,
      relay: 0,
    });
  });
});
