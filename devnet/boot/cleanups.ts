/** What a failed boot or `stop()` undoes, last registered first. */
export class Cleanups {
  private readonly steps: Array<() => Promise<void> | void> = [];

  /** Registers a step to undo; steps run in reverse order of registration. */
  add(cleanup: () => Promise<void> | void): void {
    this.steps.push(cleanup);
  }

  /** Runs every registered step, last first. */
  async run(): Promise<void> {
    for (const cleanup of this.steps.reverse()) await cleanup();
  }
}
