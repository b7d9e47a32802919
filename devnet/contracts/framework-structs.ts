import type { StructDef } from '../ledger/core/move/layouts.js';
import { SUI_FRAMEWORK } from '../ledger/core/natives/framework/values.js';
import type { NativeModule } from '../ledger/core/natives/native-types.js';

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
/** `struct G1 {}` and its kin: marker types, one compiler-added bool. */
const marker = (name: string): StructSpec => ({
  name,
  typeParams: [],
  abilities: [],
  fields: [{ name: 'dummy_field', type: 'bool' }],
});

/**
 * Struct definitions (no functions) of the Sui framework types the Walrus contracts store but the
 * ledger has no natives for yet: `vec_map`, `table`, `object_table`, `bag`, `group_ops`,
 * `bls12381` and `bcs`. Register them with `registerMissing` so real natives take precedence.
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
  structsOnly('group_ops', [
    {
      name: 'Element',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'bytes', type: 'vector<u8>' }],
    },
  ]),
  structsOnly('bls12381', ['Scalar', 'G1', 'G2', 'GT', 'UncompressedG1'].map(marker)),
  structsOnly('bcs', [
    {
      name: 'BCS',
      typeParams: [],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'bytes', type: 'vector<u8>' }],
    },
  ]),
];
