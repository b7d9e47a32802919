/** Plain-text tables for command output. */

/**
 * Pads cells into aligned columns (two spaces apart); the columns in `right` are right-aligned (amounts).
 * Trailing spaces are trimmed.
 */
export function alignColumns(rows: string[][], right: number[] = []): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) =>
        right.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd(),
  );
}
