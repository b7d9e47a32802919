import { fileURLToPath } from 'node:url';

/** `contracts/` shipped with the package: two levels up from sources, three from `dist/`. */
export const CONTRACTS_DIR = fileURLToPath(
  new URL(import.meta.url.includes('/dist/') ? '../../../contracts/' : '../../contracts/', import.meta.url),
);

/** The contract packages of `contracts/`, in dependency order (the framework ones are in framework-sources.ts). */
export const CONTRACT_PACKAGES = ['wal', 'wal_exchange', 'walrus'] as const;
