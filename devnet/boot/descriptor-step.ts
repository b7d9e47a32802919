import type { DevnetDescriptor } from '../descriptor.js';
import type { DevnetMetadata } from '../devnet-state.js';
import type { DevnetNode } from '../devnet-types.js';
import type { LedgerInstance } from '../ledger/start-ledger.js';

/** Boot step `ready`: the descriptor of the running devnet (what `dev up` writes for other processes). */
export function devnetDescriptor(
  ledger: LedgerInstance,
  metadata: DevnetMetadata,
  nodes: DevnetNode[],
  stateDir: string | undefined,
): DevnetDescriptor {
  const { addresses, deployment } = metadata;
  return {
    version: 1,
    network: 'devnet',
    chainId: ledger.chainId,
    rpcUrl: ledger.rpcUrl,
    faucetUrl: ledger.faucetUrl,
    adminUrl: ledger.adminUrl,
    accounts: ledger.accounts.map((a) => ({
      index: a.index,
      address: a.address,
      secretKey: a.secretKey,
      balance: a.balance.toString(),
    })),
    faucetAddress: ledger.faucetAddress,
    stateDir: stateDir ?? null,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    packages: { wal: addresses.wal, walrus: addresses.walrus, walExchange: addresses.wal_exchange },
    objects: {
      system: deployment.systemObjectId,
      staking: deployment.stakingObjectId,
      exchange: deployment.exchangeObjectId,
    },
    nodes: nodes.map((n) => ({ index: n.index, nodeId: n.nodeId, name: n.name, url: n.url, shards: [] })),
    nShards: metadata.nShards,
    epochDurationMs: metadata.epochDurationMs,
  };
}
