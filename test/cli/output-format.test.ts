import { describe, expect, it } from 'vitest';
import type { NodeReport } from '../../devnet/devnet-controls.js';
import { describeNodeAction } from '../../src/cli/node-action-command.js';
import { formatDescriptor } from '../../src/dev/format-descriptor.js';
import { alignColumns } from '../../src/ui/columns.js';

describe('alignColumns', () => {
  it('pads columns, right-aligns the ones asked, and trims line ends', () => {
    expect(
      alignColumns(
        [
          ['A', 'AMOUNT', 'X'],
          ['long', '5', ''],
          ['b', '1,000', 'y'],
        ],
        [1],
      ),
    ).toEqual(['A     AMOUNT  X', 'long       5', 'b      1,000  y']);
  });
});

describe('describeNodeAction', () => {
  const report = { index: 1, name: 'node-1', status: 'started' } as NodeReport;
  it('says what wipe, corrupt and heal did instead of "started"', () => {
    expect(describeNodeAction('wipe', report)).toMatch(/^node-1 wiped: .* recovers them from its peers/);
    expect(describeNodeAction('corrupt', report)).toMatch(/walrus node heal 1/);
    expect(describeNodeAction('heal', report)).toBe('node-1 healed: no faults (node started).');
  });
});

describe('formatDescriptor', () => {
  it('shows the balances given instead of the genesis ones', () => {
    const descriptor = {
      rpcUrl: 'r',
      faucetUrl: 'f',
      adminUrl: 'a',
      chainId: 'c',
      stateDir: 's',
      pid: 1,
      accounts: [{ index: 0, address: '0xa', secretKey: 'k', balance: '10000000000000' }],
    } as unknown as Parameters<typeof formatDescriptor>[0];
    const now = new Map([['0xa', { sui: '9000000000000', wal: '1500000000' }]]);
    expect(formatDescriptor(descriptor, { keys: false, balances: now })).toContain(
      '(0) 0xa  9,000 SUI  1.5 WAL',
    );
    expect(formatDescriptor(descriptor, { keys: false })).toContain('(0) 0xa  10,000 SUI');
  });
});
