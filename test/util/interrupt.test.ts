import { afterEach, describe, expect, it, vi } from 'vitest';
import { onInterrupt, SAME_PRESS_MS, withInterruptSignal } from '../../src/util/interrupt.js';

/** Delivers a SIGINT to this process's listeners at the given clock reading (ms). */
function sigintAt(ms: number): void {
  vi.spyOn(performance, 'now').mockReturnValue(ms);
  process.emit('SIGINT', 'SIGINT');
}

afterEach(() => vi.restoreAllMocks());

describe('onInterrupt', () => {
  it('counts one key press delivered twice (terminal and forwarding parent) as one', () => {
    const presses: number[] = [];
    const dispose = onInterrupt((n) => presses.push(n));
    try {
      sigintAt(1_000);
      sigintAt(1_000 + SAME_PRESS_MS - 1);
      expect(presses).toEqual([1]);
      sigintAt(1_000 + 3 * SAME_PRESS_MS);
      expect(presses).toEqual([1, 2]);
    } finally {
      dispose();
    }
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('aborts the paid-step signal once for a doubled delivery, and exits 130 on a second press', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await withInterruptSignal('stopping after this step', async (signal) => {
      sigintAt(5_000);
      sigintAt(5_010);
      expect(signal.aborted).toBe(true);
      expect(exit).not.toHaveBeenCalled();
      sigintAt(5_000 + 2 * SAME_PRESS_MS);
      expect(exit).toHaveBeenCalledWith(130);
    });
    expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
      'stopping after this step\n',
      'Interrupted again: exiting now.\n',
    ]);
  });
});
