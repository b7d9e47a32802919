/**
 * Natives of `wal::wal`: the WAL coin (9 decimals). Publishing (`init`, run through a trusted
 * transaction with the one-time witness as a pure `bool`) mints the whole supply to the publisher,
 * freezes the coin metadata and shares the `ProtectedTreasury`, from which WAL can only be burned.
 */
import type { CoinValue } from '../../../ledger/core/natives/framework/values.js';
import { SUI_FRAMEWORK } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import { MOVE_CONSTANTS, type ProtectedTreasuryValue } from '../../generated/move-types.js';
import type { TreasuryCapValue } from '../support/framework-values.js';
import { effect, implement, returning } from '../support/implement.js';
import { newUid, structType, walrusAddresses } from '../support/natives-kit.js';

/** Decimals of WAL. */
export const DECIMALS = MOVE_CONSTANTS.wal.DECIMALS;
/** The supply minted at publish time, in whole WAL. */
export const TOTAL_SUPPLY_WAL = MOVE_CONSTANTS.wal.TOTAL_SUPPLY_WAL;
/** FROST per WAL. */
export const FROST_PER_WAL = 10n ** BigInt(DECIMALS);
/** Coin symbol. */
export const SYMBOL = MOVE_CONSTANTS.wal.SYMBOL;
/** Coin name. */
export const NAME = MOVE_CONSTANTS.wal.NAME;
/** Coin description. */
export const DESCRIPTION = MOVE_CONSTANTS.wal.DESCRIPTION;
/** Coin icon. */
export const ICON_URL = MOVE_CONSTANTS.wal.ICON_URL;

const utf8 = (text: string) => ({ bytes: new TextEncoder().encode(text) });

/**
 * The module initializer: creates the currency, mints `TOTAL_SUPPLY_WAL` WAL to the sender, freezes
 * the `CoinMetadata<WAL>` and shares the `ProtectedTreasury`. `walAddress` is the package id.
 */
export function init(ctx: NativeContext, walAddress: string): void {
  const wal = structType(walAddress, 'wal', 'WAL');
  // coin::create_currency: the TreasuryCap, then the metadata.
  const cap: TreasuryCapValue = { id: newUid(ctx), total_supply: { value: 0n } };
  const metadata = {
    id: newUid(ctx),
    decimals: DECIMALS,
    name: utf8(NAME),
    symbol: utf8(SYMBOL),
    description: utf8(DESCRIPTION),
    icon_url: { vec: [{ url: utf8(ICON_URL) }] },
  };
  const amount = TOTAL_SUPPLY_WAL * FROST_PER_WAL;
  cap.total_supply.value += amount;
  const supply: CoinValue = { id: newUid(ctx), balance: { value: amount } };
  ctx.transfer(structType(SUI_FRAMEWORK, 'coin', 'CoinMetadata', [wal]), metadata, { kind: 'immutable' });
  const treasury: ProtectedTreasuryValue = { id: newUid(ctx), cap };
  ctx.transfer(structType(walAddress, 'wal', 'ProtectedTreasury'), treasury, {
    kind: 'shared',
    initialSharedVersion: 0n,
  });
  ctx.transfer(structType(SUI_FRAMEWORK, 'coin', 'Coin', [wal]), supply, {
    kind: 'address',
    address: ctx.sender,
  });
}

/** The current total supply of WAL in FROST: the minted supply less everything burned. */
export function totalSupply(_ctx: NativeContext, treasury: ProtectedTreasuryValue): bigint {
  return treasury.cap.total_supply.value;
}

/** Burns `coin`, lowering the total supply by its value. */
export function burn(ctx: NativeContext, treasury: ProtectedTreasuryValue, coin: CoinValue): void {
  ctx.deleteObject(coin.id.id.bytes);
  treasury.cap.total_supply.value -= coin.balance.value;
}

/** The natives of `wal::wal`: the private `init`, `total_supply` and `burn`. */
export const walNatives = implement('wal', {
  init(ctx) {
    init(ctx, walrusAddresses(ctx).wal);
    return [];
  },
  total_supply: returning(totalSupply),
  burn: effect(burn),
});
