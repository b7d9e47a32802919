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

/**
 * Formats milliseconds compactly, the inverse of {@link parseDuration}: 60000 → "1m", 90000 → "1m30s",
 * 1500 → "1.5s", 250 → "250ms", 0 (or less) → "0s". The one duration format of the CLI (config, flags, dashboard).
 */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
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

/** A countdown rounded to whole seconds (never negative), for {@link formatDuration}: 64_600 → 65_000. */
export function wholeSeconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000)) * 1000;
}
