/**
 * No function in `src/` or `devnet/` is longer than 100 lines (first to last line; a function's nested functions
 * count in its length). Generated code is exempt. A long function is split by step, each step a named function.
 */
import { describe, expect, it } from 'vitest';
import { repoProject } from './source-graph.js';

const MAX_LINES = 100;

const isGenerated = (path: string) => path.includes('/generated/') || path.endsWith('.generated.ts');

/**
 * TEMPORARY: functions over the limit that are being split on another branch (issue 10, items 4 and 5: h2-split
 * splits PtbExecutor#finish, move-source.ts and the gRPC-Web codec apart from the server). Each entry is
 * `path#function`; the lead empties this list after merging. An entry that is no longer over the limit fails the
 * test, so the list only shrinks.
 */
const NOT_SPLIT_YET = new Set([
  'devnet/ledger/core/execution/ptb-executor.ts##finish', // h2-split
  'devnet/contract-runtime/move-source.ts#resolveModule', // h2-split
  'devnet/ledger/rpc/grpc/grpc-web-server.ts#handleGrpcWeb', // h2-split (codec apart from the server)
]);

describe('function length', () => {
  const long = () =>
    repoProject().flatMap((source) =>
      (source.path.startsWith('src/') || source.path.startsWith('devnet/')) && !isGenerated(source.path)
        ? source.functions
            .filter((f) => f.lines > MAX_LINES)
            .map((f) => ({
              key: `${source.path}#${f.name}`,
              where: `${source.path}:${f.line} ${f.name} (${f.lines} lines)`,
            }))
        : [],
    );

  it(`no function in src/ or devnet/ is longer than ${MAX_LINES} lines`, () => {
    const over = long().filter((f) => !NOT_SPLIT_YET.has(f.key));
    expect(over.map((f) => f.where)).toEqual([]);
  }, 120_000);

  it('the not-split-yet list names only functions still over the limit', () => {
    const keys = new Set(long().map((f) => f.key));
    expect([...NOT_SPLIT_YET].filter((key) => !keys.has(key))).toEqual([]);
  }, 120_000);
});
