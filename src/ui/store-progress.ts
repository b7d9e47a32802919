/** What each step of a store is called while it runs, and how far along it is. */
const STEPS: Record<string, { label: string; done: number }> = {
  encoded: { label: 'registering', done: 1 },
  registered: { label: 'uploading slivers to the nodes', done: 2 },
  uploaded: { label: 'certifying', done: 3 },
  certified: { label: 'certified', done: 4 },
};

/** A small text bar for a store's steps, e.g. `[■■□□] uploading slivers to the nodes`. */
export function storeStepLine(step: string | undefined): string {
  const current = step ? STEPS[step] : undefined;
  const done = current?.done ?? 0;
  return `[${'■'.repeat(done)}${'□'.repeat(4 - done)}] ${current?.label ?? 'encoding (RedStuff)'}`;
}

/**
 * Runs one store per file under a listr2 task list (a terminal's progress display): each task shows the
 * file's step bar and ends with its blob id. Returns what `storeOne` returned, in order.
 */
export async function withStoreProgress<T extends { blobId?: string }>(
  files: string[],
  storeOne: (file: string, onStep: (step: string) => void, index: number) => Promise<T>,
): Promise<T[]> {
  const { Listr, PRESET_TIMER } = await import('listr2');
  const results: T[] = [];
  await new Listr(
    files.map((file, index) => ({
      title: file,
      task: async (_ctx: unknown, task: { output: string; title: string }) => {
        task.output = storeStepLine(undefined);
        const result = await storeOne(
          file,
          (step) => {
            task.output = storeStepLine(step);
          },
          index,
        );
        results.push(result);
        task.title = result.blobId ? `${file} → ${result.blobId}` : `${file} (dry run)`;
      },
    })),
    // Ctrl-C is the caller's (withInterruptSignal): listr2's own handler would exit 127 mid-step, saying nothing.
    {
      concurrent: false,
      exitOnError: true,
      registerSignalListeners: false,
      rendererOptions: { timer: PRESET_TIMER },
    },
  ).run();
  return results;
}
