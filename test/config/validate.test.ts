import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate.js';
import { ConfigError } from '../../src/errors/config-error.js';

const FILE = '/x/walrus.config.ts';

/** Runs validateConfig and returns the ConfigError it throws. */
function invalid(input: unknown): ConfigError {
  try {
    validateConfig(input, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected the config to be rejected');
}

describe('validateConfig', () => {
  it('accepts an empty config and a full one', () => {
    expect(validateConfig({}, FILE)).toEqual({});
    const full = validateConfig(
      {
        defaultNetwork: 'staging',
        devnet: {
          nodes: 8,
          shards: 200,
          epochDuration: '30s',
          accounts: { count: 5, balance: 250.5 },
          ports: { rpc: 9100, faucet: 9124, admin: 9181, storageNodeBase: 9300 },
          stateDir: 'tmp/devnet',
        },
        networks: {
          testnet: { rpcUrl: 'https://example.com:443' },
          staging: { rpcUrl: 'http://127.0.0.1:9999', systemObjectId: '0xABC', stakingObjectId: '0x2' },
        },
      },
      FILE,
    );
    expect(full.devnet?.epochDuration).toBe(30_000);
    expect(full.devnet?.accounts).toEqual({ count: 5, balance: '250.5' });
    expect(full.networks?.staging?.systemObjectId).toBe(`0x${'0'.repeat(61)}abc`);
  });

  it('names the key, the expected form and the value for a wrong type', () => {
    const error = invalid({ devnet: { nodes: 'four' } });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      'Invalid config in /x/walrus.config.ts: devnet.nodes must be an integer between 1 and 64 (got "four")',
    );
    expect(error.issues).toEqual([
      { path: 'devnet.nodes', message: 'devnet.nodes must be an integer between 1 and 64 (got "four")' },
    ]);
    expect(error.hint).toMatch(/walrus config show --help/);
  });

  it.each([
    [{ devnet: { nodes: 0 } }, 'devnet.nodes must be an integer between 1 and 64 (got 0)'],
    [{ devnet: { nodes: 65 } }, 'devnet.nodes must be an integer between 1 and 64 (got 65)'],
    [{ devnet: { nodes: 2.5 } }, 'devnet.nodes must be an integer between 1 and 64 (got 2.5)'],
    [{ devnet: { shards: 3 } }, 'devnet.shards must be an integer between 4 and 1000 (got 3)'],
    [{ devnet: { shards: 1001 } }, 'devnet.shards must be an integer between 4 and 1000 (got 1001)'],
    [{ devnet: 5 }, 'devnet must be an object (got 5)'],
    [{ devnet: [] }, 'devnet must be an object (got an array)'],
    [{ devnet: { epochDuration: '10 parsecs' } }, 'devnet.epochDuration must be a duration'],
    [{ devnet: { epochDuration: 50 } }, 'devnet.epochDuration must be a duration between 100ms and 24d'],
    [{ devnet: { epochDuration: '30d' } }, '(got "30d")'],
    [
      { devnet: { epochDuration: true } },
      'devnet.epochDuration must be a duration between 100ms and 24d: milliseconds, or a string like "30s" or "10m" (got true)',
    ],
    [
      { devnet: { accounts: '10' } },
      'devnet.accounts must be an integer between 1 and 1000 (the account count) or an object { count, balance } (got "10")',
    ],
    [
      { devnet: { accounts: { count: 0 } } },
      'devnet.accounts.count must be an integer between 1 and 1000 (got 0)',
    ],
    [{ devnet: { accounts: { balance: -1 } } }, 'devnet.accounts.balance must be an amount of SUI'],
    [{ devnet: { accounts: { balance: '1.0000000001' } } }, 'at most 9 decimals'],
    [
      { devnet: { ports: { rpc: 70000 } } },
      'devnet.ports.rpc must be a port number (an integer between 0 and 65535; 0 picks a free port) (got 70000)',
    ],
    [{ devnet: { stateDir: '' } }, 'devnet.stateDir must be a non-empty path (got "")'],
    [{ networks: { testnet: { rpcUrl: 'ftp://x' } } }, 'networks.testnet.rpcUrl must be an http(s) URL'],
    [
      { networks: { testnet: { systemObjectId: 'abc' } } },
      'networks.testnet.systemObjectId must be a Sui object id',
    ],
    [
      { networks: { 'my net': { rpcUrl: 'http://localhost:1' } } },
      'networks key "my net" must start with a letter',
    ],
    [{ defaultNetwork: 42 }, 'defaultNetwork must be a network name (got 42)'],
    [() => ({}), 'the config must be an object (export default defineConfig({ ... })) (got a function)'],
  ])('rejects %j', (input, expected) => {
    expect(invalid(input).message).toContain(expected);
  });

  it('reports an unknown key with a suggestion', () => {
    const error = invalid({ devnet: { node: 4 } });
    expect(error.message).toBe(
      'Invalid config in /x/walrus.config.ts: unknown key "devnet.node" (did you mean "devnet.nodes"?)',
    );
  });

  it('suggests at every depth, and lists the keys when nothing is close', () => {
    expect(invalid({ networkz: {} }).message).toContain('unknown key "networkz" (did you mean "networks"?)');
    expect(invalid({ devnet: { ports: { rcp: 1 } } }).message).toContain(
      '(did you mean "devnet.ports.rpc"?)',
    );
    expect(invalid({ devnet: { accounts: { ballance: 1 } } }).message).toContain(
      '(did you mean "devnet.accounts.balance"?)',
    );
    expect(invalid({ networks: { x: { rpcURL: 'http://a' } } }).message).toContain(
      'unknown key "networks.x.rpcURL" (did you mean "networks.x.rpcUrl"?)',
    );
    expect(invalid({ zzz: 1 }).message).toContain(
      'unknown key "zzz" (expected one of: defaultNetwork, devnet, networks)',
    );
  });

  it('lists every problem, one per line', () => {
    const error = invalid({ devnet: { nodes: 'four', node: 3, ports: { rpc: -1 } }, networkz: {} });
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'devnet.nodes',
      'devnet.ports.rpc',
      'devnet.node',
      'networkz',
    ]);
    expect(error.message.split('\n')).toEqual([
      'Invalid config in /x/walrus.config.ts:',
      '  - devnet.nodes must be an integer between 1 and 64 (got "four")',
      '  - devnet.ports.rpc must be a port number (an integer between 0 and 65535; 0 picks a free port) (got -1)',
      '  - unknown key "devnet.node" (did you mean "devnet.nodes"?)',
      '  - unknown key "networkz" (did you mean "networks"?)',
    ]);
  });

  it('checks rules that span keys', () => {
    expect(invalid({ devnet: { nodes: 8, shards: 4 } }).message).toContain(
      'devnet.shards must be at least devnet.nodes, so every node holds a shard (got 4 shards for 8 nodes)',
    );
    expect(invalid({ devnet: { ports: { faucet: 9000 } } }).message).toContain(
      'devnet.ports.faucet must differ from devnet.ports.rpc (both are 9000)',
    );
    expect(invalid({ devnet: { ports: { admin: 9201 } } }).message).toContain(
      'devnet.ports.admin must not fall in the storage node range 9200-9210 (got 9201)',
    );
    expect(invalid({ devnet: { nodes: 10, ports: { storageNodeBase: 65530 } } }).message).toContain(
      'devnet.ports.storageNodeBase must leave room for 10 storage node ports',
    );
    expect(invalid({ networks: { staging: {} } }).message).toContain(
      'networks.staging.rpcUrl is required for a custom network',
    );
    expect(invalid({ defaultNetwork: 'testnett' }).message).toContain(
      'defaultNetwork must name a known network: devnet, testnet, mainnet (got "testnett"; did you mean "testnet"?)',
    );
  });

  it('names no file for an inline config', () => {
    try {
      validateConfig({ devnet: { nodes: -1 } });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe(
        'Invalid config: devnet.nodes must be an integer between 1 and 64 (got -1)',
      );
    }
  });
});
