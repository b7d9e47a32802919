/**
 * Ctrl-C for commands that must not stop half-way through a paid step: the first SIGINT aborts the returned signal
 * (the command stops after the step in flight and says what was done), a second one exits at once with 130.
 */
export async function withInterruptSignal<T>(
  notice: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      process.stderr.write('Interrupted again: exiting now.\n');
      process.exit(130);
    }
    process.stderr.write(`${notice}\n`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await run(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
