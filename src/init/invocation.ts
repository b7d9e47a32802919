import { relative, sep } from 'node:path';
import { devkitRoot } from './devkit-package.js';

/**
 * How to run `walrus init` again from the current directory, for hints that must work when pasted: `npx walrus init`
 * where npx finds this devkit's `walrus` (inside its checkout, or a project that depends on it), else
 * `node <devkit>/bin/run.js init` (walrus-devkit is not on the npm registry, so a bare `npx walrus` from another
 * directory would not run this CLI).
 */
export function initCommand(cwd = process.cwd(), root = devkitRoot()): string {
  const fromRoot = relative(root, cwd);
  const insideCheckout = fromRoot === '' || !(fromRoot.startsWith('..') || fromRoot.startsWith(sep));
  const installed = root.split(sep).includes('node_modules');
  if (insideCheckout || installed) return 'npx walrus init';
  const runJs = `${root}${sep}bin${sep}run.js`;
  return `node ${/^[\w./-]+$/.test(runJs) ? runJs : `'${runJs.replaceAll("'", "'\\''")}'`} init`;
}
