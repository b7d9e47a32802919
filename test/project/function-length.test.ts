/**
 * No function in `src/` or `devnet/` is longer than 100 lines (first to last line; a function's nested functions
 * count in its length). Generated code is exempt. A long function is split by step, each step a named function.
 */
import { describe, expect, it } from 'vitest';
import { repoProject } from './source-graph.js';

const MAX_LINES = 100;

const isGenerated = (path: string) => path.includes('/generated/') || path.endsWith('.generated.ts');

describe('function length', () => {
  const long = () =>
    repoProject().flatMap((source) =>
      (source.path.startsWith('src/') || source.path.startsWith('devnet/')) && !isGenerated(source.path)
        ? source.functions
            .filter((f) => f.lines > MAX_LINES)
            .map((f) => ({ where: `${source.path}:${f.line} ${f.name} (${f.lines} lines)` }))
        : [],
    );

  it(`no function in src/ or devnet/ is longer than ${MAX_LINES} lines`, () => {
    expect(long().map((f) => f.where)).toEqual([]);
  }, 120_000);
});
