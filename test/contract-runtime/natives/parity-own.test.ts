/**
 * Parity of the storage-side natives with their Move modules, module by module (the package-wide
 * check over `walrusNativeModules` lives in `test/contract-runtime/parity.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { compareModule, comparePackages } from '../../../devnet/contract-runtime/parity.js';
import { loadContracts } from '../contracts-fixture.js';
import { ownModules } from './natives-fixture.js';

const { modules } = loadContracts();

describe('storage-side natives against contracts/', () => {
  for (const native of ownModules()) {
    it(`${native.name} has identical public functions and structs`, () => {
      const move = modules.find((m) => m.name === native.name)!;
      expect(move, `no Move module ${native.name}`).toBeDefined();
      expect(compareModule(move, native)).toEqual([]);
    });
  }

  it('covers wal, wal_exchange and the thirteen storage-side walrus modules (challenge included)', () => {
    const names = ownModules().map((m) => m.name);
    const own = modules.filter((m) => names.includes(m.name));
    expect(own).toHaveLength(15);
    expect(comparePackages(own, ownModules())).toEqual([]);
  });
});
