import type { NativeModule } from '../native-types.js';
import { typeParams } from './balance.js';
import { type BalanceValue, type CoinValue, SUI_FRAMEWORK, U64_MAX, type UidValue, uid } from './values.js';

const EInvalidArg = 1;
const ENotEnough = 2;

interface TreasuryCapValue {
  id: UidValue;
  total_supply: BalanceValue;
}

/** `0x2::coin`: Coin<T>, TreasuryCap<T> and CoinMetadata<T>. */
export const coinModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'coin',
  imports: { Supply: '0x2::balance::Supply', AsciiString: '0x1::ascii::String', Url: '0x2::url::Url' },
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'coin',
      name: 'Coin',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['key', 'store'],
      fields: [
        { name: 'id', type: 'UID' },
        { name: 'balance', type: 'Balance<T>' },
      ],
    },
    {
      address: SUI_FRAMEWORK,
      module: 'coin',
      name: 'TreasuryCap',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['key', 'store'],
      fields: [
        { name: 'id', type: 'UID' },
        { name: 'total_supply', type: 'Supply<T>' },
      ],
    },
    {
      address: SUI_FRAMEWORK,
      module: 'coin',
      name: 'CoinMetadata',
      typeParams: ['T'],
      phantomParams: ['T'],
      abilities: ['key', 'store'],
      fields: [
        { name: 'id', type: 'UID' },
        { name: 'decimals', type: 'u8' },
        { name: 'name', type: 'String' },
        { name: 'symbol', type: 'AsciiString' },
        { name: 'description', type: 'String' },
        { name: 'icon_url', type: 'Option<Url>' },
      ],
    },
  ],
  functions: [
    {
      name: 'value',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&Coin<T>'],
      returns: ['u64'],
      impl: (_c, [c]) => [(c as CoinValue).balance.value],
    },
    {
      name: 'balance',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&Coin<T>'],
      returns: ['&Balance<T>'],
      impl: (_c, [c]) => [(c as CoinValue).balance],
    },
    {
      name: 'balance_mut',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Coin<T>'],
      returns: ['&mut Balance<T>'],
      impl: (_c, [c]) => [(c as CoinValue).balance],
    },
    {
      name: 'zero',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut TxContext'],
      returns: ['Coin<T>'],
      impl: (ctx) => [{ id: uid(ctx.freshId()), balance: { value: 0n } }],
    },
    {
      name: 'from_balance',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['Balance<T>', '&mut TxContext'],
      returns: ['Coin<T>'],
      impl: (ctx, [b]) => [{ id: uid(ctx.freshId()), balance: b }],
    },
    {
      name: 'into_balance',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['Coin<T>'],
      returns: ['Balance<T>'],
      impl: (ctx, [c]) => {
        const coin = c as CoinValue;
        ctx.deleteObject(coin.id.id.bytes);
        return [coin.balance];
      },
    },
    {
      name: 'take',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Balance<T>', 'u64', '&mut TxContext'],
      returns: ['Coin<T>'],
      impl: (ctx, [b, amount]) => {
        const balance = b as BalanceValue;
        if (balance.value < (amount as bigint)) ctx.abort(ENotEnough);
        balance.value -= amount as bigint;
        return [{ id: uid(ctx.freshId()), balance: { value: amount } }];
      },
    },
    {
      name: 'put',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Balance<T>', 'Coin<T>'],
      returns: [],
      impl: (ctx, [b, c]) => {
        const coin = c as CoinValue;
        ctx.deleteObject(coin.id.id.bytes);
        (b as BalanceValue).value += coin.balance.value;
        return [];
      },
    },
    {
      name: 'join',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Coin<T>', 'Coin<T>'],
      returns: [],
      impl: (ctx, [a, c]) => {
        const coin = c as CoinValue;
        const self = a as CoinValue;
        if (self.balance.value + coin.balance.value > U64_MAX) ctx.abort(1);
        ctx.deleteObject(coin.id.id.bytes);
        self.balance.value += coin.balance.value;
        return [];
      },
    },
    {
      name: 'split',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Coin<T>', 'u64', '&mut TxContext'],
      returns: ['Coin<T>'],
      impl: (ctx, [a, amount]) => {
        const self = a as CoinValue;
        if (self.balance.value < (amount as bigint)) ctx.abort(ENotEnough);
        self.balance.value -= amount as bigint;
        return [{ id: uid(ctx.freshId()), balance: { value: amount } }];
      },
    },
    {
      name: 'destroy_zero',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['Coin<T>'],
      returns: [],
      impl: (ctx, [c]) => {
        const coin = c as CoinValue;
        if (coin.balance.value !== 0n) ctx.abort(0); // balance::ENonZero, raised inside balance::destroy_zero
        ctx.deleteObject(coin.id.id.bytes);
        return [];
      },
    },
    {
      name: 'divide_into_n',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut Coin<T>', 'u64', '&mut TxContext'],
      returns: ['vector<Coin<T>>'],
      impl: (ctx, [a, n]) => {
        const self = a as CoinValue;
        const count = n as bigint;
        if (count === 0n || count > self.balance.value) ctx.abort(EInvalidArg);
        const each = self.balance.value / count;
        const coins: CoinValue[] = [];
        for (let i = 0n; i < count - 1n; i++) {
          self.balance.value -= each;
          coins.push({ id: uid(ctx.freshId()), balance: { value: each } });
        }
        return [coins];
      },
    },
    {
      name: 'total_supply',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&TreasuryCap<T>'],
      returns: ['u64'],
      impl: (_c, [cap]) => [(cap as TreasuryCapValue).total_supply.value],
    },
    {
      name: 'mint',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut TreasuryCap<T>', 'u64', '&mut TxContext'],
      returns: ['Coin<T>'],
      impl: (ctx, [cap, amount]) => {
        const supply = (cap as TreasuryCapValue).total_supply;
        if (supply.value + (amount as bigint) > U64_MAX) ctx.abort(1);
        supply.value += amount as bigint;
        return [{ id: uid(ctx.freshId()), balance: { value: amount } }];
      },
    },
    {
      name: 'burn',
      visibility: 'public',
      isEntry: false,
      typeParams: typeParams(),
      params: ['&mut TreasuryCap<T>', 'Coin<T>'],
      returns: ['u64'],
      impl: (ctx, [cap, c]) => {
        const coin = c as CoinValue;
        ctx.deleteObject(coin.id.id.bytes);
        (cap as TreasuryCapValue).total_supply.value -= coin.balance.value;
        return [coin.balance.value];
      },
    },
  ],
};

/** `0x2::url`: only the struct, for CoinMetadata's icon. */
export const urlModule: NativeModule = {
  address: SUI_FRAMEWORK,
  name: 'url',
  structs: [
    {
      address: SUI_FRAMEWORK,
      module: 'url',
      name: 'Url',
      typeParams: [],
      abilities: ['copy', 'drop', 'store'],
      fields: [{ name: 'url', type: '0x1::ascii::String' }],
    },
  ],
  functions: [],
};
