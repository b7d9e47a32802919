/**
 * The kernels' Blake2b compression is generated (scripts/gen-blake2b-rounds.ts): the file in the tree is what the
 * generator writes. That the kernels built from it hash right is kernel.test.ts's (roots against the Merkle tree).
 */
import { describe, expect, it } from 'vitest';
import { currentBlake2bRounds, renderBlake2bRounds } from '../../scripts/gen-blake2b-rounds.js';

describe('generated Blake2b rounds', () => {
  it('are up to date with their generator (run `npm run gen:blake2b` after changing it)', () => {
    expect(currentBlake2bRounds()).toBe(renderBlake2bRounds());
  });

  it('unroll 12 rounds of 8 mixing steps, for one message and for two', () => {
    const text = renderBlake2bRounds();
    expect(text.match(/\/\/ round \d+/g)).toHaveLength(24);
    expect(text.match(/ = rotr<u64>\(v\d+ \^ v\d+, 32\);/g)).toHaveLength(12 * 8);
    expect(text.match(/ = rotr32\(v128\.xor\(/g)).toHaveLength(12 * 8);
  });
});
