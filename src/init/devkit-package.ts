/**
 * The walrus-devkit package this CLI runs from: its root (found from this file, in `src/` under tsx or `dist/src/`
 * when built), its templates and, until walrus-devkit is on the npm registry, a tarball of it for new projects.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

/** The root of the walrus-devkit package (the nearest parent with its package.json). */
export function devkitRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'walrus-devkit'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('walrus-devkit: cannot find the package root of this CLI (a bug).');
    dir = parent;
  }
}

/** The devkit's version, from its package.json. */
export function devkitVersion(root = devkitRoot()): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Packs the devkit into `destination` with `npm pack` (without lifecycle scripts: the CLI that runs is already
 * built) and returns the tarball's file name.
 */
export async function packDevkit(destination: string, root = devkitRoot()): Promise<string> {
  const { stdout } = await execa(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    {
      cwd: root,
    },
  );
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  if (!packed) throw new Error('npm pack printed no tarball');
  return packed.filename;
}
