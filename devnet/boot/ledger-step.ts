import { join } from 'node:path';
import { DEFAULTS } from '../../src/config/defaults.js';
import type { WalrusAddresses } from '../contract-runtime/contract-layouts.js';
import { walrusLedgerModules } from '../contract-runtime/natives/index.js';
import type { DevnetMetadata } from '../devnet-state.js';
import type { StartDevnetOptions } from '../devnet-types.js';
import { type LedgerInstance, startLedger } from '../ledger/start-ledger.js';

const WAL = 1_000_000_000n;

/**
 * Boot step `ledger`: starts the ledger with the Walrus natives at `addresses`, on the ports asked for; a resumed
 * state keeps the accounts its genesis funded.
 */
export function startDevnetLedger(
  options: StartDevnetOptions,
  existing: DevnetMetadata | undefined,
  addresses: WalrusAddresses,
): Promise<LedgerInstance> {
  return startLedger({
    rpcPort: options.ports?.rpc ?? DEFAULTS.devnet.ports.rpc,
    faucetPort: options.ports?.faucet ?? DEFAULTS.devnet.ports.faucet,
    adminPort: options.ports?.admin ?? DEFAULTS.devnet.ports.admin,
    accounts: existing?.accounts ?? options.accounts ?? DEFAULTS.devnet.accounts.count,
    accountBalance: existing?.accountBalance
      ? BigInt(existing.accountBalance)
      : (options.accountBalance ?? 10_000n * WAL),
    ...(options.stateDir ? { stateDir: join(options.stateDir, 'ledger') } : {}),
    fsync: options.fsync ?? true,
    ledger: { modules: walrusLedgerModules(addresses) },
  });
}
