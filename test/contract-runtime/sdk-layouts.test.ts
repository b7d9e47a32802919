/**
 * Every Move type the SDK defines for Walrus (and the Sui framework types it reads) has the same
 * BCS layout in contracts/: field names and order, types, enum variants. For each type, sample
 * values built from our parsed struct are serialized with the ledger's LayoutCache, decoded with
 * the SDK's type (which must consume every byte and re-serialize to the same bytes), and compared
 * field by field.
 */
import { type BcsType, bcs } from '@mysten/bcs';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import type { MoveType } from '../../devnet/ledger/core/move/type-parser.js';
import { ADDRESSES, contractsRegistry, loadContracts } from './contracts-fixture.js';
import { normalizeLedgerValue, normalizeSdkValue, sampleValue } from './layout-samples.js';
import { loadSdkTypes } from './sdk-contracts.js';

const contracts = loadContracts();
const { registry, layouts } = contractsRegistry(contracts.modules);
const sdkTypes = await loadSdkTypes();
const positional = new Set(
  contracts.modules.flatMap((m) =>
    m.structs.filter((s) => s.positional).map((s) => `${m.address}::${m.name}::${s.name}`),
  ),
);

/** `walrus::blob::Blob` or `0x2::vec_map::VecMap` → the full base name in our registry. */
function ourBaseName(sdkName: string): string {
  const [pkg, module, name] = sdkName.split('::') as [string, string, string];
  const address = pkg === 'walrus' ? ADDRESSES.walrus : pkg;
  return `${normalizeSuiAddress(address)}::${module}::${name}`;
}

const SEEDS = [0, 1, 2, 3];
const walrusTypes = [...sdkTypes.keys()].filter((k) => k.startsWith('walrus::')).sort();
const frameworkTypes = [...sdkTypes.keys()].filter((k) => !k.startsWith('walrus::')).sort();

function check(sdkName: string): void {
  const baseName = ourBaseName(sdkName);
  const def = registry.struct(baseName);
  expect(def, `contracts/ has no ${sdkName}`).toBeDefined();
  const sdk = sdkTypes.get(sdkName)!;
  // Phantom parameters do not affect the layout; others get u64 / bool on both sides.
  const args: Array<[MoveType, BcsType<unknown, unknown>]> = def!.typeParams.map((p, i) =>
    def!.phantomParams?.includes(p)
      ? [{ kind: 'bool' }, bcs.bool() as BcsType<unknown, unknown>]
      : i % 2 === 0
        ? [{ kind: 'u64' }, bcs.u64() as BcsType<unknown, unknown>]
        : [{ kind: 'bool' }, bcs.bool() as BcsType<unknown, unknown>],
  );
  const [address, module, name] = baseName.split('::') as [string, string, string];
  const type: MoveType = { kind: 'struct', address, module, name, typeArgs: args.map(([t]) => t) };
  const sdkType =
    sdk.kind === 'type'
      ? sdk.type
      : sdk.make(
          ...args.filter((_, i) => !def!.phantomParams?.includes(def!.typeParams[i]!)).map(([, b]) => b),
        );

  for (const seed of SEEDS) {
    const value = sampleValue(type, (n) => registry.struct(n), seed);
    const bytes = layouts.encode(type, value);
    const decoded = sdkType.parse(bytes);
    // Re-serializing what the SDK read gives back exactly the bytes: every byte was read, in order.
    const again = sdkType.serialize(decoded).toBytes();
    expect(again.length, `${sdkName}: the SDK reads ${again.length} of ${bytes.length} bytes`).toBe(
      bytes.length,
    );
    expect(again).toEqual(bytes);
    expect(normalizeSdkValue(decoded)).toEqual(
      normalizeLedgerValue(
        type,
        value,
        (n) => registry.struct(n),
        (n) => positional.has(n),
      ),
    );
  }
}

describe('SDK struct layouts', () => {
  it('the SDK defines the Walrus types we expect to compare', () => {
    expect(walrusTypes).toEqual(
      expect.arrayContaining([
        'walrus::blob::Blob',
        'walrus::staking::Staking',
        'walrus::staking_inner::StakingInnerV1',
        'walrus::staking_pool::StakingPool',
        'walrus::storage_node::StorageNodeInfo',
        'walrus::storage_resource::Storage',
        'walrus::system::System',
        'walrus::system_state_inner::SystemStateInnerV1',
      ]),
    );
    expect(walrusTypes.length).toBeGreaterThanOrEqual(25);
  });

  it.each(walrusTypes)('%s matches contracts/walrus', (sdkName) => check(sdkName));
  it.each(frameworkTypes)('%s matches the ledger framework layout', (sdkName) => check(sdkName));
});
