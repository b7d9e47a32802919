import { describe, expect, it } from 'vitest';
import { toWalrusError } from '../../src/errors/index.js';
import { contractRefusedError, parseMoveAbort } from '../../src/errors/move-abort.js';
import { MOVE_ABORTS } from '../../src/errors/move-aborts.generated.js';

describe('src/errors/move-aborts.generated.ts', () => {
  // That it holds every abort constant of contracts/ is test/project/generated-code.test.ts.
  it('holds each abort constant with its doc comment', () => {
    expect(MOVE_ABORTS.system_state_inner?.['2']).toEqual({
      name: 'EInvalidEpochsAhead',
      doc: 'The number of epochs is zero or beyond `max_epochs_ahead`.',
    });
  });
});

describe('parseMoveAbort', () => {
  it("reads the SDK's simulation failure and names the constant", () => {
    const error = new Error(
      "Transaction resolution failed: MoveAbort in 2nd command, abort code: 7, in '0xc9f1::staking_inner::pool_mut'",
    );
    expect(parseMoveAbort(error)).toEqual({
      address: '0xc9f1',
      module: 'staking_inner',
      function: 'pool_mut',
      code: 7,
      constant: 'EPoolNotFound',
      meaning: MOVE_ABORTS.staking_inner!['7']!.doc,
    });
  });

  it('reads an execution status deep in the cause chain', () => {
    const error = new Error('Staking failed', {
      cause: new Error('MoveAbort in 0xab::system_state_inner::extend_blob with code 2 (command 1)'),
    });
    expect(parseMoveAbort(error)).toMatchObject({ function: 'extend_blob', constant: 'EInvalidEpochsAhead' });
    expect(parseMoveAbort(new Error('boom'))).toBeUndefined();
  });

  it('turns an unchecked abort into a user error with the contract reason, not a bug report', () => {
    const error = toWalrusError(
      new Error(
        "Transaction resolution failed: MoveAbort in 2nd command, abort code: 2, in '0xc9::system_state_inner::extend_blob'",
      ),
    );
    expect(error).toMatchObject({ code: 'CONTRACT_REFUSED', exitCode: 1 });
    expect(error.message).toBe(
      'The Walrus contract refused the transaction in system_state_inner::extend_blob: The number of epochs is zero or beyond `max_epochs_ahead` (EInvalidEpochsAhead, code 2).',
    );
    expect(error.hint).not.toMatch(/bug/);
    const unknown = contractRefusedError({ address: '0x2', module: 'coin', function: 'split', code: 9 });
    expect(unknown.message).toBe('A Move call refused the transaction in coin::split: abort code 9.');
  });
});
