/**
 * Serialises a value for `--json` output: pretty-printed, bigints as decimal strings, byte arrays as 0x-hex,
 * Maps as objects and Sets as arrays, so ledger values print without throwing.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, jsonReplacer, 2);
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/** Writes to a stream and resolves once the data is handed to the OS (so a following exit cannot truncate it). */
export function writeAndDrain(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve) => {
    stream.write(text, () => resolve());
  });
}
