import type { NativeModule } from '../native-types.js';
import { MOVE_STDLIB, type OptionValue } from './values.js';

/** `0x1::option`: Option<T> is `{ vec: vector<T> }`. */
export const optionModule: NativeModule = {
  address: MOVE_STDLIB,
  name: 'option',
  structs: [
    {
      address: MOVE_STDLIB,
      module: 'option',
      name: 'Option',
      typeParams: ['Element'],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'vec', type: 'vector<Element>' }],
    },
  ],
  functions: [
    {
      name: 'some',
      visibility: 'public',
      isEntry: false,
      typeParams: [{ name: 'Element', abilities: [] }],
      params: ['Element'],
      returns: ['Option<Element>'],
      impl: (_ctx, [e]) => [{ vec: [e] }],
    },
    {
      name: 'none',
      visibility: 'public',
      isEntry: false,
      typeParams: [{ name: 'Element', abilities: [] }],
      params: [],
      returns: ['Option<Element>'],
      impl: () => [{ vec: [] }],
    },
    {
      name: 'is_some',
      visibility: 'public',
      isEntry: false,
      typeParams: [{ name: 'Element', abilities: [] }],
      params: ['&Option<Element>'],
      returns: ['bool'],
      impl: (_ctx, [o]) => [(o as OptionValue<unknown>).vec.length > 0],
    },
    {
      name: 'is_none',
      visibility: 'public',
      isEntry: false,
      typeParams: [{ name: 'Element', abilities: [] }],
      params: ['&Option<Element>'],
      returns: ['bool'],
      impl: (_ctx, [o]) => [(o as OptionValue<unknown>).vec.length === 0],
    },
  ],
};

/** `0x1::string`: UTF-8 strings as `{ bytes: vector<u8> }`. */
export const stringModule: NativeModule = {
  address: MOVE_STDLIB,
  name: 'string',
  structs: [
    {
      address: MOVE_STDLIB,
      module: 'string',
      name: 'String',
      typeParams: [],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'bytes', type: 'vector<u8>' }],
    },
  ],
  functions: [
    {
      name: 'utf8',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['vector<u8>'],
      returns: ['String'],
      impl: (ctx, [bytes]) => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes as Uint8Array);
        } catch {
          ctx.abort(1); // EInvalidUTF8
        }
        return [{ bytes }];
      },
    },
  ],
};

/** `0x1::ascii`: ASCII strings, used by type names and coin metadata. */
export const asciiModule: NativeModule = {
  address: MOVE_STDLIB,
  name: 'ascii',
  structs: [
    {
      address: MOVE_STDLIB,
      module: 'ascii',
      name: 'String',
      typeParams: [],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'bytes', type: 'vector<u8>' }],
    },
  ],
  functions: [
    {
      name: 'string',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['vector<u8>'],
      returns: ['0x1::ascii::String'],
      impl: (ctx, [bytes]) => {
        if ((bytes as Uint8Array).some((b) => b > 0x7f)) ctx.abort(65536); // EInvalidASCIICharacter
        return [{ bytes }];
      },
    },
  ],
};
