/**
 * The natives of the Walrus packages in `contracts/` (`wal`, `wal_exchange`, `walrus`): one
 * `NativeModule` per Move module, at the package addresses of a deployment.
 *
 * `walrusNativeModules` is exactly the three packages (the parity test compares it with the Move
 * sources); a ledger also needs the Sui framework modules they use, which `walrusLedgerModules` adds.
 */
import type { NativeModule } from '../../ledger/core/natives/native-types.js';
import { frameworkStructModules } from '../framework-structs.js';
import { normalizeAddresses, type WalrusAddresses, withWalrusAddresses } from './support/natives-kit.js';
import { walModule } from './wal/wal.js';
import { walExchangeModule } from './wal_exchange/wal_exchange.js';
import { authModule } from './walrus/auth.js';
import { blobModule } from './walrus/blob.js';
import { blsAggregateModule } from './walrus/bls_aggregate.js';
import { committeeModule } from './walrus/committee.js';
import { epochParametersModule } from './walrus/epoch_parameters.js';
import { eventBlobModule } from './walrus/event_blob.js';
import { eventsModule } from './walrus/events.js';
import { extendedFieldModule } from './walrus/extended_field.js';
import { initModule } from './walrus/init.js';
import { messagesModule } from './walrus/messages.js';
import { metadataModule } from './walrus/metadata.js';
import { pendingValuesModule } from './walrus/pending_values.js';
import { redstuffModule } from './walrus/redstuff.js';
import { stakedWalModule } from './walrus/staked_wal.js';
import { stakingModule } from './walrus/staking.js';
import { stakingInnerModule } from './walrus/staking_inner.js';
import { stakingPoolModule } from './walrus/staking_pool.js';
import { storageAccountingModule } from './walrus/storage_accounting.js';
import { storageNodeModule } from './walrus/storage_node.js';
import { storageResourceModule } from './walrus/storage_resource.js';
import { systemModule } from './walrus/system.js';
import { systemStateInnerModule } from './walrus/system_state_inner.js';

/** Package ids of the three Walrus packages of a deployment. */
export type { WalrusAddresses } from './support/natives-kit.js';

/** Every module factory, in package order. */
const FACTORIES: Array<(addresses: WalrusAddresses) => NativeModule> = [
  walModule,
  walExchangeModule,
  authModule,
  blobModule,
  blsAggregateModule,
  committeeModule,
  epochParametersModule,
  eventBlobModule,
  eventsModule,
  extendedFieldModule,
  initModule,
  messagesModule,
  metadataModule,
  pendingValuesModule,
  redstuffModule,
  stakedWalModule,
  stakingModule,
  stakingInnerModule,
  stakingPoolModule,
  storageAccountingModule,
  storageNodeModule,
  storageResourceModule,
  systemModule,
  systemStateInnerModule,
];

/**
 * The native modules of `wal`, `wal_exchange` and `walrus` at `addresses`. Every native binds the
 * addresses while it runs, so the TypeScript twins of `public(package)` functions can name the
 * packages' types (see `support/natives-kit.ts`).
 * @example new Ledger({ modules: walrusLedgerModules(addresses) })
 */
export function walrusNativeModules(addresses: WalrusAddresses): NativeModule[] {
  const normalized = normalizeAddresses(addresses);
  return FACTORIES.map((factory) => withWalrusAddresses(factory(normalized), normalized));
}

/**
 * What a ledger needs to run the Walrus packages: the Sui framework modules the ledger lacks
 * (`vec_map`, `table`, `object_table`, `bag` structs; `group_ops`, `bls12381`, `bcs`, `hash` natives)
 * and {@link walrusNativeModules}.
 * @example startLedger({ ledger: { modules: walrusLedgerModules(addresses) } })
 */
export function walrusLedgerModules(addresses: WalrusAddresses): NativeModule[] {
  return [...frameworkStructModules, ...walrusNativeModules(addresses)];
}
