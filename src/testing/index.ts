/**
 * `walrus-devkit/testing`: integration tests against a local devnet with vitest. Add the global setup
 * (`walrus-devkit/testing/global-setup`) to vitest.config.ts, then in a test file call `useDevnet()`; importing
 * this module registers the matchers (`toBeCertified`, `toBeReadable`, `toAbortWith`). See docs/testing.md.
 */
export { abortOf } from './abort-name.js';
export { connectToDevnet, type DevnetConnection } from './connection.js';

import './matchers.js';

export type { ProvidedDevnet } from './provided.js';
export { type StoredTestBlob, type TestDevnet, testDevnet } from './test-devnet.js';
export { useDevnet } from './use-devnet.js';
