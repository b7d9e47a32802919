/**
 * Edit distance between two strings (case-sensitive): insertions, deletions, substitutions and transpositions of
 * adjacent characters each cost 1 (optimal string alignment), so `rcp` is one edit from `rpc`.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * How far `candidate` is from `input` if it is a plausible typo of it, else undefined. Plausible: within a third of
 * the longer word's length (at least 1, at most 3 edits), compared case-insensitively; a candidate that extends the
 * input (`nodes` for `node`) also counts.
 */
export function typoDistance(input: string, candidate: string): number | undefined {
  const needle = input.toLowerCase();
  const hay = candidate.toLowerCase();
  const distance = editDistance(needle, hay);
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(needle.length, hay.length) / 3)));
  return distance <= limit || (needle.length >= 3 && hay.startsWith(needle)) ? distance : undefined;
}

/** The candidate closest to `input`, if any is a plausible typo of it (see {@link typoDistance}). */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = typoDistance(input, candidate);
    if (distance !== undefined && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
