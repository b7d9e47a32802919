import { describe, expect, it } from 'vitest';
import { storeStepLine } from '../../src/ui/store-progress.js';

describe('store progress line', () => {
  it('fills one box per finished step of encode → register → upload → certify', () => {
    expect(storeStepLine(undefined)).toBe('[□□□□] encoding (RedStuff)');
    expect(storeStepLine('encoded')).toBe('[■□□□] registering');
    expect(storeStepLine('registered')).toBe('[■■□□] uploading slivers to the nodes');
    expect(storeStepLine('uploaded')).toBe('[■■■□] certifying');
    expect(storeStepLine('certified')).toBe('[■■■■] certified');
  });
});
