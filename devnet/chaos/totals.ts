/**
 * Conservation of SUI and WAL over a whole ledger, for the chaos suite's final check: every
 * `0x2::balance::Balance<T>` anywhere (coins, balances inside shared objects, dynamic fields) is summed by its
 * type, by walking each object's decoded contents along its Move type. SUI: the balances plus the gas burned
 * equal what genesis and the faucet minted. WAL: the balances equal the `Supply<WAL>` in the treasury.
 */
import type { Ledger } from '../ledger/core/ledger.js';
import type { LayoutCache } from '../ledger/core/move/layouts.js';
import { formatMoveType, type MoveType, parseMoveType } from '../ledger/core/move/type-parser.js';

const FRAMEWORK = '0x0000000000000000000000000000000000000000000000000000000000000002';

/** Balances and supplies found, by coin type (formatted Move type of `T`). */
export interface LedgerTotals {
  balances: Map<string, bigint>;
  supplies: Map<string, bigint>;
}

function isFramework(type: Extract<MoveType, { kind: 'struct' }>, module: string, name: string): boolean {
  return type.address === FRAMEWORK && type.module === module && type.name === name;
}

/** Adds the balances and supplies inside `value` (decoded as `type`) to `totals`. */
function walk(layouts: LayoutCache, type: MoveType, value: unknown, totals: LedgerTotals): void {
  if (type.kind === 'vector') {
    if (type.element.kind === 'u8' || !Array.isArray(value)) return;
    for (const item of value) walk(layouts, type.element, item, totals);
    return;
  }
  if (type.kind !== 'struct') return;
  const record = value as Record<string, unknown>;
  for (const [module, name, into] of [
    ['balance', 'Balance', totals.balances],
    ['balance', 'Supply', totals.supplies],
  ] as const) {
    if (isFramework(type, module, name)) {
      const key = formatMoveType(type.typeArgs[0]!);
      into.set(key, (into.get(key) ?? 0n) + (record.value as bigint));
      return;
    }
  }
  const def = layouts.structDef(type);
  if (!def) return;
  if (def.variants) {
    const [variant, fields] = Object.entries(record)[0] ?? [];
    if (variant === undefined || typeof fields !== 'object' || fields === null) return;
    for (const field of layouts.fieldTypes(type, variant))
      walk(layouts, field.type, (fields as Record<string, unknown>)[field.name], totals);
    return;
  }
  for (const field of layouts.fieldTypes(type)) walk(layouts, field.type, record[field.name], totals);
}

/** Every balance and supply in the ledger's live objects. */
export function ledgerTotals(ledger: Ledger): LedgerTotals {
  const totals: LedgerTotals = { balances: new Map(), supplies: new Map() };
  for (const object of ledger.state.allObjects()) {
    const type = parseMoveType(object.type);
    walk(ledger.layouts, type, ledger.layouts.decode(type, object.contents), totals);
  }
  return totals;
}

/** Gas burned by every executed transaction (computation + storage − rebate). */
export function gasBurned(ledger: Ledger): bigint {
  let burned = 0n;
  for (const checkpoint of ledger.state.checkpoints()) {
    for (const digest of checkpoint.transactions) {
      const tx = ledger.state.transaction(digest);
      if (tx) burned += tx.gasUsed.computationCost + tx.gasUsed.storageCost - tx.gasUsed.storageRebate;
    }
  }
  return burned;
}

/** What breaks conservation, as sentences (empty when SUI and WAL are conserved). */
export function conservationProblems(ledger: Ledger, walType: string): string[] {
  const totals = ledgerTotals(ledger);
  const problems: string[] = [];
  const sui = formatMoveType(parseMoveType(`${FRAMEWORK}::sui::SUI`));
  const suiHeld = totals.balances.get(sui) ?? 0n;
  const burned = gasBurned(ledger);
  const minted = ledger.state.meta.totalSuiMinted;
  if (suiHeld + burned !== minted)
    problems.push(`SUI: balances ${suiHeld} + gas burned ${burned} ≠ minted ${minted} MIST`);
  const wal = formatMoveType(parseMoveType(walType));
  const walHeld = totals.balances.get(wal) ?? 0n;
  const walSupply = totals.supplies.get(wal);
  if (walSupply === undefined) problems.push(`WAL: no Supply<${walType}> found in the ledger`);
  else if (walHeld !== walSupply) problems.push(`WAL: balances ${walHeld} ≠ supply ${walSupply} FROST`);
  return problems;
}
