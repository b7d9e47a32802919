/** The dotted keys a config sets (leaves only: `devnet.ports.rpc`, not `devnet.ports`). */
export function listKeys(config: object): string[] {
  const keys: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value))
        if (child !== undefined) walk(child, `${prefix}${key}.`);
    } else {
      keys.push(prefix.slice(0, -1));
    }
  };
  walk(config, '');
  return keys;
}
