import type { BootStep } from '../../devnet/index.js';

/** What each boot step is called on screen. */
export const BOOT_STEP_TITLES: Record<Exclude<BootStep, 'ready'>, string> = {
  ledger: 'Start the ledger (RPC, faucet, admin)',
  contracts: 'Deploy WAL, WAL exchange and Walrus; fund accounts',
  nodes: 'Register storage nodes (proofs of possession) and stake',
  epoch: 'Start the nodes and leave epoch 0',
};

/**
 * Shows the boot steps as a listr2 task list with timings on a terminal. Returns the step callback for
 * `startDevnet` and a promise that settles when the list has rendered its end.
 */
export async function bootTaskList(): Promise<{
  onStep: (step: BootStep, phase: 'start' | 'done') => void;
  fail: (error: unknown) => void;
  finished: Promise<void>;
}> {
  const { Listr, PRESET_TIMER } = await import('listr2');
  const steps = Object.keys(BOOT_STEP_TITLES) as Array<keyof typeof BOOT_STEP_TITLES>;
  const deferred = new Map(
    steps.map((step) => {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined);
      return [step, { promise, resolve, reject }];
    }),
  );
  const list = new Listr(
    steps.map((step) => ({ title: BOOT_STEP_TITLES[step], task: () => deferred.get(step)!.promise })),
    { concurrent: false, exitOnError: true, rendererOptions: { timer: PRESET_TIMER } },
  );
  const finished = list.run().then(
    () => undefined,
    () => undefined,
  );
  return {
    onStep: (step, phase) => {
      if (phase === 'done' && step !== 'ready') deferred.get(step)?.resolve();
    },
    fail: (error) => {
      for (const d of deferred.values()) d.reject(error);
    },
    finished,
  };
}
