/**
 * Ctrl-C handling shared by the commands. One key press can arrive as two SIGINTs: the terminal signals the whole
 * foreground process group, and a parent that forwards signals (bin/run.js re-executing on the pinned Node, `npx`)
 * passes the same press on once more. Signals closer together than {@link SAME_PRESS_MS} count as one press.
 */

/** Two SIGINTs this close together are one key press delivered twice. */
export const SAME_PRESS_MS = 250;

/**
 * Calls `onPress(count)` for every distinct Ctrl-C press (count 1, 2, …) until the returned function is called.
 * While installed, SIGINT no longer kills the process by default.
 * @example const dispose = onInterrupt((n) => (n === 1 ? shutdown() : process.exit(130)));
 */
export function onInterrupt(onPress: (count: number) => void): () => void {
  let count = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  const listener = () => {
    const now = performance.now();
    const repeat = now - lastAt < SAME_PRESS_MS;
    lastAt = now;
    if (repeat) return;
    count += 1;
    onPress(count);
  };
  process.on('SIGINT', listener);
  return () => process.removeListener('SIGINT', listener);
}

/**
 * Ctrl-C for commands that must not stop half-way through a paid step: the first press aborts the returned signal
 * (the command stops after the step in flight and says what was done), a second one exits at once with 130.
 */
export async function withInterruptSignal<T>(
  notice: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const dispose = onInterrupt((press) => {
    if (press > 1) {
      process.stderr.write('Interrupted again: exiting now.\n');
      process.exit(130);
      return;
    }
    process.stderr.write(`${notice}\n`);
    controller.abort();
  });
  try {
    return await run(controller.signal);
  } finally {
    dispose();
  }
}
