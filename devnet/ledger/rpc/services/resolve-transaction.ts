import { GAS } from '../../core/execution/gas.js';
import type { Ledger } from '../../core/ledger.js';
import { SUI_COIN_TYPE } from '../../core/natives/framework/values.js';
import type { ObjectInput, ResolvableTransaction } from '../convert/index.js';
import { coinBalance, resolvableToTransactionBcs } from '../convert/index.js';
import { RpcStatusError, StatusCode } from '../grpc/index.js';

const RECEIVING = '0x0000000000000000000000000000000000000000000000000000000000000002::transfer::Receiving';
/** Extra computation units added to estimated budgets (as the SDKs' safe overhead). */
const BUDGET_OVERHEAD_UNITS = 1000n;
/** Most coins the ledger will pick to pay gas, as Sui's gas selection limit. */
const MAX_GAS_COINS = 256;

/** How a command uses input `index`: by mutable reference/value, immutable reference, or as Receiving. */
function usageOf(
  ledger: Ledger,
  tx: ResolvableTransaction,
  index: number,
): { mutable: boolean; receiving: boolean } {
  let mutable = false;
  let receiving = false;
  const isInput = (arg: { Input?: number } | undefined) => arg?.Input === index;
  for (const command of tx.commands) {
    if (command.MoveCall) {
      const call = command.MoveCall;
      const fn = ledger.registry.function(call.package, call.module, call.function);
      call.arguments.forEach((arg, i) => {
        if (!isInput(arg)) return;
        const param = fn?.params[i];
        if (!param) {
          mutable = true;
          return;
        }
        if (
          param.type.kind === 'struct' &&
          `${param.type.address}::${param.type.module}::${param.type.name}` === RECEIVING
        ) {
          receiving = true;
        }
        if (param.reference !== 'imm') mutable = true;
      });
    } else if (command.TransferObjects) {
      if (command.TransferObjects.objects.some(isInput)) mutable = true;
    } else if (command.SplitCoins) {
      if (isInput(command.SplitCoins.coin)) mutable = true;
    } else if (command.MergeCoins) {
      if (isInput(command.MergeCoins.destination) || command.MergeCoins.sources.some(isInput)) mutable = true;
    } else if (command.MakeMoveVec) {
      if (command.MakeMoveVec.elements.some(isInput)) mutable = true;
    }
  }
  return { mutable, receiving };
}

/** Fills in what a bare object input lacks, from the ledger's current state. */
function resolveObjectInput(
  ledger: Ledger,
  tx: ResolvableTransaction,
  index: number,
  input: ObjectInput,
): void {
  const record = ledger.state.object(input.objectId);
  if (!record) {
    throw new RpcStatusError(
      StatusCode.INVALID_ARGUMENT,
      `Input ${index}: object ${input.objectId} does not exist`,
    );
  }
  const usage = usageOf(ledger, tx, index);
  if (record.owner.kind === 'shared') {
    input.objectKind = 'shared';
    input.initialSharedVersion = record.owner.initialSharedVersion;
    input.mutable ??= usage.mutable;
    return;
  }
  input.objectKind = usage.receiving ? 'receiving' : 'immOrOwned';
  input.version = record.version;
  input.digest = record.digest;
}

/** The gas owner's SUI coins not used as inputs, largest first (all of them, up to Sui's limit). */
function selectGasCoins(ledger: Ledger, tx: ResolvableTransaction, owner: string) {
  const used = new Set(tx.inputs.flatMap((i) => (i.kind === 'object' ? [i.objectId] : [])));
  const coins = ledger.state
    .ownedBy(owner)
    .map((id) => ledger.state.object(id)!)
    .filter((o) => o.type === SUI_COIN_TYPE && !used.has(o.id))
    .map((o) => ({ record: o, balance: coinBalance(o) ?? 0n }))
    .sort((a, b) => (a.balance === b.balance ? 0 : a.balance > b.balance ? -1 : 1));
  if (coins.length === 0) {
    throw new RpcStatusError(
      StatusCode.FAILED_PRECONDITION,
      `No SUI coins to pay gas for ${owner}: fund the address first (faucet or \`walrus account fund\`)`,
    );
  }
  // Take every coin (up to the limit), largest first: they are smashed into one, so a transaction that
  // spends from `tx.gas` can use the whole balance, not just what covers the budget.
  const picked = coins.slice(0, MAX_GAS_COINS).map((c) => c.record);
  return picked.map((r) => ({ objectId: r.id, version: r.version, digest: r.digest }));
}

/**
 * Server-side transaction resolution, as a Sui full node does for `SimulateTransaction`: resolves bare
 * object inputs, sets the gas price, estimates the budget with a dry run and picks gas coins.
 * Returns the BCS `TransactionData` ready to simulate or sign.
 */
export function resolveTransaction(
  ledger: Ledger,
  tx: ResolvableTransaction,
  { doGasSelection }: { doGasSelection: boolean },
): Uint8Array {
  const sender = tx.sender ?? `0x${'0'.repeat(64)}`;
  tx.sender = sender;
  tx.inputs.forEach((input, index) => {
    if (input.kind === 'object' && input.objectKind === undefined)
      resolveObjectInput(ledger, tx, index, input);
  });
  tx.gasPrice ??= ledger.state.meta.referenceGasPrice;
  const owner = tx.gasOwner ?? sender;
  // Pick the gas coins first, so the budget dry run spends from the real coins (tx.gas splits included).
  if (doGasSelection && (!tx.gasPayment || tx.gasPayment.length === 0)) {
    tx.gasPayment = selectGasCoins(ledger, tx, owner);
  }
  if (tx.gasBudget === undefined) {
    const held = (tx.gasPayment ?? []).reduce(
      (sum, ref) => sum + (coinBalance(ledger.state.object(ref.objectId)!) ?? 0n),
      0n,
    );
    const cap = tx.gasPayment?.length && held < GAS.maxBudget ? held : GAS.maxBudget;
    // The budget is what a dry run charges (rebates not counted), plus headroom: shared objects may grow
    // between this estimate and the execution (other transactions touch them in between).
    const probe = resolvableToTransactionBcs({ ...tx, gasPayment: tx.gasPayment ?? [], gasBudget: cap });
    const { record } = ledger.simulate(probe);
    if (!record.status.success) return probe; // the caller reports the failure from the simulation
    const { computationCost, storageCost } = record.gasUsed;
    tx.gasBudget = computationCost + storageCost + storageCost / 5n + BUDGET_OVERHEAD_UNITS * tx.gasPrice;
  }
  if (doGasSelection && tx.gasPayment) {
    const held = tx.gasPayment.reduce(
      (sum, ref) => sum + (coinBalance(ledger.state.object(ref.objectId)!) ?? 0n),
      0n,
    );
    if (held < tx.gasBudget) {
      throw new RpcStatusError(
        StatusCode.FAILED_PRECONDITION,
        `Insufficient SUI for gas: ${owner} holds ${held} MIST but the transaction needs a budget of ${tx.gasBudget}`,
      );
    }
  }
  tx.gasPayment ??= [];
  return resolvableToTransactionBcs(tx);
}
