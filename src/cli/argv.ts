/*
 * Raw argv inspection for the places that run before (or without) oclif's parser: the error renderer and the
 * unknown-command hook must know whether `--json` / `--verbose` were asked for even when parsing never happened.
 */

/** True when `flag` (e.g. `--json`) appears before any `--` terminator. */
export function hasFlag(argv: readonly string[], flag: string): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === flag) return true;
  }
  return false;
}

/** `--json` was given (or WALRUS_CONTENT_TYPE=json, oclif's environment switch for the same thing). */
export function isJsonMode(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return hasFlag(argv, '--json') || env.WALRUS_CONTENT_TYPE?.toLowerCase() === 'json';
}

/** `--verbose` was given (or WALRUS_VERBOSE is set to something other than 0/false). */
export function isVerbose(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const fromEnv = env.WALRUS_VERBOSE;
  return (
    hasFlag(argv, '--verbose') || (fromEnv !== undefined && fromEnv !== '' && !/^(0|false)$/i.test(fromEnv))
  );
}
