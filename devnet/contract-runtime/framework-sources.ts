/**
 * The Move declarations of the Sui framework functions the devnet implements natively (`group_ops`, `bls12381`,
 * `hash`, `bcs`), from `contracts/sui`: the natives of `natives/framework` take their signatures and structs from
 * here, as the Walrus natives do from their packages.
 */

import { CONTRACTS_DIR } from './contracts-dir.js';
import type { MoveSourceModule } from './move-ast.js';
import { loadMovePackage } from './move-package.js';

let modules: MoveSourceModule[] | undefined;

/** The parsed modules of `contracts/sui` (at 0x2). */
export function frameworkNativeSources(): MoveSourceModule[] {
  modules ??= loadMovePackage(`${CONTRACTS_DIR}sui`).modules;
  return modules;
}

/** The parsed framework module `name` of `contracts/sui`. */
export function frameworkNativeSource(name: string): MoveSourceModule {
  const module = frameworkNativeSources().find((m) => m.name === name);
  if (!module) throw new Error(`contracts/sui declares no module ${name}`);
  return module;
}
