/**
 * `walrusNativeModules` / `walrusLedgerModules`: every module of the three packages, registrable on a
 * ledger next to the framework modules they need, with every struct laid out.
 */
import { describe, expect, it } from 'vitest';
import { ledgerFramework } from '../../../devnet/contract-runtime/natives/framework/index.js';
import { walrusLedgerModules, walrusNativeModules } from '../../../devnet/contract-runtime/natives/index.js';
import { Ledger } from '../../../devnet/ledger/core/ledger.js';
import { ADDRESSES, loadContracts } from '../contracts-fixture.js';

describe('walrusNativeModules', () => {
  it('has one module per Move module of wal, wal_exchange and walrus', () => {
    const names = walrusNativeModules(ADDRESSES).map((m) => `${m.address}::${m.name}`);
    const expected = loadContracts().modules.map((m) => `${m.address}::${m.name}`);
    expect(names.sort()).toEqual(expected.sort());
  });

  it('registers on a ledger with the framework modules and lays out every non-generic struct', () => {
    const modules = walrusLedgerModules(ADDRESSES);
    const ledger = new Ledger({ framework: ledgerFramework(), clock: 'manual', modules });
    for (const module of modules) {
      for (const struct of module.structs) {
        if (struct.typeParams.length) continue;
        const type = `${module.address}::${module.name}::${struct.name}`;
        expect(() => ledger.layouts.layout(type), type).not.toThrow();
      }
    }
  });
});
