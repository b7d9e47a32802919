/**
 * Sui framework modules the Walrus contracts need and the ledger does not implement itself: real
 * natives for `group_ops`, `bls12381`, `bcs` and `hash`. `devnet/contract-runtime/framework-structs.ts` lists
 * them together with the remaining struct-only stand-ins (`vec_map`, `table`, `object_table`, `bag`).
 */
import type { NativeModule } from '../../../ledger/core/natives/native-types.js';
import { bcsModule } from './bcs.js';
import { bls12381Module } from './bls12381.js';
import { groupOpsModule } from './group_ops.js';
import { hashModule } from './hash.js';

/** The framework natives of this folder. */
export const walrusFrameworkModules: NativeModule[] = [groupOpsModule, bls12381Module, bcsModule, hashModule];

export { bcsModule, bls12381Module, groupOpsModule, hashModule };
