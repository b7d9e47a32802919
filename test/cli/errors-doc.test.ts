/** docs/errors.md is the bad-inputs table (test/cli/bad-inputs.table.ts) rendered; this fails when they differ. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BAD_INPUTS, matchesTemplate, renderErrorsDoc } from './bad-inputs.table.js';

const DOC = fileURLToPath(new URL('../../docs/errors.md', import.meta.url));

describe('docs/errors.md', () => {
  it('holds exactly the rows of the bad-inputs table', () => {
    const expected = renderErrorsDoc();
    if (process.env.UPDATE_ERRORS_DOC) writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
    const rows = readFileSync(DOC, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| command') && !line.startsWith('| ---'));
    expect(rows).toHaveLength(BAD_INPUTS.length);
  });

  it('each row is unique', () => {
    const inputs = BAD_INPUTS.map((row) => `${row.where} ${row.args.join(' ')}`);
    expect(new Set(inputs).size).toBe(inputs.length);
  });
});

describe('matchesTemplate', () => {
  it('treats … as any text and everything else literally', () => {
    expect(matchesTemplate('Blob … expired at epoch ….', 'Blob 0xab expired at epoch 3.')).toBe(true);
    expect(matchesTemplate('Blob … expired.', 'Blob 0xab expired!')).toBe(false);
    expect(matchesTemplate('a (b)', 'a (b)')).toBe(true);
    expect(matchesTemplate('', '')).toBe(true);
    expect(matchesTemplate('', 'a hint')).toBe(false);
  });
});
