/** Quotes a word for a POSIX shell, so a printed command works when pasted (`it's.bin` → `'it'\''s.bin'`). */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
