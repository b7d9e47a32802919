import { describe, expect, it } from 'vitest';
import { dashPositionalsLast } from '../../src/cli/dash-positionals.js';

const flags = {
  output: { type: 'option' as const, char: 'o' },
  network: { type: 'option' as const },
  json: { type: 'boolean' as const },
};
const dashed = '-uOrEw-dj2N8HeQiW37RfhVwUMpUUvg04BDRsLPLIWo';

describe('dashPositionalsLast', () => {
  it('leaves argv alone when no positional looks like a blob id starting with -', () => {
    const argv = ['uOrEw-dj2N8HeQiW37RfhVwUMpUUvg04BDRsLPLIWo', '-o', 'out', '--bogus'];
    expect(dashPositionalsLast(argv, flags)).toEqual(argv);
  });

  it('moves the positionals after --, keeping flags with their values and the positionals in order', () => {
    expect(dashPositionalsLast([dashed, '-o', 'out.bin', '--json'], flags)).toEqual([
      '-o',
      'out.bin',
      '--json',
      '--',
      dashed,
    ]);
    expect(dashPositionalsLast(['first', '--network', 'devnet', dashed, 'third'], flags)).toEqual([
      '--network',
      'devnet',
      '--',
      'first',
      dashed,
      'third',
    ]);
  });

  it('keeps --name=value, unknown flags (oclif still refuses them) and what already follows --', () => {
    expect(dashPositionalsLast(['--output=x', dashed, '--bogus', '--', '-z'], flags)).toEqual([
      '--output=x',
      '--bogus',
      '--',
      dashed,
      '-z',
    ]);
  });

  it('leaves a dashed token that is an option value with its flag', () => {
    expect(dashPositionalsLast(['--network', dashed], flags)).toEqual(['--network', dashed, '--']);
  });
});
