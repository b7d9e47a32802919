/**
 * Parses Move source files into their declarations (move-ast.ts): the lexer (move-lexer.ts), the parser
 * (move-parser.ts, raw declarations) and the resolver (move-resolver.ts, every type name made `address::module::Name`).
 */
import type { MoveSourceModule } from './move-ast.js';
import { tokenizeMove } from './move-lexer.js';
import { DeclarationParser } from './move-parser.js';
import { FRAMEWORK_ADDRESSES, resolveModule } from './move-resolver.js';

/** Options for {@link parseMoveSource}. */
export interface MoveSourceOptions {
  /**
   * Named addresses (`{ walrus: '0xa' }`). `std` (0x1) and `sui` (0x2) are known unless overridden.
   * @default {}
   */
  addresses?: Record<string, string>;
  /** File name used in error messages. */
  fileName?: string;
}

/**
 * Parses the declarations of one Move source file: modules (`module a::m;` or block form), `use`
 * aliases, structs, enums, constants and function signatures. Bodies are skipped; `#[test]` and
 * `#[test_only]` items are left out, as they are not part of a published package.
 * @example parseMoveSource('module 0x1::m; public fun f(): u64 { 1 }')[0]!.functions[0]!.returns // ['u64']
 */
export function parseMoveSource(source: string, options: MoveSourceOptions = {}): MoveSourceModule[] {
  const addresses = { ...FRAMEWORK_ADDRESSES, ...options.addresses };
  try {
    return new DeclarationParser(tokenizeMove(source))
      .parseFile()
      .map((raw) => resolveModule(raw, addresses));
  } catch (error) {
    if (options.fileName && error instanceof Error) error.message = `${options.fileName}: ${error.message}`;
    throw error;
  }
}
