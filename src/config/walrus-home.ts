import { join, resolve } from 'node:path';
import { DEFAULTS } from './defaults.js';

/**
 * The walrus home: the folder of the devnet's descriptor, log, accounts and (unless `devnet.stateDir` says
 * otherwise) its state. `$WALRUS_HOME` (resolved against the working directory), else `<project>/.walrus`.
 */
export function walrusHomeDir(
  projectRoot: string,
  home: string | undefined = process.env.WALRUS_HOME,
): string {
  return home ? resolve(home) : join(resolve(projectRoot), DEFAULTS.home);
}
