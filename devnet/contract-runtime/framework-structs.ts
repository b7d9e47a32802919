import type { StructDef } from '../ledger/core/move/layouts.js';
import { SUI_FRAMEWORK } from '../ledger/core/natives/framework/values.js';
import type { NativeModule } from '../ledger/core/natives/native-types.js';
import { walrusFrameworkModules } from './natives/framework/index.js';

type StructSpec = Omit<StructDef, 'address' | 'module'>;

function structsOnly(name: string, structs: StructSpec[]): NativeModule {
  return {
    address: SUI_FRAMEWORK,
    name,
    structs: structs.map((s) => ({ address: SUI_FRAMEWORK, module: name, ...s })),
    functions: [],
  };
}

const idAndSize = [
  { name: 'id', type: 'UID' },
  { name: 'size', type: 'u64' },
];
/**
 * The Sui framework modules the Walrus contracts need beyond the ledger's own: struct definitions (no
 * functions) of `vec_map`, `table`, `object_table` and `bag`, and the real natives of `group_ops`,
 * `bls12381`, `bcs` and `hash` (`devnet/contract-runtime/natives/framework`). Register them with
 * `registerMissing` so natives the ledger gains later take precedence.
 */
export const frameworkStructModules: NativeModule[] = [
  structsOnly('vec_map', [
    {
      name: 'VecMap',
      typeParams: ['K', 'V'],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'contents', type: 'vector<0x2::vec_map::Entry<K, V>>' }],
    },
    {
      name: 'Entry',
      typeParams: ['K', 'V'],
      abilities: ['copy', 'drop', 'store'],
      fields: [
        { name: 'key', type: 'K' },
        { name: 'value', type: 'V' },
      ],
    },
  ]),
  structsOnly('table', [
    {
      name: 'Table',
      typeParams: ['K', 'V'],
      phantomParams: ['K', 'V'],
      abilities: ['key', 'store'],
      fields: idAndSize,
    },
  ]),
  structsOnly('object_table', [
    {
      name: 'ObjectTable',
      typeParams: ['K', 'V'],
      phantomParams: ['K', 'V'],
      abilities: ['key', 'store'],
      fields: idAndSize,
    },
  ]),
  structsOnly('bag', [{ name: 'Bag', typeParams: [], abilities: ['key', 'store'], fields: idAndSize }]),
  ...walrusFrameworkModules,
];
