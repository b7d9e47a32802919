/**
 * Writes every file generated from the Move sources in contracts/, formatted by Biome as the rest of the tree:
 * devnet/contract-runtime/generated/move-types.ts (value interfaces, function tuples, constants: see
 * devnet/contract-runtime/move-codegen.ts) and src/errors/move-aborts.generated.ts (the CLI's abort names).
 * `--check` writes nothing and exits 1 if any is stale (test/project/generated-code.test.ts runs the same check).
 * Run: npm run gen:move [-- --check]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  GENERATED_MOVE_ABORTS,
  GENERATED_MOVE_TYPES,
  generateContractTypes,
  generateMoveAborts,
} from '../devnet/contract-runtime/move-codegen.js';

/** Each generated file (relative to the repository root) and what makes its unformatted text. */
const GENERATED: readonly { path: string; generate: () => string }[] = [
  { path: GENERATED_MOVE_TYPES, generate: generateContractTypes },
  { path: GENERATED_MOVE_ABORTS, generate: generateMoveAborts },
];

const absolute = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

function format(path: string, text: string): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  const formatted = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${absolute(path)}`], {
    input: text,
    encoding: 'utf8',
  });
  if (formatted.status !== 0) throw new Error(`biome format failed for ${path}: ${formatted.stderr}`);
  return formatted.stdout;
}

function current(path: string): string | undefined {
  try {
    return readFileSync(absolute(path), 'utf8');
  } catch {
    return undefined;
  }
}

/** Every generated file whose text on disk is not what the Move sources make now, with that text. */
export function staleGenerated(): { path: string; text: string }[] {
  return GENERATED.map(({ path, generate }) => ({ path, text: format(path, generate()) })).filter(
    ({ path, text }) => current(path) !== text,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stale = staleGenerated();
  if (process.argv.includes('--check')) {
    for (const { path } of stale)
      console.error(`${path} is out of date with contracts/: run npm run gen:move`);
    if (stale.length > 0) process.exit(1);
  } else {
    for (const { path, text } of stale) {
      writeFileSync(absolute(path), text);
      console.error(`wrote ${path}`);
    }
  }
}
