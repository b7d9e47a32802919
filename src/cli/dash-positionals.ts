/**
 * Blob ids are unpadded base64url (43 characters), so one in 64 starts with `-`, and oclif reads such an argument
 * as an unknown flag (`Nonexistent flag: -uOrEw…`). `walrus blob read <id>` must take every id it prints, so before
 * parsing, argv is rewritten to put its positionals after `--` (in their order), where oclif takes them as they are,
 * whenever one of them looks like a blob id starting with `-`. Nothing else about parsing changes: flags and their
 * values stay where they were, and without such a token argv is returned untouched.
 */

/** The flag definitions oclif parses with, reduced to what tells a flag's value from a positional. */
export interface FlagShapes {
  [name: string]: { type: 'boolean' | 'option'; char?: string } | undefined;
}

/** A blob id (32 bytes, base64url without padding) that oclif would take for a flag. */
const DASHED_BLOB_ID = /^-[A-Za-z0-9_-]{42}$/;

/** `argv` with its positionals moved after `--` if one of them is a blob id starting with `-`; else `argv`. */
export function dashPositionalsLast(argv: readonly string[], flags: FlagShapes): string[] {
  if (!argv.some((token) => DASHED_BLOB_ID.test(token))) return [...argv];
  const takesValue = optionNames(flags);
  const flagTokens: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (DASHED_BLOB_ID.test(token) || !token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    flagTokens.push(token);
    if (takesValue.has(token) && i + 1 < argv.length) flagTokens.push(argv[++i]!);
  }
  return [...flagTokens, '--', ...positionals];
}

/** `--name` and `-c` of every flag that takes a value (`--name=value` carries its own). */
function optionNames(flags: FlagShapes): Set<string> {
  const names = new Set<string>();
  for (const [name, flag] of Object.entries(flags)) {
    if (flag?.type !== 'option') continue;
    names.add(`--${name}`);
    if (flag.char) names.add(`-${flag.char}`);
  }
  return names;
}
