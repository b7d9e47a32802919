/**
 * Writes devnet/contract-runtime/generated/move-types.ts from the Move sources in contracts/ (see
 * devnet/contract-runtime/move-codegen.ts), formatted by Biome as the rest of the tree. `--check` writes
 * nothing and exits 1 if the file is stale (test/contract-runtime/move-codegen.test.ts runs the same check).
 * Run: npm run gen:move-types [-- --check]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GENERATED_MOVE_TYPES, generateContractTypes } from '../devnet/contract-runtime/move-codegen.js';

/** The generated file's absolute path. */
export const target = fileURLToPath(new URL(`../${GENERATED_MOVE_TYPES}`, import.meta.url));

/** The generated file's text, as it should be on disk. */
export function renderMoveTypes(): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  const formatted = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${target}`], {
    input: generateContractTypes(),
    encoding: 'utf8',
  });
  if (formatted.status !== 0) throw new Error(`biome format failed: ${formatted.stderr}`);
  return formatted.stdout;
}

/** The file on disk, or undefined if there is none. */
export function currentMoveTypes(): string | undefined {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return undefined;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = renderMoveTypes();
  const stale = currentMoveTypes() !== text;
  if (process.argv.includes('--check')) {
    if (stale) {
      console.error(`${GENERATED_MOVE_TYPES} is out of date with contracts/: run npm run gen:move-types`);
      process.exit(1);
    }
  } else if (stale) {
    writeFileSync(target, text);
    console.error(`wrote ${GENERATED_MOVE_TYPES}`);
  }
}
