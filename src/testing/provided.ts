import type { DevnetDescriptor } from '../../devnet/index.js';

/** What the global setup hands every test worker (vitest `provide`/`inject`: serialisable values only). */
export interface ProvidedDevnet {
  descriptor: DevnetDescriptor;
  /** `started`: this run's own devnet, stopped at teardown; `attached`: a devnet that was already running. */
  mode: 'started' | 'attached';
}

/** The key under which the global setup provides the devnet. */
export const PROVIDED_KEY = 'walrusDevnet';

declare module 'vitest' {
  interface ProvidedContext {
    walrusDevnet: ProvidedDevnet;
  }
}
