/**
 * `npm run lint` checks the project's own files only: a user's `walrus.config.json` (or any other file of theirs)
 * in the checkout must not fail `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIOME = join(REPO, 'node_modules', '.bin', 'biome');

describe('the lint scope', () => {
  const userConfig = join(REPO, 'walrus.config.json');
  it.skipIf(existsSync(userConfig))('leaves a user walrus.config.json in the checkout alone', () => {
    // Valid JSON that Biome's formatter would rewrite: linted, it fails the check.
    writeFileSync(userConfig, '{"devnet":{"nodes":4,   "shards":100}}');
    try {
      const result = spawnSync(BIOME, ['check', '.'], { cwd: REPO, encoding: 'utf8' });
      const output = `${result.stdout}${result.stderr}`;
      expect(output).not.toContain('walrus.config.json');
      expect(result.status, output).toBe(0);
    } finally {
      rmSync(userConfig, { force: true });
    }
  });
});
