import { LayoutCache } from '../ledger/core/move/layouts.js';
import { NativeRegistry } from '../ledger/core/natives/registry.js';
import { CONTRACT_PACKAGES, CONTRACTS_DIR } from './contracts-dir.js';
import type { MoveSourceModule } from './move-ast.js';
import { toStructModule } from './move-layouts.js';
import { loadMovePackage } from './move-package.js';
import { ledgerFramework, walrusFrameworkModules } from './natives/framework/index.js';
import type { WalrusAddresses } from './walrus-addresses.js';

export type { WalrusAddresses } from './walrus-addresses.js';

export { CONTRACT_PACKAGES };

const key = (addresses: WalrusAddresses) => `${addresses.wal}|${addresses.wal_exchange}|${addresses.walrus}`;
const parsed = new Map<string, MoveSourceModule[]>();
const cache = new Map<string, LayoutCache>();

/**
 * Every module of the contract packages, parsed from `contracts/` with the given package addresses.
 * Cached per address set.
 * @example contractModules(addresses).find((m) => m.name === 'staking')!.functions.length
 */
export function contractModules(addresses: WalrusAddresses): MoveSourceModule[] {
  let modules = parsed.get(key(addresses));
  if (!modules) {
    modules = CONTRACT_PACKAGES.flatMap(
      (name) => loadMovePackage(`${CONTRACTS_DIR}${name}`, { addresses: { ...addresses } }).modules,
    );
    parsed.set(key(addresses), modules);
  }
  return modules;
}

/**
 * BCS layouts of every struct in the Walrus Move packages (the ABI, read from `contracts/`), at the given
 * addresses, plus the Sui framework structs. Lets off-chain code (storage nodes, the CLI) decode objects and
 * events without hand-written twins of the Move structs. Cached per address set.
 * @example contractLayouts(addresses).decode(`${addresses.walrus}::events::BlobRegistered`, bytes)
 */
export function contractLayouts(addresses: WalrusAddresses): LayoutCache {
  let layouts = cache.get(key(addresses));
  if (!layouts) {
    const registry = new NativeRegistry();
    for (const module of [...ledgerFramework(), ...walrusFrameworkModules()]) registry.register(module);
    for (const module of contractModules(addresses)) registry.register(toStructModule(module));
    layouts = new LayoutCache((name) => registry.struct(name));
    cache.set(key(addresses), layouts);
  }
  return layouts;
}
