import type { NativeFunction, NativeModule } from '../native-types.js';
import { type BalanceValue, SUI_FRAMEWORK, U64_MAX } from './values.js';

const ENonZero = 0;
const EOverflow = 1;
const ENotEnough = 2;

/** The single unconstrained type parameter `T` most of these functions take. */
export const typeParams = (): NativeFunction['typeParams'] => [{ name: 'T', abilities: [] }];

/** `0x2::balance`: Balance<T> and Supply<T>, exact u64 arithmetic with Sui's abort codes. */
export const balanceModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'balance',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'balance',
      name: 'Balance',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['store'],
      fields: [{ name: 'value', type: 'u64' }],
    },
    {
      address: SUI_FRAMEWORK,
      module: 'balance',
      name: 'Supply',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['store'],
      fields: [{ name: 'value', type: 'u64' }],
    },
  ],
  functions: [
    {
      name: 'value',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&Balance<T>'],
      returns: ['u64'],
      impl: (_c, [b]) => [(b as BalanceValue).value],
    },
    {
      name: 'supply_value',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&Supply<T>'],
      returns: ['u64'],
      impl: (_c, [s]) => [(s as BalanceValue).value],
    },
    {
      name: 'zero',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: [],
      returns: ['Balance<T>'],
      impl: () => [{ value: 0n }],
    },
    {
      name: 'join',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Balance<T>', 'Balance<T>'],
      returns: ['u64'],
      impl: (ctx, [a, b]) => {
        const self = a as BalanceValue;
        const sum = self.value + (b as BalanceValue).value;
        if (sum > U64_MAX) ctx.abort(EOverflow);
        self.value = sum;
        return [sum];
      },
    },
    {
      name: 'split',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Balance<T>', 'u64'],
      returns: ['Balance<T>'],
      impl: (ctx, [a, amount]) => {
        const self = a as BalanceValue;
        if (self.value < (amount as bigint)) ctx.abort(ENotEnough);
        self.value -= amount as bigint;
        return [{ value: amount }];
      },
    },
    {
      name: 'withdraw_all',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Balance<T>'],
      returns: ['Balance<T>'],
      impl: (_ctx, [a]) => {
        const self = a as BalanceValue;
        const value = self.value;
        self.value = 0n;
        return [{ value }];
      },
    },
    {
      name: 'destroy_zero',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['Balance<T>'],
      returns: [],
      impl: (ctx, [b]) => {
        if ((b as BalanceValue).value !== 0n) ctx.abort(ENonZero);
        return [];
      },
    },
    {
      name: 'increase_supply',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Supply<T>', 'u64'],
      returns: ['Balance<T>'],
      impl: (ctx, [s, amount]) => {
        const supply = s as BalanceValue;
        if (supply.value + (amount as bigint) > U64_MAX) ctx.abort(EOverflow);
        supply.value += amount as bigint;
        return [{ value: amount }];
      },
    },
    {
      name: 'decrease_supply',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Supply<T>', 'Balance<T>'],
      returns: ['u64'],
      impl: (ctx, [s, b]) => {
        const supply = s as BalanceValue;
        const amount = (b as BalanceValue).value;
        if (supply.value < amount) ctx.abort(EOverflow);
        supply.value -= amount;
        return [amount];
      },
    },
  ],
};
