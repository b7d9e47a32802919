import { inspect } from 'node:util';
import type { WalrusError } from '../errors/walrus-error.js';
import { toJson } from './json.js';

export interface RenderErrorOptions {
  /** `--json`: the error document goes to stdout. */
  json: boolean;
  /** `--verbose`: stacks (of the error and its causes) go to stderr. */
  verbose: boolean;
  /** Colour the human output. Default: stderr is a TTY and NO_COLOR is unset. */
  color?: boolean;
}

export interface RenderedError {
  stdout: string;
  stderr: string;
}

/**
 * Renders an error for the terminal. Human mode: `Error: <message>` and `Hint: <hint>` on stderr. JSON mode:
 * `{ "error": { "code", "message", "hint"? } }` on stdout and nothing else there. Stacks only with `verbose`.
 */
export function renderError(error: WalrusError, options: RenderErrorOptions): RenderedError {
  const color =
    options.color ?? (Boolean(process.stderr.isTTY) && process.env.NO_COLOR === undefined && !options.json);
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const trace = options.verbose ? stackTrace(error) : '';
  if (options.json) {
    return { stdout: `${toJson({ error: error.toJSON() })}\n`, stderr: trace ? `${trace}\n` : '' };
  }
  let stderr = `${paint('1;31', 'Error:')} ${error.message}\n`;
  if (error.hint) stderr += `${paint('2', 'Hint:')} ${error.hint}\n`;
  if (trace) stderr += `\n${trace}\n`;
  return { stdout: '', stderr };
}

/** The error's stack followed by each `cause`'s, as `Caused by:` blocks. */
export function stackTrace(error: unknown): string {
  const blocks: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    const text =
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : inspect(current);
    blocks.push(blocks.length === 0 ? text : `Caused by: ${text}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return blocks.join('\n');
}
