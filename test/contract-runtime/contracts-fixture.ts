/** The Move packages in `contracts/`, parsed with placeholder addresses, and a registry of their structs. */
import { fileURLToPath } from 'node:url';
import type { MoveSourceModule } from '../../devnet/contract-runtime/move-ast.js';
import { toStructModule } from '../../devnet/contract-runtime/move-layouts.js';
import { loadMovePackage, type MovePackage } from '../../devnet/contract-runtime/move-package.js';
import {
  ledgerFramework,
  walrusFrameworkModules,
} from '../../devnet/contract-runtime/natives/framework/index.js';
import { LayoutCache } from '../../devnet/ledger/core/move/layouts.js';
import { NativeRegistry } from '../../devnet/ledger/core/natives/registry.js';

/** Placeholder package addresses (the packages are not published in these tests). */
export const ADDRESSES = {
  wal: '0x0000000000000000000000000000000000000000000000000000000000a11ce1',
  wal_exchange: '0x0000000000000000000000000000000000000000000000000000000000a11ce2',
  walrus: '0x0000000000000000000000000000000000000000000000000000000000a11ce3',
} as const;

/** `contracts/` in the repository. */
export const CONTRACTS_DIR = fileURLToPath(new URL('../../contracts/', import.meta.url));

/** The three packages, parsed. */
export interface Contracts {
  wal: MovePackage;
  walExchange: MovePackage;
  walrus: MovePackage;
  /** Every module of the three packages. */
  modules: MoveSourceModule[];
}

/** Parses `contracts/wal`, `contracts/wal_exchange` and `contracts/walrus`. */
export function loadContracts(): Contracts {
  const load = (name: string) => loadMovePackage(`${CONTRACTS_DIR}${name}`, { addresses: ADDRESSES });
  const wal = load('wal');
  const walExchange = load('wal_exchange');
  const walrus = load('walrus');
  return { wal, walExchange, walrus, modules: [...wal.modules, ...walExchange.modules, ...walrus.modules] };
}

/** A registry with the framework natives, stand-ins for missing framework structs, and the contracts' structs. */
export function contractsRegistry(modules: MoveSourceModule[]): {
  registry: NativeRegistry;
  layouts: LayoutCache;
} {
  const registry = new NativeRegistry();
  for (const module of [...ledgerFramework(), ...walrusFrameworkModules()]) registry.register(module);
  for (const module of modules) registry.register(toStructModule(module));
  return { registry, layouts: new LayoutCache((name) => registry.struct(name)) };
}
