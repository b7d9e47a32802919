/**
 * Every file generated from contracts/ (devnet/contract-runtime/generated/move-types.ts,
 * src/errors/move-aborts.generated.ts) is what `npm run gen:move` makes of the Move sources today: the same check
 * as `npm run gen:move -- --check`.
 */
import { describe, expect, it } from 'vitest';
import { staleGenerated } from '../../scripts/gen-move.js';

describe('code generated from contracts/', () => {
  it('is up to date (run `npm run gen:move` after changing a Move source)', () => {
    expect(staleGenerated().map((file) => file.path)).toEqual([]);
  }, 60_000);
});
