/**
 * The Move standard library modules the ledger implements (contracts/std): `0x1::option` (`{ vec: vector<T> }`),
 * `0x1::string` (UTF-8 bytes) and `0x1::ascii` (ASCII bytes, used by type names and coin metadata).
 */
import { FRAMEWORK_ABORT_CODES } from '../../generated/move-types.js';
import { implement } from '../support/implement.js';

/** The natives of `0x1::option`. */
export const optionNatives = implement('option', {
  some: (_ctx, [e]) => [{ vec: [e] }],
  none: () => [{ vec: [] }],
  is_some: (_ctx, [o]) => [o.vec.length > 0],
  is_none: (_ctx, [o]) => [o.vec.length === 0],
});

/** The natives of `0x1::string`. */
export const stringNatives = implement('string', {
  utf8(ctx, [bytes]) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      ctx.abort(FRAMEWORK_ABORT_CODES.string.EInvalidUTF8);
    }
    return [{ bytes }];
  },
});

/** The natives of `0x1::ascii`. */
export const asciiNatives = implement('ascii', {
  string(ctx, [bytes]) {
    if (bytes.some((b) => b > 0x7f)) ctx.abort(FRAMEWORK_ABORT_CODES.ascii.EInvalidASCIICharacter);
    return [{ bytes }];
  },
});
