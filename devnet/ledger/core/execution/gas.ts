import protocolConfig from '../sui-protocol-config.json' with { type: 'json' };
import type { GasCostSummary } from '../types.js';

const attribute = (name: keyof typeof protocolConfig.attributes) => BigInt(protocolConfig.attributes[name]);

/**
 * The ledger's deterministic gas model, shaped like Sui's so SDK budget estimates hold:
 * computation is charged in buckets of units × gas price; storage is charged per byte written
 * at the storage price and mostly refunded (99%) when an object is rewritten or deleted.
 */
export const GAS = {
  /** Mist per storage unit: the protocol config's `storage_gas_price`. */
  storagePrice: attribute('storage_gas_price'),
  /** Storage units per byte (Sui charges 100 units per byte). */
  unitsPerByte: 100n,
  /** Fixed per-object overhead in bytes (owner, type, version, digest). */
  objectOverheadBytes: 100n,
  /** Share of a storage rebate paid back, in basis points: `storage_rebate_rate`. */
  rebateBps: attribute('storage_rebate_rate'),
  /** Smallest computation charge, in units. */
  minComputationUnits: 1000n,
  /** Computation units per command and per Move call on top of the minimum. */
  unitsPerCommand: 500n,
  /** Largest budget accepted, in mist: `max_tx_gas`. */
  maxBudget: attribute('max_tx_gas'),
} as const;

/** Storage cost of keeping an object of `contentBytes` bytes and `type`. */
export function objectStorageCost(contentBytes: number, type: string): bigint {
  const bytes = BigInt(contentBytes + type.length) + GAS.objectOverheadBytes;
  return bytes * GAS.unitsPerByte * GAS.storagePrice;
}

/** Computation cost for a PTB with `commands` commands at `gasPrice`, bucketed like Sui's. */
export function computationCost(commands: number, gasPrice: bigint): bigint {
  const units = GAS.minComputationUnits + BigInt(commands) * GAS.unitsPerCommand;
  // Round up to the next bucket of 1000 units, as Sui's computation buckets do.
  const bucketed = ((units + 999n) / 1000n) * 1000n;
  return bucketed * gasPrice;
}

/** The smallest budget accepted at a price: the cost of an empty transaction. */
export function minimumBudget(gasPrice: bigint): bigint {
  return GAS.minComputationUnits * gasPrice;
}

/** Splits refunded storage into the rebate and the non-refundable part. */
export function rebateOf(storageRebate: bigint): { rebate: bigint; nonRefundable: bigint } {
  const rebate = (storageRebate * GAS.rebateBps) / 10_000n;
  return { rebate, nonRefundable: storageRebate - rebate };
}

/** Net amount taken from the gas coin. Negative when rebates exceed costs. */
export function netGasCost(summary: GasCostSummary): bigint {
  return summary.computationCost + summary.storageCost - summary.storageRebate;
}
