/** Tokens of Move source, enough for declarations: bodies are skipped by bracket matching. */

/** What a token is. `punct` covers operators and delimiters, one or two characters long. */
export type MoveTokenKind = 'ident' | 'number' | 'bytes' | 'punct';

/** One token with its 1-based source line, for error messages. */
export interface MoveToken {
  kind: MoveTokenKind;
  text: string;
  line: number;
}

/** A syntax error with the line it was found on. */
export class MoveSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'MoveSyntaxError';
  }
}

// `::` must stay one token (paths); `>` never joins another `>` so `vector<vector<u8>>` closes twice.
const TWO_CHAR_PUNCT = new Set(['::', '==', '!=', '<=', '&&', '||', '=>', '->', '..', '<<']);

const isIdentStart = (c: string) => /[A-Za-z_$]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_$]/.test(c);

/**
 * Splits Move source into tokens, dropping whitespace and comments (line, block and doc comments).
 * Byte strings (`b"…"`, `x"…"`) are single `bytes` tokens, so `//` inside them is not a comment.
 * @example tokenizeMove('module a::b;').map((t) => t.text) // ['module', 'a', '::', 'b', ';']
 */
export function tokenizeMove(source: string): MoveToken[] {
  const tokens: MoveToken[] = [];
  let pos = 0;
  let line = 1;
  const length = source.length;

  while (pos < length) {
    const c = source[pos]!;
    if (c === '\n') {
      line++;
      pos++;
      continue;
    }
    if (/\s/.test(c)) {
      pos++;
      continue;
    }
    if (c === '/' && source[pos + 1] === '/') {
      while (pos < length && source[pos] !== '\n') pos++;
      continue;
    }
    if (c === '/' && source[pos + 1] === '*') {
      const start = line;
      pos += 2;
      let depth = 1; // Move block comments nest
      while (pos < length && depth > 0) {
        if (source[pos] === '\n') line++;
        if (source[pos] === '/' && source[pos + 1] === '*') {
          depth++;
          pos += 2;
        } else if (source[pos] === '*' && source[pos + 1] === '/') {
          depth--;
          pos += 2;
        } else pos++;
      }
      if (depth > 0) throw new MoveSyntaxError('unterminated block comment', start);
      continue;
    }
    if ((c === 'b' || c === 'x') && source[pos + 1] === '"') {
      const start = pos;
      const startLine = line;
      pos += 2;
      while (pos < length && source[pos] !== '"') {
        if (source[pos] === '\\') pos++;
        if (source[pos] === '\n') line++;
        pos++;
      }
      if (pos >= length) throw new MoveSyntaxError('unterminated byte string', startLine);
      pos++;
      tokens.push({ kind: 'bytes', text: source.slice(start, pos), line: startLine });
      continue;
    }
    if (isIdentStart(c)) {
      const start = pos;
      while (pos < length && isIdentPart(source[pos]!)) pos++;
      tokens.push({ kind: 'ident', text: source.slice(start, pos), line });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const start = pos;
      if (c === '0' && source[pos + 1] === 'x') pos += 2;
      while (pos < length && /[0-9A-Za-z_]/.test(source[pos]!)) pos++;
      tokens.push({ kind: 'number', text: source.slice(start, pos), line });
      continue;
    }
    const two = source.slice(pos, pos + 2);
    if (TWO_CHAR_PUNCT.has(two)) {
      tokens.push({ kind: 'punct', text: two, line });
      pos += 2;
      continue;
    }
    tokens.push({ kind: 'punct', text: c, line });
    pos++;
  }
  return tokens;
}
