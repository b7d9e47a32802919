import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import type { DashboardState } from '../../src/dev/dashboard-state.js';
import { DashboardView } from '../../src/ui/dashboard/dashboard.js';

const state: DashboardState = {
  network: {
    rpcUrl: 'http://127.0.0.1:9000',
    faucetUrl: 'http://127.0.0.1:9123',
    adminUrl: 'http://127.0.0.1:9180',
    chainId: 'AbCdEfGh123',
  },
  epoch: { walrus: 3, nextEpochAtMs: 65_000, nowMs: 0, checkpoint: '42' },
  nodes: [
    {
      index: 0,
      name: 'node-0',
      url: 'http://127.0.0.1:9200',
      up: true,
      shards: 25,
      stake: '1000000000000',
      storedBytes: 5_242_880,
    },
    {
      index: 1,
      name: 'node-1',
      url: 'http://127.0.0.1:9201',
      up: false,
      shards: 25,
      stake: '1500000000',
      storedBytes: 0,
    },
  ],
  recentBlobs: [
    { blobId: 'M4hsZGQ1oCktdzegB6HnI1Mx0SC7J7xYyJ5KT4kY3y0', size: 2048, endEpoch: 8, certified: true },
  ],
  recentTransactions: [
    { digest: '5xYzAbCdEfGhIjKl', sender: '0x1234567890abcdef', ok: false, summary: 'MoveAbort' },
  ],
  accounts: [{ index: 0, address: '0xabc', sui: '10000000000000', wal: '2500000000' }],
  message: 'epoch advanced',
};

describe('dashboard view', () => {
  it('shows the epoch, nodes, blobs, transactions, accounts and keys', () => {
    const text = renderToString(<DashboardView state={state} />, { columns: 120 });
    expect(text).toContain('Walrus epoch 3');
    expect(text).toContain('next in 1m5s');
    expect(text).toMatch(/1\. ● up\s+node-0\s+25 shards · stake 1,000 WAL · 5\.0 MiB/);
    expect(text).toMatch(/2\. ○ down node-1/);
    expect(text).toContain('stake 1.5 WAL');
    expect(text).toContain('until epoch 8 · certified');
    expect(text).toContain('chain AbCdEfGh…');
    expect(text).not.toContain('AbCdEfGh…AbCdEfGh');
    expect(text).toContain('✗ 5xYzAbCd');
    expect(text).toContain('10,000 SUI · 2.5 WAL');
    expect(text).toContain('epoch advanced · keys: e advance epoch');
  });

  it('marks blobs past their end epoch as expired', () => {
    const later = { ...state, epoch: { ...state.epoch, walrus: 8 } };
    expect(renderToString(<DashboardView state={later} />, { columns: 120 })).toContain(
      'until epoch 8 · expired',
    );
  });

  it('says when there is nothing to show yet', () => {
    const empty = {
      ...state,
      nodes: [],
      recentBlobs: [],
      recentTransactions: [],
      epoch: { ...state.epoch, walrus: null, nextEpochAtMs: null },
    };
    const text = renderToString(<DashboardView state={empty} />, { columns: 120 });
    expect(text).toContain('(no storage nodes)');
    expect(text).toContain('Walrus epoch —');
  });
});
