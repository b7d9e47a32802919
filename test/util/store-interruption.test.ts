import { describe, expect, it } from 'vitest';
import { storeCommand, storeInterruptedError } from '../../src/blob/store-resume.js';
import { shellQuote } from '../../src/util/shell-quote.js';

describe('an interrupted store', () => {
  it('prints a resume command that survives pasting', () => {
    expect(shellQuote('plain/path-1.bin')).toBe('plain/path-1.bin');
    expect(shellQuote("it's here.bin")).toBe(`'it'\\''s here.bin'`);
    expect(
      storeCommand(['a.bin', 'my file.bin'], {
        epochs: 3,
        deletable: false,
        extraFlags: ['--network testnet'],
      }),
    ).toBe("walrus blob store a.bin 'my file.bin' --epochs 3 --permanent --network testnet");
  });

  it('says nothing was paid when it stopped before registering, and lists what was stored', () => {
    const error = storeInterruptedError({
      stored: [{ file: 'a.bin', blobId: 'AAA', objectId: '0x1' }],
      unfinished: ['b.bin'],
      resume: 'walrus blob store b.bin --epochs 1',
    });
    expect(error.exitCode).toBe(130);
    expect(error.message).toBe(
      'Interrupted before anything was paid for b.bin.\nStored before the interrupt: a.bin (blob id AAA).',
    );
    expect(error.hint).toBe('To finish, run: walrus blob store b.bin --epochs 1');
    expect(error.toJSON()).toMatchObject({ code: 'INTERRUPTED', details: { unfinished: ['b.bin'] } });
  });
});
