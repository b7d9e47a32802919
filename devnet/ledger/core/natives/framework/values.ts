/** Shapes of framework values as the layout cache decodes them, and small helpers over them. */

export interface IdValue {
  bytes: string;
}
export interface UidValue {
  id: IdValue;
}
export interface BalanceValue {
  value: bigint;
}
export interface CoinValue {
  id: UidValue;
  balance: BalanceValue;
}
export interface OptionValue<T> {
  vec: T[];
}

/** A new UID value for an object id. */
export function uid(id: string): UidValue {
  return { id: { bytes: id } };
}

/** The object id inside any value whose first field is a UID (every `key` struct). */
export function objectIdOf(value: unknown): string {
  const id = (value as { id?: UidValue } | null)?.id?.id?.bytes;
  if (typeof id !== 'string') throw new Error('Value is not an object (no UID field)');
  return id;
}

/** Move `Option<T>` helpers. */
export const option = {
  some: <T>(value: T): OptionValue<T> => ({ vec: [value] }),
  none: <T>(): OptionValue<T> => ({ vec: [] }),
  get: <T>(value: OptionValue<T>): T | undefined => value.vec[0],
};

export const SUI_FRAMEWORK = '0x0000000000000000000000000000000000000000000000000000000000000002';
export const MOVE_STDLIB = '0x0000000000000000000000000000000000000000000000000000000000000001';
export const SUI_SYSTEM = '0x0000000000000000000000000000000000000000000000000000000000000003';
export const SUI_TYPE = `${SUI_FRAMEWORK}::sui::SUI`;
export const SUI_COIN_TYPE = `${SUI_FRAMEWORK}::coin::Coin<${SUI_TYPE}>`;
/** Every `Coin<T>` type starts with this (then `T>`). */
export const COIN_TYPE_PREFIX = `${SUI_FRAMEWORK}::coin::Coin<`;
export const CLOCK_ID = '0x0000000000000000000000000000000000000000000000000000000000000006';
export const U64_MAX = (1n << 64n) - 1n;
