/**
 * The Move abort constant behind a failed transaction's error. Sui reports an abort as the aborting module and
 * function plus a numeric code (the SDK: "MoveAbort in 1st command, abort code: 2, in '0x…::system::…'"; the
 * devnet ledger: "MoveAbort in 0x…::system::… with code 2"); the name comes from the contracts' constants.
 */
import { ABORT_CODES } from '../../devnet/index.js';

const PATTERNS = [
  /abort code: (\d+), in '0x[0-9a-fA-F]+::(\w+)::\w+'/,
  /MoveAbort in 0x[0-9a-fA-F]+::(\w+)::\w+ with code (\d+)/,
];

/** `{ module, code, name }` of the abort an error message describes, or undefined if it is not a Move abort. */
export function abortOf(
  message: string,
): { module: string; code: number; name: string | undefined } | undefined {
  for (const [index, pattern] of PATTERNS.entries()) {
    const match = pattern.exec(message);
    if (!match) continue;
    const [module, code] = index === 0 ? [match[2]!, Number(match[1])] : [match[1]!, Number(match[2])];
    const constants = (ABORT_CODES as Record<string, Record<string, number>>)[module] ?? {};
    const name = Object.entries(constants).find(([, value]) => value === code)?.[0];
    return { module, code, name };
  }
  return undefined;
}

/** Every abort constant the contracts declare, once each. */
function abortNames(): Set<string> {
  return new Set(Object.values(ABORT_CODES as Record<string, Record<string, number>>).flatMap(Object.keys));
}

/**
 * Why `name` can never match an abort, with the declared constants it resembles (e.g. `EInvalidEpochs` →
 * `EInvalidEpochsAhead`), or undefined if some module declares it.
 */
export function unknownAbortName(name: string): string | undefined {
  const names = abortNames();
  if (names.has(name)) return undefined;
  const stem = name.toLowerCase().replace(/^e/, '');
  const similar = [...names].filter((known) => {
    const other = known.toLowerCase().replace(/^e/, '');
    return stem.length > 2 && (other.includes(stem) || stem.includes(other));
  });
  return `no Walrus contract declares an abort constant ${name}${similar.length > 0 ? ` (did you mean ${similar.sort().join(' or ')}?)` : ''}`;
}
