/**
 * The Move standard library and Sui framework modules the devnet implements, one `NativeModule` per Move module of
 * `contracts/std` and `contracts/sui`: structs, signatures and abort codes come from the Move source
 * (`framework-sources.ts`), the natives of this folder only implement behaviour (see `support/implement.ts`).
 *
 * - {@link ledgerFramework}: what every ledger runs (`option`, `string`, `ascii`, `object`, `tx_context`, `transfer`,
 *   `balance`, `coin`, `url`, `sui`, `clock`, `dynamic_field`, `dynamic_object_field`), handed to the ledger core
 *   at construction (`new Ledger({ framework: ledgerFramework() })`; `startLedger` does it itself).
 * - {@link walrusFrameworkModules}: what the Walrus contracts need beyond it (`vec_map`, `table`, `object_table`,
 *   `bag` structs; `group_ops`, `bls12381`, `bcs`, `hash` natives), which `walrusLedgerModules` adds.
 */
import type { NativeModule } from '../../../ledger/core/natives/native-types.js';
import { frameworkNativeSource } from '../../framework-sources.js';
import { type ModuleImplementation, nativeModule } from '../support/implement.js';
import { balanceNatives } from './balance.js';
import { bcsModule } from './bcs.js';
import { bls12381Module } from './bls12381.js';
import { clockNatives } from './clock.js';
import { coinNatives } from './coin.js';
import { dynamicFieldNatives } from './dynamic_field.js';
import { groupOpsModule } from './group_ops.js';
import { hashModule } from './hash.js';
import { objectNatives, txContextNatives } from './object.js';
import { asciiNatives, optionNatives, stringNatives } from './std.js';
import { transferNatives } from './transfer.js';

/** The ledger's own framework modules, in registration order; a module without functions has no natives. */
const LEDGER_FRAMEWORK: ReadonlyArray<string | ModuleImplementation> = [
  optionNatives,
  stringNatives,
  asciiNatives,
  objectNatives,
  txContextNatives,
  transferNatives,
  balanceNatives,
  coinNatives,
  'url',
  'sui',
  clockNatives,
  dynamicFieldNatives,
  'dynamic_object_field',
];

/** The struct-only framework modules the Walrus contracts use. */
const WALRUS_FRAMEWORK_STRUCTS = ['vec_map', 'table', 'object_table', 'bag'];

const fromSource = (entry: string | ModuleImplementation): NativeModule =>
  typeof entry === 'string'
    ? nativeModule(frameworkNativeSource(entry))
    : nativeModule(frameworkNativeSource(entry.module), entry);

let ledgerModules: NativeModule[] | undefined;

/** The Move standard library and Sui framework modules every ledger runs (built once per process). */
export function ledgerFramework(): NativeModule[] {
  ledgerModules ??= LEDGER_FRAMEWORK.map(fromSource);
  return ledgerModules;
}

let walrusModules: NativeModule[] | undefined;

/** The framework modules the Walrus contracts need beyond {@link ledgerFramework} (built once per process). */
export function walrusFrameworkModules(): NativeModule[] {
  walrusModules ??= [
    ...WALRUS_FRAMEWORK_STRUCTS.map(fromSource),
    groupOpsModule,
    bls12381Module,
    bcsModule,
    hashModule,
  ];
  return walrusModules;
}

export { bcsModule, bls12381Module, groupOpsModule, hashModule };
