/**
 * The Move declarations of the Move standard library (`contracts/std`, at 0x1) and Sui framework (`contracts/sui`,
 * at 0x2) modules the devnet implements natively: the natives of `natives/framework` take their structs, signatures
 * and abort codes from here, as the Walrus natives do from their packages. Parsed once per process.
 */

import { CONTRACTS_DIR } from './contracts-dir.js';
import type { MoveSourceModule } from './move-ast.js';
import { loadMovePackage } from './move-package.js';

/** The framework packages of `contracts/`, in address order. */
export const FRAMEWORK_PACKAGES = ['std', 'sui'] as const;

let modules: MoveSourceModule[] | undefined;

/** The parsed modules of `contracts/std` (at 0x1) and `contracts/sui` (at 0x2). */
export function frameworkNativeSources(): MoveSourceModule[] {
  modules ??= FRAMEWORK_PACKAGES.flatMap((name) => loadMovePackage(`${CONTRACTS_DIR}${name}`).modules);
  return modules;
}

/** The parsed framework module `name` of `contracts/std` or `contracts/sui` (module names do not repeat). */
export function frameworkNativeSource(name: string): MoveSourceModule {
  const module = frameworkNativeSources().find((m) => m.name === name);
  if (!module) throw new Error(`contracts/std and contracts/sui declare no module ${name}`);
  return module;
}
