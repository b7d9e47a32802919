/**
 * Parity of the natives with `contracts/` now that the natives implement behaviour only: every `public`
 * and `entry` function has an implementation, nothing else is registered, each native has its Move
 * signature, and an abort reports its Move constant's name next to the code.
 */
import { describe, expect, it } from 'vitest';
import { parseMoveSource } from '../../../devnet/contract-runtime/move-source.js';
import { WALRUS_NATIVES, walrusNativeModules } from '../../../devnet/contract-runtime/natives/index.js';
import {
  implement,
  implementationGaps,
  nativeModule,
} from '../../../devnet/contract-runtime/natives/support/implement.js';
import { abort, type LocatedAbort } from '../../../devnet/contract-runtime/natives/support/natives-kit.js';
import { MoveAbortError, type NativeContext } from '../../../devnet/ledger/core/natives/native-types.js';
import { ADDRESSES, loadContracts } from '../contracts-fixture.js';

const { modules } = loadContracts();

describe('natives against contracts/', () => {
  it('implement every public and entry function and nothing but those and `init`', () => {
    const natives = new Map(WALRUS_NATIVES.map((n) => [n.module, n]));
    expect(modules.flatMap((m) => implementationGaps(m, natives.get(m.name)))).toEqual([]);
    expect(WALRUS_NATIVES.every((n) => modules.some((m) => m.name === n.module))).toBe(true);
  });

  it('register each native with the signature of its Move declaration', () => {
    for (const native of walrusNativeModules(ADDRESSES)) {
      const move = modules.find((m) => m.name === native.name)!;
      for (const fn of native.functions) {
        const decl = move.functions.find((f) => f.name === fn.name)!;
        expect(decl.visibility === 'public' || decl.isEntry || decl.name === 'init', fn.name).toBe(true);
        expect(fn.params).toEqual(decl.params.map((p) => p.type));
        expect(fn.returns).toEqual(decl.returns);
      }
    }
  });

  it('names what is missing, extra or not callable', () => {
    const [move] = parseMoveSource(
      'module pkg::m; public fun a() {} entry fun b() {} fun c() {} public(package) fun d() {}',
      { addresses: { pkg: '0xaa' } },
    );
    const impl = () => [];
    const natives = { module: 'm', functions: { a: impl, c: impl, d: impl, z: impl } };
    expect(implementationGaps(move!, natives)).toEqual([
      'm::b: no native',
      'm::c: native of a private function',
      'm::d: native of a package function',
      'm::z: native has no Move function',
    ]);
    expect(() => nativeModule(move!, natives)).toThrow('m::b: no native');
  });

  it('are typed by the generated signatures: tsc rejects a missing, extra or mistyped native and an unknown abort name', () => {
    const total = implement('wal', {
      total_supply: (_ctx, [treasury]) => [treasury.cap.total_supply.value],
      burn: () => [],
    });
    // @ts-expect-error `burn` (public in wal.move) has no native
    implement('wal', { total_supply: (_ctx, [treasury]) => [treasury.cap.total_supply.value] });
    implement('wal', {
      total_supply: (_ctx, [treasury]) => [treasury.cap.total_supply.value],
      burn: () => [],
      // @ts-expect-error `mint` is no function of wal.move
      mint: () => [],
    });
    // @ts-expect-error total_supply returns a u64 (bigint), not the UID
    implement('wal', { total_supply: (_ctx, [treasury]) => [treasury.id], burn: () => [] });
    // @ts-expect-error blob.move declares no ENoSuchCode
    const unknownName = (ctx: NativeContext) => abort(ctx, 'blob', 'burn', 'ENoSuchCode');
    expect(Object.keys(total.functions)).toEqual(['total_supply', 'burn']);
    expect(typeof unknownName).toBe('function');
  });

  it('abort with the code of the Move constant and report its name', () => {
    const exchange = walrusNativeModules(ADDRESSES).find((m) => m.name === 'wal_exchange')!;
    const rate = exchange.functions.find((f) => f.name === 'new_exchange_rate')!;
    const ctx = {
      layouts: {},
      abort: (code: number | bigint) => {
        throw new MoveAbortError(BigInt(code));
      },
    } as unknown as NativeContext;
    let error: unknown;
    try {
      rate.impl(ctx, [0n, 1n], []);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MoveAbortError);
    const abort = error as LocatedAbort;
    expect(abort.message).toBe('Move abort with code 3');
    expect(abort.constantName).toBe('EInvalidExchangeRate');
    expect(abort.location).toEqual({
      module: 'wal_exchange',
      function: 'new_exchange_rate',
      address: ADDRESSES.wal_exchange,
    });
  });

  it('answer a Move field accessor with that field of the argument', () => {
    const blob = walrusNativeModules(ADDRESSES).find((m) => m.name === 'blob')!;
    const call = (name: string, self: unknown) =>
      blob.functions
        .find((f) => f.name === name)!
        .impl({ layouts: {} } as unknown as NativeContext, [self], []);
    const value = { blob_id: 7n, size: 1_000n, registered_epoch: 3, encoding_type: 1, deletable: true };
    expect(call('blob_id', value)).toEqual([7n]);
    expect(call('size', value)).toEqual([1_000n]);
    expect(call('registered_epoch', value)).toEqual([3]);
    expect(call('encoding_type', value)).toEqual([1]);
    expect(call('is_deletable', value)).toEqual([true]);
  });
});
