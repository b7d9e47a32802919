import { deriveDynamicFieldID } from '@mysten/sui/utils';
import type { MoveType } from '../../move/type-parser.js';
import { formatMoveType } from '../../move/type-parser.js';
import type { NativeContext, NativeFunction, NativeModule } from '../native-types.js';
import { option, SUI_FRAMEWORK, type UidValue } from './values.js';

const EFieldAlreadyExists = 0;
const EFieldDoesNotExist = 1;
const EFieldTypeMismatch = 2;

const FIELD = { address: SUI_FRAMEWORK, module: 'dynamic_field', name: 'Field' } as const;

/** The `Field<Name, Value>` type of a dynamic field. */
export function fieldType(name: MoveType, value: MoveType): MoveType {
  return { kind: 'struct', ...FIELD, typeArgs: [name, value] };
}

/** Object id of the field `name` (of type `nameType`) under `parent`, as Sui derives it. */
export function fieldId(ctx: NativeContext, parent: string, nameType: MoveType, name: unknown): string {
  return deriveDynamicFieldID(parent, formatMoveType(nameType), ctx.layouts.encode(nameType, name));
}

interface FieldValue {
  id: UidValue;
  name: unknown;
  value: unknown;
}

const nameAndValue: NativeFunction['typeParams'] = [
  { name: 'Name', abilities: ['copy', 'drop', 'store'] },
  { name: 'Value', abilities: ['store'] },
];

/** Looks up a field, checking presence and value type; aborts as the Move code does. */
function existing(ctx: NativeContext, uidValue: unknown, name: unknown, [nameT, valueT]: MoveType[]) {
  const parent = (uidValue as UidValue).id.bytes;
  const id = fieldId(ctx, parent, nameT!, name);
  const type = ctx.children.typeOf(parent, id);
  if (!type) ctx.abort(EFieldDoesNotExist);
  const expected = fieldType(nameT!, valueT!);
  if (type !== formatMoveType(expected)) ctx.abort(EFieldTypeMismatch);
  return { parent, id, type: expected };
}

/** `0x2::dynamic_field`: fields stored as child objects `Field<Name, Value>` owned by the parent. */
export const dynamicFieldModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'dynamic_field',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'dynamic_field',
      name: 'Field',
      typeParams: ['Name', 'Value'],
      abilities: ['key'],
      fields: [
        { name: 'id', type: 'UID' },
        { name: 'name', type: 'Name' },
        { name: 'value', type: 'Value' },
      ],
    },
  ],
  functions: [
    {
      name: 'add',
      visibility: 'public',
      isEntry: false,
      typeParams: nameAndValue,
      params: ['&mut UID', 'Name', 'Value'],
      returns: [],
      impl: (ctx, [u, name, value], [nameT, valueT]) => {
        const parent = (u as UidValue).id.bytes;
        const id = fieldId(ctx, parent, nameT!, name);
        if (ctx.children.exists(parent, id)) ctx.abort(EFieldAlreadyExists);
        const field: FieldValue = { id: { id: { bytes: id } }, name, value };
        ctx.children.add(parent, id, fieldType(nameT!, valueT!), field);
        return [];
      },
    },
    {
      name: 'borrow',
      visibility: 'public',
      isEntry: false,
      typeParams: nameAndValue,
      params: ['&UID', 'Name'],
      returns: ['&Value'],
      impl: (ctx, [u, name], typeArgs) => {
        const { parent, id, type } = existing(ctx, u, name, typeArgs);
        return [(ctx.children.borrow(parent, id, type) as FieldValue).value];
      },
    },
    {
      name: 'borrow_mut',
      visibility: 'public',
      isEntry: false,
      typeParams: nameAndValue,
      params: ['&mut UID', 'Name'],
      returns: ['&mut Value'],
      impl: (ctx, [u, name], typeArgs) => {
        const { parent, id, type } = existing(ctx, u, name, typeArgs);
        return [(ctx.children.borrow(parent, id, type) as FieldValue).value];
      },
    },
    {
      name: 'remove',
      visibility: 'public',
      isEntry: false,
      typeParams: nameAndValue,
      params: ['&mut UID', 'Name'],
      returns: ['Value'],
      impl: (ctx, [u, name], typeArgs) => {
        const { parent, id, type } = existing(ctx, u, name, typeArgs);
        return [(ctx.children.remove(parent, id, type) as FieldValue).value];
      },
    },
    {
      name: 'remove_if_exists',
      visibility: 'public',
      isEntry: false,
      typeParams: nameAndValue,
      params: ['&mut UID', 'Name'],
      returns: ['Option<Value>'],
      impl: (ctx, [u, name], [nameT, valueT]) => {
        const parent = (u as UidValue).id.bytes;
        const id = fieldId(ctx, parent, nameT!, name);
        if (ctx.children.typeOf(parent, id) !== formatMoveType(fieldType(nameT!, valueT!)))
          return [option.none()];
        return [
          option.some((ctx.children.remove(parent, id, fieldType(nameT!, valueT!)) as FieldValue).value),
        ];
      },
    },
    {
      name: 'exists_',
      visibility: 'public',
      isEntry: false,
      typeParams: [{ name: 'Name', abilities: ['copy', 'drop', 'store'] }],
      params: ['&UID', 'Name'],
      returns: ['bool'],
      impl: (ctx, [u, name], [nameT]) => {
        const parent = (u as UidValue).id.bytes;
        return [ctx.children.exists(parent, fieldId(ctx, parent, nameT!, name))];
      },
    },
    {
      name: 'exists_with_type',
      visibility: 'public',
      isEntry: false,
      typeParams: nameAndValue,
      params: ['&UID', 'Name'],
      returns: ['bool'],
      impl: (ctx, [u, name], [nameT, valueT]) => {
        const parent = (u as UidValue).id.bytes;
        const type = ctx.children.typeOf(parent, fieldId(ctx, parent, nameT!, name));
        return [type === formatMoveType(fieldType(nameT!, valueT!))];
      },
    },
  ],
};

/** `0x2::dynamic_object_field`: only the name wrapper, so object tables can be laid out and listed. */
export const dynamicObjectFieldModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'dynamic_object_field',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'dynamic_object_field',
      name: 'Wrapper',
      typeParams: ['Name'],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'name', type: 'Name' }],
    },
  ],
  functions: [],
};
