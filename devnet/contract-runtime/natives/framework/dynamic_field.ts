/**
 * `0x2::dynamic_field` (contracts/sui/sources/dynamic_field.move): fields stored as child objects
 * `Field<Name, Value>` owned by the parent, at the ids `fieldId` derives as Sui does.
 */
import { formatMoveType, type MoveType } from '../../../ledger/core/move/type-parser.js';
import { fieldId, fieldType } from '../../../ledger/core/natives/framework/dynamic-field.js';
import { option, type UidValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import { FRAMEWORK_ABORT_CODES } from '../../generated/move-types.js';
import { implement } from '../support/implement.js';

const { EFieldAlreadyExists, EFieldDoesNotExist, EFieldTypeMismatch } = FRAMEWORK_ABORT_CODES.dynamic_field;

/** A `Field<Name, Value>` child object, decoded. */
interface FieldValue {
  id: UidValue;
  name: unknown;
  value: unknown;
}

/** Looks up a field, checking presence and value type; aborts as the Move code does. */
function existing(ctx: NativeContext, uid: UidValue, name: unknown, [nameT, valueT]: MoveType[]) {
  const parent = uid.id.bytes;
  const id = fieldId(ctx, parent, nameT!, name);
  const type = ctx.children.typeOf(parent, id);
  if (!type) ctx.abort(EFieldDoesNotExist);
  const expected = fieldType(nameT!, valueT!);
  if (type !== formatMoveType(expected)) ctx.abort(EFieldTypeMismatch);
  return { parent, id, type: expected };
}

/** The value of an existing field, borrowed in place. */
function borrowed(ctx: NativeContext, uid: UidValue, name: unknown, typeArgs: MoveType[]): [unknown] {
  const { parent, id, type } = existing(ctx, uid, name, typeArgs);
  return [(ctx.children.borrow(parent, id, type) as FieldValue).value];
}

/** The natives of `0x2::dynamic_field`. */
export const dynamicFieldNatives = implement('dynamic_field', {
  add(ctx, [uid, name, value], [nameT, valueT]) {
    const parent = uid.id.bytes;
    const id = fieldId(ctx, parent, nameT!, name);
    if (ctx.children.exists(parent, id)) ctx.abort(EFieldAlreadyExists);
    const field: FieldValue = { id: { id: { bytes: id } }, name, value };
    ctx.children.add(parent, id, fieldType(nameT!, valueT!), field);
    return [];
  },
  borrow: (ctx, [uid, name], typeArgs) => borrowed(ctx, uid, name, typeArgs),
  borrow_mut: (ctx, [uid, name], typeArgs) => borrowed(ctx, uid, name, typeArgs),
  remove(ctx, [uid, name], typeArgs) {
    const { parent, id, type } = existing(ctx, uid, name, typeArgs);
    return [(ctx.children.remove(parent, id, type) as FieldValue).value];
  },
  remove_if_exists(ctx, [uid, name], [nameT, valueT]) {
    const parent = uid.id.bytes;
    const id = fieldId(ctx, parent, nameT!, name);
    const type = fieldType(nameT!, valueT!);
    if (ctx.children.typeOf(parent, id) !== formatMoveType(type)) return [option.none()];
    return [option.some((ctx.children.remove(parent, id, type) as FieldValue).value)];
  },
  exists_(ctx, [uid, name], [nameT]) {
    const parent = uid.id.bytes;
    return [ctx.children.exists(parent, fieldId(ctx, parent, nameT!, name))];
  },
  exists_with_type(ctx, [uid, name], [nameT, valueT]) {
    const parent = uid.id.bytes;
    const type = ctx.children.typeOf(parent, fieldId(ctx, parent, nameT!, name));
    return [type === formatMoveType(fieldType(nameT!, valueT!))];
  },
});
