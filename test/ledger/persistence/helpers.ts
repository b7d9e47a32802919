import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';
import {
  FileStateStore,
  type FileStateStoreOptions,
} from '../../../devnet/ledger/persistence/file-state-store.js';

export const bytes = (s: string) => new TextEncoder().encode(s);
export const text = (b: Uint8Array) => new TextDecoder().decode(b);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnet-state-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store on `dir` (the state directory itself is `dir/state`), closed after the test. */
export function openStore(dir: string, options: FileStateStoreOptions = {}): FileStateStore {
  const store = new FileStateStore(path.join(dir, 'state'), options);
  cleanups.push(() => store.close());
  return store;
}

/** A loaded store on a fresh temporary directory (both cleaned up after the test). */
export async function loadedStore(): Promise<{ dir: string; store: FileStateStore }> {
  const dir = tempDir();
  const store = openStore(dir);
  await store.load();
  return { dir, store };
}

export function stateFile(dir: string, name: string): string {
  return path.join(dir, 'state', name);
}

export function listState(dir: string): string[] {
  return fs.readdirSync(path.join(dir, 'state')).sort();
}

/** Opens, reads and closes: what a restart would see. */
export async function reload(dir: string, options: FileStateStoreOptions = {}) {
  const store = new FileStateStore(path.join(dir, 'state'), options);
  try {
    const state = await store.load();
    return { ...state, texts: state.records.map(text) };
  } finally {
    await store.close();
  }
}
