import type { StructDef } from '../ledger/core/move/layouts.js';
import type { NativeModule } from '../ledger/core/natives/native-types.js';
import type { MoveFieldDecl, MoveSourceModule, MoveStructDecl } from './move-ast.js';

/** The field the Move compiler gives a struct declared without fields (`struct S {}`, `struct S()`). */
export const DUMMY_FIELD = { name: 'dummy_field', type: 'bool' } as const;

/**
 * A parsed struct or enum as the ledger lays it out: the compiled view, where a struct without
 * fields has one `dummy_field: bool` (so `struct Key()` serializes as one byte, as on chain).
 * @example toStructDef(module, module.structs[0]!).fields // [{ name: 'id', type: '0x…02::object::UID' }, …]
 */
export function toStructDef(module: MoveSourceModule, decl: MoveStructDecl): StructDef {
  const fields = (list: MoveFieldDecl[]) => list.map(({ name, type }) => ({ name, type }));
  const phantomParams = decl.typeParams.filter((p) => p.phantom).map((p) => p.name);
  const def: StructDef = {
    address: module.address,
    module: module.name,
    name: decl.name,
    typeParams: decl.typeParams.map((p) => p.name),
    abilities: [...decl.abilities],
  };
  if (phantomParams.length) def.phantomParams = phantomParams;
  if (decl.kind === 'enum') {
    def.variants = decl.variants.map((v) => ({ name: v.name, fields: fields(v.fields) }));
  } else {
    def.fields = decl.fields.length ? fields(decl.fields) : [{ ...DUMMY_FIELD }];
  }
  return def;
}

/**
 * A `NativeModule` with the module's structs and no functions: enough for a `NativeRegistry` to
 * lay out the module's values before its natives exist.
 * @example registry.register(toStructModule(walrusSystem))
 */
export function toStructModule(module: MoveSourceModule): NativeModule {
  return {
    address: module.address,
    name: module.name,
    structs: module.structs.map((s) => toStructDef(module, s)),
    functions: [],
  };
}
