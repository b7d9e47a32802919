/** Where dynamic fields live: the `Field<Name, Value>` type and the child object id Sui derives for a name. */
import { deriveDynamicFieldID } from '@mysten/sui/utils';
import type { MoveType } from '../../move/type-parser.js';
import { formatMoveType } from '../../move/type-parser.js';
import type { NativeContext } from '../native-types.js';
import { SUI_FRAMEWORK } from './values.js';

const FIELD = { address: SUI_FRAMEWORK, module: 'dynamic_field', name: 'Field' } as const;

/** The `Field<Name, Value>` type of a dynamic field. */
export function fieldType(name: MoveType, value: MoveType): MoveType {
  return { kind: 'struct', ...FIELD, typeArgs: [name, value] };
}

/** Object id of the field `name` (of type `nameType`) under `parent`, as Sui derives it. */
export function fieldId(ctx: NativeContext, parent: string, nameType: MoveType, name: unknown): string {
  return deriveDynamicFieldID(parent, formatMoveType(nameType), ctx.layouts.encode(nameType, name));
}
