import { fileURLToPath } from 'node:url';
import { LayoutCache } from '../ledger/core/move/layouts.js';
import { frameworkModules } from '../ledger/core/natives/framework/index.js';
import { NativeRegistry } from '../ledger/core/natives/registry.js';
import { frameworkStructModules } from './framework-structs.js';
import { registerMissing, toStructModule } from './move-layouts.js';
import { loadMovePackage } from './move-package.js';

/** Addresses of the three Walrus packages. */
export interface WalrusAddresses {
  wal: string;
  wal_exchange: string;
  walrus: string;
}

/** `contracts/` shipped with the package: two levels up from sources, three from `dist/`. */
export const CONTRACTS_DIR = fileURLToPath(
  new URL(import.meta.url.includes('/dist/') ? '../../../contracts/' : '../../contracts/', import.meta.url),
);

const cache = new Map<string, LayoutCache>();

/**
 * BCS layouts of every struct in the Walrus Move packages (the ABI, read from `contracts/`), at the given
 * addresses, plus the Sui framework structs. Lets off-chain code (storage nodes, the CLI) decode objects and
 * events without hand-written twins of the Move structs. Cached per address set.
 * @example contractLayouts(addresses).decode(`${addresses.walrus}::events::BlobRegistered`, bytes)
 */
export function contractLayouts(addresses: WalrusAddresses): LayoutCache {
  const key = `${addresses.wal}|${addresses.wal_exchange}|${addresses.walrus}`;
  let layouts = cache.get(key);
  if (!layouts) {
    const registry = new NativeRegistry();
    for (const module of frameworkModules) registry.register(module);
    registerMissing(registry, frameworkStructModules);
    for (const name of ['wal', 'wal_exchange', 'walrus']) {
      for (const module of loadMovePackage(`${CONTRACTS_DIR}${name}`, { addresses: { ...addresses } })
        .modules) {
        registry.register(toStructModule(module));
      }
    }
    layouts = new LayoutCache((name) => registry.struct(name));
    cache.set(key, layouts);
  }
  return layouts;
}
