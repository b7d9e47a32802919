/**
 * The natives of the Walrus packages in `contracts/` (`wal`, `wal_exchange`, `walrus`): one
 * `NativeModule` per Move module, at the package addresses of a deployment. Each module's structs and
 * function signatures come from its Move source; the natives below only implement behaviour (see
 * `support/implement.ts`).
 *
 * `walrusNativeModules` is exactly the three packages; a ledger also needs the Sui framework modules
 * they use, which `walrusLedgerModules` adds.
 */
import type { NativeModule } from '../../ledger/core/natives/native-types.js';
import { contractModules } from '../contract-layouts.js';
import { walrusFrameworkModules } from './framework/index.js';
import { type ModuleImplementation, nativeModule } from './support/implement.js';
import { normalizeAddresses, type WalrusAddresses, withWalrusAddresses } from './support/natives-kit.js';
import { walNatives } from './wal/wal.js';
import { walExchangeNatives } from './wal_exchange/wal_exchange.js';
import { authNatives } from './walrus/auth.js';
import { blobNatives } from './walrus/blob.js';
import { challengeNatives } from './walrus/challenge.js';
import { initNatives } from './walrus/init.js';
import { metadataNatives } from './walrus/metadata.js';
import { sharedBlobNatives } from './walrus/shared_blob.js';
import { stakedWalNatives } from './walrus/staked_wal.js';
import { stakingNatives } from './walrus/staking.js';
import { storageNodeNatives } from './walrus/storage_node.js';
import { storageResourceNatives } from './walrus/storage_resource.js';
import { systemNatives } from './walrus/system.js';

/** Package ids of the three Walrus packages of a deployment. */
export type { WalrusAddresses } from './support/natives-kit.js';

/** The natives of every Move module with functions a transaction can call. */
export const WALRUS_NATIVES: ModuleImplementation[] = [
  walNatives,
  walExchangeNatives,
  authNatives,
  blobNatives,
  challengeNatives,
  initNatives,
  metadataNatives,
  sharedBlobNatives,
  stakedWalNatives,
  stakingNatives,
  storageNodeNatives,
  storageResourceNatives,
  systemNatives,
];

/**
 * The native modules of `wal`, `wal_exchange` and `walrus` at `addresses`, one per Move module.
 * Every native binds the addresses while it runs, so the TypeScript twins of `public(package)`
 * functions can name the packages' types (see `support/natives-kit.ts`).
 * @example new Ledger({ framework: ledgerFramework(), modules: walrusLedgerModules(addresses) })
 */
export function walrusNativeModules(addresses: WalrusAddresses): NativeModule[] {
  const normalized = normalizeAddresses(addresses);
  const natives = new Map(WALRUS_NATIVES.map((n) => [n.module, n]));
  return contractModules(normalized).map((move) =>
    withWalrusAddresses(nativeModule(move, natives.get(move.name)), normalized),
  );
}

/**
 * What a ledger needs to run the Walrus packages beyond its framework (`ledgerFramework()`): the Sui framework
 * modules of `walrusFrameworkModules()` (`vec_map`, `table`, `object_table`, `bag` structs; `group_ops`,
 * `bls12381`, `bcs`, `hash` natives) and {@link walrusNativeModules}.
 * @example startLedger({ ledger: { modules: walrusLedgerModules(addresses) } })
 */
export function walrusLedgerModules(addresses: WalrusAddresses): NativeModule[] {
  return [...walrusFrameworkModules(), ...walrusNativeModules(addresses)];
}
