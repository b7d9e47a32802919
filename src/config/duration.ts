const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/gy;

/**
 * Parses a duration string such as `"500ms"`, `"30s"`, `"10m"`, `"1.5h"` or `"1h30m"` into milliseconds.
 * Returns undefined when the string is not a duration (a bare number without a unit is not one).
 */
export function parseDuration(text: string): number | undefined {
  const source = text.trim();
  if (source === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (;;) {
    while (source[consumed] === ' ') consumed++;
    if (consumed === source.length) break;
    PART.lastIndex = consumed;
    const match = PART.exec(source);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed = PART.lastIndex;
  }
  return Math.round(total);
}

/** Formats milliseconds compactly: 60000 → "1m", 90000 → "1m30s", 1500 → "1.5s", 250 → "250ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest / 1000}s`);
  return parts.join('');
}
