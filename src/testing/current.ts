import type { DevnetConnection } from './connection.js';

let current: DevnetConnection | undefined;

/** The devnet the matchers check against: the one of the `useDevnet()` whose test is running. */
export function currentDevnet(): DevnetConnection {
  if (!current) throw new Error('This matcher needs the devnet: call useDevnet() in the test file.');
  return current;
}

export function setCurrentDevnet(devnet: DevnetConnection): void {
  current = devnet;
}
