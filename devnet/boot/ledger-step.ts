import { join } from 'node:path';
import type { WalrusAddresses } from '../contract-runtime/contract-layouts.js';
import { walrusLedgerModules } from '../contract-runtime/natives/index.js';
import { DEVNET_DEFAULTS } from '../defaults.js';
import type { DevnetMetadata } from '../devnet-state.js';
import type { StartDevnetOptions } from '../devnet-types.js';
import { type LedgerInstance, startLedger } from '../ledger/start-ledger.js';

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
    rpcPort: options.ports?.rpc ?? DEVNET_DEFAULTS.ports.rpc,
    faucetPort: options.ports?.faucet ?? DEVNET_DEFAULTS.ports.faucet,
    adminPort: options.ports?.admin ?? DEVNET_DEFAULTS.ports.admin,
    accounts: existing?.accounts ?? options.accounts ?? DEVNET_DEFAULTS.accounts,
    accountBalance: existing?.accountBalance
      ? BigInt(existing.accountBalance)
      : (options.accountBalance ?? DEVNET_DEFAULTS.accountBalanceMist),
    ...(options.stateDir ? { stateDir: join(options.stateDir, 'ledger') } : {}),
    fsync: options.fsync ?? DEVNET_DEFAULTS.fsync,
    ledger: { modules: walrusLedgerModules(addresses) },
  });
}
