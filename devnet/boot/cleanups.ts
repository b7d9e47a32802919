/** What a failed boot or `stop()` undoes, last registered first. */
export class Cleanups {
  private readonly steps: Array<() => Promise<void> | void> = [];

  /** Registers a step to undo; steps run in reverse order of registration. */
  add(cleanup: () => Promise<void> | void): void {
    this.steps.push(cleanup);
  }

  /** Runs every registered step, last first; each runs once (a step that throws stops the run, the rest stay). */
  async run(): Promise<void> {
    for (let cleanup = this.steps.pop(); cleanup; cleanup = this.steps.pop()) await cleanup();
  }
}
