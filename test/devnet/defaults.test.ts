/**
 * One source of defaults: the CLI's config (src/config/defaults.ts, resolved by `resolveConfig`) and
 * `startDevnet`/`startLedger` (devnet/defaults.ts) start the same devnet when nothing is asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVNET_DEFAULTS, DEVNET_LIMITS, type Devnet, startDevnet } from '../../devnet/index.js';
import Up from '../../src/commands/dev/up.js';
import { DEFAULTS, LIMITS } from '../../src/config/defaults.js';
import { parseDuration } from '../../src/config/duration.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { validateConfig } from '../../src/config/validate.js';

const cli = resolveConfig({}, { projectRoot: '/projects/app' }).devnet;

describe('the CLI and startDevnet share their defaults', () => {
  it('the resolved config holds the devnet defaults', () => {
    expect({
      nodes: cli.nodes,
      shards: cli.shards,
      epochDurationMs: cli.epochDurationMs,
      accounts: cli.accounts.count,
      accountBalanceMist: cli.accounts.balanceMist,
      ports: {
        rpc: cli.ports.rpc,
        faucet: cli.ports.faucet,
        admin: cli.ports.admin,
        storageNodeBase: cli.ports.storageNodeBase,
      },
    }).toEqual({
      nodes: DEVNET_DEFAULTS.nodes,
      shards: DEVNET_DEFAULTS.shards,
      epochDurationMs: DEVNET_DEFAULTS.epochDurationMs,
      accounts: DEVNET_DEFAULTS.accounts,
      accountBalanceMist: DEVNET_DEFAULTS.accountBalanceMist,
      ports: DEVNET_DEFAULTS.ports,
    });
  });

  it('`config show` prints the epoch default startDevnet uses (an hour)', () => {
    expect(parseDuration(DEFAULTS.devnet.epochDuration)).toBe(DEVNET_DEFAULTS.epochDurationMs);
    expect(DEVNET_DEFAULTS.epochDurationMs).toBe(3_600_000);
  });

  it('`dev up --accounts`, the config and the devnet accept the same account counts (1 to 1000)', () => {
    const flag = Up.flags.accounts as { min?: number; max?: number };
    expect({ min: flag.min, max: flag.max }).toEqual(DEVNET_LIMITS.accounts);
    expect(LIMITS.accounts).toEqual(DEVNET_LIMITS.accounts);
    expect(() => validateConfig({ devnet: { accounts: 1000 } }, '/x/walrus.config.ts')).not.toThrow();
    expect(() => validateConfig({ devnet: { accounts: 1001 } }, '/x/walrus.config.ts')).toThrow(
      /between 1 and 1000/,
    );
  });

  it('`dev up --nodes/--shards` take the devnet limits', () => {
    const nodes = Up.flags.nodes as { min?: number; max?: number };
    const shards = Up.flags.shards as { min?: number; max?: number };
    expect({ min: nodes.min, max: nodes.max }).toEqual(DEVNET_LIMITS.nodes);
    expect({ min: shards.min, max: shards.max }).toEqual(DEVNET_LIMITS.shards);
  });
});

describe('startDevnet without options for genesis', () => {
  let devnet: Devnet;
  beforeAll(async () => {
    // Only the topology (kept small) and the ports (any free one) are given; everything else is defaulted.
    devnet = await startDevnet({
      nodes: 1,
      shards: 4,
      autoEpochs: false,
      ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
    });
  }, 120_000);
  afterAll(() => devnet?.stop());

  it('uses the epoch length and accounts of the CLI config', () => {
    expect(devnet.descriptor.epochDurationMs).toBe(cli.epochDurationMs);
    expect(devnet.descriptor.accounts).toHaveLength(cli.accounts.count);
    for (const account of devnet.descriptor.accounts)
      expect(account.balance).toBe(cli.accounts.balanceMist.toString());
  });
});
