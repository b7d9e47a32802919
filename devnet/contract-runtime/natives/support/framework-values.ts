/**
 * The decoded shapes of the Sui framework values the Walrus contracts use, as the ledger's
 * `LayoutCache` decodes them. The generated contract types (`devnet/contract-runtime/generated/move-types.ts`)
 * name these for framework structs; `devnet/contract-runtime/move-codegen.ts` maps each Move type to one.
 */
import type { BalanceValue, IdValue, UidValue } from '../../../ledger/core/natives/framework/values.js';

export type {
  BalanceValue,
  CoinValue,
  IdValue,
  OptionValue,
  UidValue,
} from '../../../ledger/core/natives/framework/values.js';

/** `0x2::group_ops::Element<T>` as natives see it: the element's canonical encoding. */
export interface ElementValue {
  bytes: Uint8Array;
}

/** `0x2::bcs::BCS` as natives see it: the remaining bytes, reversed (peeling pops from the back, as in Sui). */
export interface BcsValue {
  bytes: Uint8Array;
}

/** `0x2::table::Table`, `object_table::ObjectTable` and `bag::Bag`: the UID its entries hang off, and their count. */
export interface TableValue {
  id: { id: { bytes: string } };
  size: bigint;
}

/** `0x2::vec_map::VecMap<K, V>` as natives see it once decoded: `{ contents: [{ key, value }] }`. */
export interface VecMapValue<K, V> {
  contents: Array<{ key: K; value: V }>;
}

/** `std::string::String`, decoded: its UTF-8 bytes. */
export interface StringValue {
  bytes: Uint8Array;
}

/** `0x2::clock::Clock`, decoded. */
export interface ClockValue {
  id: UidValue;
  timestamp_ms: bigint;
}

/** `0x2::coin::TreasuryCap<T>`, decoded. */
export interface TreasuryCapValue {
  id: UidValue;
  total_supply: BalanceValue;
}

/** `0x2::tx_context::TxContext` as the executor appends it to a native's arguments. */
export interface TxContextValue {
  sender: string;
  tx_hash: Uint8Array;
  epoch: bigint;
  epoch_timestamp_ms: bigint;
  ids_created: bigint;
}

/** `0x2::transfer::Receiving<T>`, decoded: the ticket for an object sent to another object's address. */
export interface ReceivingValue {
  id: IdValue;
  version: bigint;
}
