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

/** One object a transaction writes or removes, as storage accounting sees it. */
export interface StorageEntry {
  /** The storage rebate of the version it replaces or removes, if there was one. */
  previousRebate: bigint | undefined;
  /** What is written: content bytes and type; undefined when the object is removed. */
  written: { bytes: number; type: string } | undefined;
}

/**
 * Gas of a transaction before its budget applies: computation for its commands, storage of what it writes, and
 * the rebate of every version it replaces or removes.
 */
export function gasSummary(
  commands: number,
  gasPrice: bigint,
  entries: Iterable<StorageEntry>,
): GasCostSummary {
  let storageCost = 0n;
  let storageRebateTotal = 0n;
  for (const { previousRebate, written } of entries) {
    if (previousRebate !== undefined) storageRebateTotal += previousRebate;
    if (written) storageCost += objectStorageCost(written.bytes, written.type);
  }
  const { rebate, nonRefundable } = rebateOf(storageRebateTotal);
  return {
    computationCost: computationCost(commands, gasPrice),
    storageCost,
    storageRebate: rebate,
    nonRefundableStorageFee: nonRefundable,
  };
}

/** What charging a transaction's gas came to. */
export type GasCharge =
  | { kind: 'charged'; gasUsed: GasCostSummary /** Taken from the gas coin. */; net: bigint }
  /** A successful run that cannot pay: it is redone as a failure (only gas takes effect). */
  | { kind: 'out-of-gas'; needed: bigint; message?: string };

/**
 * Charges `summary` against the budget and the gas coin's `balance`. A successful run over its budget, or one its
 * coin cannot pay, is out of gas; a failed run is charged at most its budget and at most what its coin holds.
 */
export function chargeGas(
  summary: GasCostSummary,
  { success, budget, balance }: { success: boolean; budget: bigint; balance: bigint },
): GasCharge {
  const gasUsed = { ...summary };
  const chargeable = gasUsed.computationCost + gasUsed.storageCost;
  if (success && chargeable > budget) return { kind: 'out-of-gas', needed: chargeable };
  if (!success && chargeable > budget) {
    gasUsed.storageCost = gasUsed.storageCost < budget ? gasUsed.storageCost : budget;
    gasUsed.computationCost = budget - gasUsed.storageCost;
  }
  let net = netGasCost(gasUsed);
  if (balance < net) {
    if (success)
      return {
        kind: 'out-of-gas',
        needed: chargeable,
        message: `Gas coin balance ${balance} cannot pay ${net}`,
      };
    gasUsed.computationCost -= net - balance; // take what there is
    net = balance;
  }
  return { kind: 'charged', gasUsed, net };
}
