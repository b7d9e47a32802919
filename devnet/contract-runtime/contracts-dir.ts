import { fileURLToPath } from 'node:url';

/** `contracts/` shipped with the package: two levels up from sources, three from `dist/`. */
export const CONTRACTS_DIR = fileURLToPath(
  new URL(import.meta.url.includes('/dist/') ? '../../../contracts/' : '../../contracts/', import.meta.url),
);
