import { normalizeSuiAddress } from '@mysten/sui/utils';

/**
 * A Move type as a tree. `param` appears only in signatures and struct definitions
 * (`T` or index-based), never in a concrete runtime type.
 */
export type MoveType =
  | { kind: 'bool' | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256' | 'address' | 'signer' }
  | { kind: 'vector'; element: MoveType }
  | { kind: 'struct'; address: string; module: string; name: string; typeArgs: MoveType[] }
  | { kind: 'param'; index: number; name: string };

const PRIMITIVES = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'address', 'signer']);

/**
 * Parses a Move type string such as `0x2::coin::Coin<0x2::sui::SUI>` or `vector<T>`.
 * Names listed in `typeParams` become `param` nodes.
 * @example parseMoveType('vector<u8>') // { kind: 'vector', element: { kind: 'u8' } }
 */
export function parseMoveType(
  source: string,
  typeParams: readonly string[] = [],
  resolveName?: (shortName: string) => string | undefined,
): MoveType {
  let pos = 0;
  const text = source.replace(/\s+/g, '');

  function parse(): MoveType {
    const start = pos;
    while (pos < text.length && !'<>,'.includes(text[pos]!)) pos++;
    const head = text.slice(start, pos);
    if (!head) throw new Error(`Invalid Move type "${source}"`);
    let args: MoveType[] = [];
    if (text[pos] === '<') {
      pos++;
      args.push(parse());
      while (text[pos] === ',') {
        pos++;
        args.push(parse());
      }
      if (text[pos] !== '>') throw new Error(`Invalid Move type "${source}": expected ">"`);
      pos++;
    } else {
      args = [];
    }
    if (head === 'vector') {
      if (args.length !== 1) throw new Error(`Invalid Move type "${source}": vector takes one argument`);
      return { kind: 'vector', element: args[0]! };
    }
    if (PRIMITIVES.has(head)) return { kind: head as 'bool' };
    const paramIndex = typeParams.indexOf(head);
    if (paramIndex >= 0) return { kind: 'param', index: paramIndex, name: head };
    const parts = (head.includes('::') ? head : (resolveName?.(head) ?? head)).split('::');
    if (parts.length !== 3) throw new Error(`Invalid Move type "${source}": "${head}" is not a struct name`);
    return {
      kind: 'struct',
      address: normalizeSuiAddress(parts[0]!),
      module: parts[1]!,
      name: parts[2]!,
      typeArgs: args,
    };
  }

  const result = parse();
  if (pos !== text.length) throw new Error(`Invalid Move type "${source}": unexpected "${text.slice(pos)}"`);
  return result;
}

/** Formats a type with full-length addresses: the canonical string the ledger uses as a key. */
export function formatMoveType(type: MoveType): string {
  switch (type.kind) {
    case 'vector':
      return `vector<${formatMoveType(type.element)}>`;
    case 'struct': {
      const base = `${type.address}::${type.module}::${type.name}`;
      return type.typeArgs.length ? `${base}<${type.typeArgs.map(formatMoveType).join(', ')}>` : base;
    }
    case 'param':
      return type.name;
    default:
      return type.kind;
  }
}

/** Replaces `param` nodes with concrete types. */
export function substituteType(type: MoveType, typeArgs: readonly MoveType[]): MoveType {
  switch (type.kind) {
    case 'param': {
      const arg = typeArgs[type.index];
      if (!arg) throw new Error(`Missing type argument ${type.index} (${type.name})`);
      return arg;
    }
    case 'vector':
      return { kind: 'vector', element: substituteType(type.element, typeArgs) };
    case 'struct':
      return { ...type, typeArgs: type.typeArgs.map((t) => substituteType(t, typeArgs)) };
    default:
      return type;
  }
}

/** Canonical string of a type string (full addresses, no spaces after normalisation of commas). */
export function normalizeMoveType(source: string): string {
  return formatMoveType(parseMoveType(source));
}

/** `0x…02::coin::Coin` for a struct type (without type arguments). */
export function structBaseName(type: MoveType & { kind: 'struct' }): string {
  return `${type.address}::${type.module}::${type.name}`;
}
