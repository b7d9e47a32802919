/**
 * How the CLI, the dashboard and the library's messages write ids, sizes, token amounts and times: one helper per
 * job (durations are `formatDuration` in src/config/duration.ts, the inverse of `parseDuration`).
 */

/** `0x1234…abcd`. */
export function shortId(id: string, head = 6, tail = 4): string {
  return id.length <= head + tail + 1 ? id : `${id.slice(0, head)}…${tail > 0 ? id.slice(-tail) : ''}`;
}

/** Bytes as B/KiB/MiB/GiB with one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The tokens the CLI shows: SUI (in MIST) and WAL (in FROST), both with 9 decimals. */
export type TokenSymbol = 'SUI' | 'WAL';

/**
 * A 9-decimal token amount (MIST or FROST) as a decimal with thousands separators, e.g. `1,234.5` or
 * `0.00000021`; with a symbol, `1,234.5 WAL`.
 */
export function formatToken(atomic: string | bigint, symbol?: TokenSymbol): string {
  const value = BigInt(atomic);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / 1_000_000_000n).toLocaleString('en-US');
  const fraction = (abs % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const amount = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  return symbol ? `${amount} ${symbol}` : amount;
}

/** A time as `2026-12-03 16:05 UTC` (minutes; for expiry times, which are estimates). */
export function formatWallClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
