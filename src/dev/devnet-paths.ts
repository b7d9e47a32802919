import { join } from 'node:path';
import { type DevnetDescriptor, isProcessAlive, readDescriptor } from '../../devnet/cli-api.js';
import type { ResolvedConfig } from '../config/types.js';
import { walrusHomeDir } from '../config/walrus-home.js';

/** Folder for the descriptor, log and accounts (and by default the state): `$WALRUS_HOME`, else `<project>/.walrus`. */
export function walrusHome(config: Pick<ResolvedConfig, 'projectRoot'>): string {
  return walrusHomeDir(config.projectRoot);
}

/** Path of the devnet descriptor, `devnet.json` in {@link walrusHome}. */
export function descriptorPath(config: Pick<ResolvedConfig, 'projectRoot'>): string {
  return join(walrusHome(config), 'devnet.json');
}

/** The descriptor of a devnet whose process is alive, or undefined (a stale one is reported as such). */
export function findRunningDevnet(
  config: Pick<ResolvedConfig, 'projectRoot'>,
): { descriptor: DevnetDescriptor; path: string } | { stale: DevnetDescriptor; path: string } | undefined {
  const path = descriptorPath(config);
  const descriptor = readDescriptor(path);
  if (!descriptor) return undefined;
  return isProcessAlive(descriptor.pid) ? { descriptor, path } : { stale: descriptor, path };
}
