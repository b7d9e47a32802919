import type { WalrusConfig } from './types.js';

/**
 * Identity helper for typed configs:
 *
 * ```ts
 * // walrus.config.ts
 * import { defineConfig } from 'walrus-devkit';
 * export default defineConfig({ devnet: { nodes: 4, epochDuration: '30s' } });
 * ```
 */
export function defineConfig<const T extends WalrusConfig>(config: T): T {
  return config;
}
