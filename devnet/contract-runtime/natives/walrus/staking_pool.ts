/**
 * Natives of `walrus::staking_pool`: the staking pool of one storage node, whose object id is the
 * node id. Stake is counted in shares: `wal_balance` WAL back `num_shares` shares, rewards raise the
 * WAL value of every share, and the share price at the start of each epoch is kept in
 * `exchange_rates`. Stake joins at E+1 (E+2 once the next committee is selected); withdrawals leave
 * likewise. The module has no public functions; the twins of its `public(package)` functions are
 * exported for `staking_inner`.
 */
import type { MoveType } from '../../../ledger/core/move/type-parser.js';
import type { BalanceValue, IdValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  type AuthenticatedValue,
  type AuthorizedValue,
  MOVE_CONSTANTS,
  type MoveFunctions,
  type NodeMetadataValue,
  type PoolExchangeRateValue,
  type StakedWalValue,
  type StakingPoolValue,
  type StakingValue,
} from '../../generated/move-types.js';
import type { TxContextValue } from '../support/framework-values.js';
import { abort, newUid, type StringValue, T, u64, walrusType } from '../support/natives-kit.js';
import { type TableValue, tableNew, tableOf } from '../support/tables.js';
import { authorizedAddress, matches } from './auth.js';
import * as messages from './messages.js';
import * as pendingValues from './pending_values.js';
import * as stakedWal from './staked_wal.js';
import * as storageNode from './storage_node.js';

/** Longest node name, in bytes. */
export const MAX_NODE_NAME_LENGTH = Number(MOVE_CONSTANTS.staking_pool.MAX_NODE_NAME_LENGTH);
/** Longest network address: a 253-byte DNS name, a colon and a 5-digit port. */
export const MAX_NETWORK_ADDRESS_LENGTH = Number(MOVE_CONSTANTS.staking_pool.MAX_NETWORK_ADDRESS_LENGTH);
/** 100% in basis points. */
export const N_BASIS_POINTS = MOVE_CONSTANTS.staking_pool.N_BASIS_POINTS;

const U32: MoveType = T.u32;
const U64: MoveType = T.u64;

const rateType = (ctx: NativeContext) => walrusType(ctx, 'staking_pool', 'PoolExchangeRate');
const blockedKeyType = (ctx: NativeContext) =>
  walrusType(ctx, 'staking_pool', 'NewEpochCommissionBlockedForCollection');

/** The share price at the start of each epoch, by epoch (`exchange_rates`). */
const rates = (ctx: NativeContext, table: TableValue) =>
  tableOf<number, PoolExchangeRateValue>(ctx, table, U32, rateType(ctx));

// === Proof of possession ===

function checkProofOfPossession(
  ctx: NativeContext,
  fun: string,
  epoch: number,
  publicKey: Uint8Array,
  proofOfPossession: Uint8Array,
): void {
  const message = messages.newProofOfPossessionMsg(ctx, epoch, ctx.sender, publicKey);
  if (!messages.verifyProofOfPossession(ctx, message, proofOfPossession)) {
    abort(ctx, 'staking_pool', fun, 'EInvalidProofOfPossession');
  }
}

// === Exchange rates ===

/** One WAL per share. */
function flatRate(): PoolExchangeRateValue {
  return { wal_amount: 0n, share_amount: 0n };
}

/** The share price now. */
function currentRate(pool: StakingPoolValue): PoolExchangeRateValue {
  return { wal_amount: pool.wal_balance, share_amount: pool.num_shares };
}

/** Shares worth `wal` at this rate (rounded down). */
export function toShares(rate: PoolExchangeRateValue, wal: bigint): bigint {
  if (rate.wal_amount === 0n || rate.share_amount === 0n) return wal;
  return (wal * rate.share_amount) / rate.wal_amount;
}

/** WAL worth `shares` at this rate (rounded down). */
export function toWal(rate: PoolExchangeRateValue, shares: bigint): bigint {
  if (rate.wal_amount === 0n || rate.share_amount === 0n) return shares;
  return (shares * rate.wal_amount) / rate.share_amount;
}

/** The share price recorded for `epoch` or, if none, the latest one before it. */
export function exchangeRateAtEpoch(
  ctx: NativeContext,
  pool: StakingPoolValue,
  epoch: number,
): PoolExchangeRateValue {
  const exchangeRates = rates(ctx, pool.exchange_rates);
  for (let e = epoch; ; e--) {
    if (exchangeRates.contains(e)) return structuredClone(exchangeRates.borrow(e));
    if (e <= pool.activation_epoch) return flatRate();
  }
}

// === Creation ===

/**
 * What a node registers with: the arguments of `staking::register_candidate` between the Staking
 * object and the `TxContext` (name, network address, metadata, BLS key, network key, proof of
 * possession, commission rate, storage price, write price, capacity).
 */
export type Candidate = MoveFunctions['staking']['register_candidate']['args'] extends [
  StakingValue,
  ...infer C,
  TxContextValue,
]
  ? C
  : never;

/**
 * Creates the pool of a new node (Move `staking_pool::new`; exported as `new` and `newPool`). The
 * sender must have signed the proof of possession of the candidate's key for `currentEpoch`.
 */
export function newPool(
  ctx: NativeContext,
  candidate: Candidate,
  currentEpoch: number,
  committeeSelected: boolean,
): StakingPoolValue {
  const [
    name,
    networkAddress,
    metadata,
    publicKey,
    networkPublicKey,
    proofOfPossession,
    commissionRate,
    storagePrice,
    writePrice,
    nodeCapacity,
  ] = candidate;
  checkProofOfPossession(ctx, 'new', currentEpoch, publicKey, proofOfPossession);
  if (name.bytes.length > MAX_NODE_NAME_LENGTH) abort(ctx, 'staking_pool', 'new', 'EInvalidNameLength');
  if (networkAddress.bytes.length > MAX_NETWORK_ADDRESS_LENGTH)
    abort(ctx, 'staking_pool', 'new', 'EInvalidNetworkAddressLength');
  if (commissionRate > N_BASIS_POINTS) abort(ctx, 'staking_pool', 'new', 'EIncorrectCommissionRate');

  const id = newUid(ctx);
  const activationEpoch = committeeSelected ? currentEpoch + 1 : currentEpoch;
  const exchangeRates = tableNew(ctx);
  rates(ctx, exchangeRates).add(activationEpoch, flatRate());
  const nodeInfo = storageNode.newStorageNodeInfo(
    ctx,
    name,
    { bytes: id.id.bytes },
    networkAddress,
    publicKey,
    networkPublicKey,
    metadata,
  );
  return {
    id,
    state: { Active: true },
    voting_params: { storage_price: storagePrice, write_price: writePrice, node_capacity: nodeCapacity },
    node_info: nodeInfo,
    activation_epoch: activationEpoch,
    latest_epoch: currentEpoch,
    wal_balance: 0n,
    num_shares: 0n,
    pending_shares_withdraw: pendingValues.empty(ctx),
    pre_active_withdrawals: pendingValues.empty(ctx),
    pending_commission_rate: pendingValues.empty(ctx),
    commission_rate: commissionRate,
    exchange_rates: exchangeRates,
    pending_stake: pendingValues.empty(ctx),
    rewards_pool: { value: 0n },
    commission: { value: 0n },
    commission_receiver: authorizedAddress(ctx, ctx.sender),
    governance_authorized: authorizedAddress(ctx, ctx.sender),
    extra_fields: tableNew(ctx),
  };
}
export { newPool as new };

// === Staking ===

/** Stakes `toStake`; it activates at `currentEpoch + 1`, or `+ 2` once the next committee is selected. */
export function stake(
  ctx: NativeContext,
  pool: StakingPoolValue,
  toStake: BalanceValue,
  currentEpoch: number,
  committeeSelected: boolean,
): StakedWalValue {
  if (!isActive(ctx, pool)) abort(ctx, 'staking_pool', 'stake', 'EPoolIsNotActive');
  const amount = toStake.value;
  if (amount === 0n) abort(ctx, 'staking_pool', 'stake', 'EZeroStake');
  const activationEpoch = committeeSelected ? currentEpoch + 2 : currentEpoch + 1;
  const staked = stakedWal.mint(ctx, { bytes: pool.id.id.bytes }, toStake, activationEpoch);
  pendingValues.insertOrAdd(ctx, pool.pending_stake, activationEpoch, amount);
  return staked;
}

/**
 * Where the pool's node stands when a stake leaves: in the current committee, in the selected next
 * one, the current epoch and whether the next committee is selected yet (from `staking_inner`).
 */
export interface NodeStanding {
  inCurrentCommittee: boolean;
  inNextCommittee: boolean;
  currentEpoch: number;
  committeeSelected: boolean;
}

/** True if the stake never counted for a committee and can be withdrawn at once. */
export function canWithdrawEarly(
  ctx: NativeContext,
  staked: StakedWalValue,
  standing: NodeStanding,
): boolean {
  const { inNextCommittee, currentEpoch, committeeSelected } = standing;
  if (!stakedWal.isStaked(ctx, staked)) return false;
  const activation = staked.activation_epoch;
  return (
    activation > currentEpoch + 1 ||
    (activation === currentEpoch + 1 && (!committeeSelected || !inNextCommittee))
  );
}

/** Aborts `fun` with `EIncorrectPoolId` unless `staked` is a stake with `pool`. */
function assertStakeOf(
  ctx: NativeContext,
  pool: StakingPoolValue,
  staked: StakedWalValue,
  fun: string,
): void {
  if (staked.node_id.bytes !== pool.id.id.bytes) abort(ctx, 'staking_pool', fun, 'EIncorrectPoolId');
}

/** Marks active stake for withdrawal at the end of the last committee it counts for. */
export function requestWithdrawStake(
  ctx: NativeContext,
  pool: StakingPoolValue,
  staked: StakedWalValue,
  standing: NodeStanding,
): void {
  assertStakeOf(ctx, pool, staked, 'request_withdraw_stake');
  const { inCurrentCommittee, inNextCommittee, currentEpoch } = standing;
  if (!stakedWal.isStaked(ctx, staked)) abort(ctx, 'staking_pool', 'request_withdraw_stake', 'ENotStaked');
  if (canWithdrawEarly(ctx, staked, standing)) {
    abort(ctx, 'staking_pool', 'request_withdraw_stake', 'EWithdrawDirectly');
  }
  const principal = staked.principal.value;
  const activation = staked.activation_epoch;

  // Counted for the selected next committee, but not active yet: it leaves one epoch later.
  if (activation === currentEpoch + 1) {
    pendingValues.insertOrAdd(ctx, pool.pre_active_withdrawals, activation + 1, principal);
    stakedWal.setWithdrawing(ctx, staked, activation + 1);
    return;
  }

  if (activation > currentEpoch)
    abort(ctx, 'staking_pool', 'request_withdraw_stake', 'EActivationEpochNotReached');
  let withdrawEpoch: number;
  if (inNextCommittee) withdrawEpoch = currentEpoch + 2;
  else if (inCurrentCommittee) withdrawEpoch = currentEpoch + 1;
  else abort(ctx, 'staking_pool', 'request_withdraw_stake', 'EWithdrawDirectly');
  const shares = toShares(exchangeRateAtEpoch(ctx, pool, activation), principal);
  if (shares === 0n) abort(ctx, 'staking_pool', 'request_withdraw_stake', 'EZeroShares');
  pendingValues.insertOrAdd(ctx, pool.pending_shares_withdraw, withdrawEpoch, shares);
  stakedWal.setWithdrawing(ctx, staked, withdrawEpoch);
}

/**
 * Withdraws a stake: principal and rewards. Allowed when the stake can be withdrawn early, when its
 * node is in no committee, or from the withdrawal epoch of a request.
 */
export function withdrawStake(
  ctx: NativeContext,
  pool: StakingPoolValue,
  staked: StakedWalValue,
  standing: NodeStanding,
): BalanceValue {
  assertStakeOf(ctx, pool, staked, 'withdraw_stake');
  const principal = staked.principal.value;
  if (principal === 0n) abort(ctx, 'staking_pool', 'withdraw_stake', 'EZeroStake');
  const activation = staked.activation_epoch;

  if (canWithdrawEarly(ctx, staked, standing)) {
    pendingValues.reduce(ctx, pool.pending_stake, activation, principal);
    return stakedWal.intoBalance(ctx, staked);
  }

  const { inCurrentCommittee, inNextCommittee, currentEpoch } = standing;
  let value: bigint;
  if (stakedWal.isStaked(ctx, staked) && !inCurrentCommittee && !inNextCommittee) {
    // The Move source tests `activation_epoch > current_epoch`; a pool outside every committee is not
    // advanced, so stake that activated after its last advance is still pending (never became
    // shares): it leaves as principal too, instead of underflowing the share count.
    if (activation > currentEpoch || activation > pool.latest_epoch) {
      pendingValues.reduce(ctx, pool.pending_stake, activation, principal);
      value = principal;
    } else {
      // The node earns nothing now: the stake leaves at once at today's share price.
      const shares = toShares(exchangeRateAtEpoch(ctx, pool, activation), principal);
      value = toWal(currentRate(pool), shares);
      pool.num_shares = u64(pool.num_shares - shares, 'staking_pool::withdraw_stake');
      pool.wal_balance = u64(pool.wal_balance - value, 'staking_pool::withdraw_stake');
    }
  } else {
    if (!stakedWal.isWithdrawing(ctx, staked))
      abort(ctx, 'staking_pool', 'withdraw_stake', 'ENotWithdrawing');
    const withdrawEpoch = stakedWal.withdrawEpoch(ctx, staked);
    if (withdrawEpoch > currentEpoch)
      abort(ctx, 'staking_pool', 'withdraw_stake', 'EWithdrawEpochNotReached');
    if (activation > currentEpoch) abort(ctx, 'staking_pool', 'withdraw_stake', 'EActivationEpochNotReached');
    value = stakeValueAt(ctx, pool, principal, activation, withdrawEpoch);
  }

  const withdrawn = stakedWal.intoBalance(ctx, staked);
  if (value < principal) {
    // Devnet extension: a penalty made the stake worth less than its principal; the rest stays in
    // the pool, where it pays the penalty debt (`settle_penalty_debt`).
    pool.rewards_pool.value += principal - value;
    return { value };
  }
  const rewards = value - principal;
  const paid = rewards < pool.rewards_pool.value ? rewards : pool.rewards_pool.value;
  pool.rewards_pool.value -= paid;
  return { value: withdrawn.value + paid };
}

/** What `principal` staked at `activationEpoch` is worth at `epoch`'s share price. */
function stakeValueAt(
  ctx: NativeContext,
  pool: StakingPoolValue,
  principal: bigint,
  activationEpoch: number,
  epoch: number,
): bigint {
  const shares = toShares(exchangeRateAtEpoch(ctx, pool, activationEpoch), principal);
  return toWal(exchangeRateAtEpoch(ctx, pool, epoch), shares);
}

/**
 * What a stake is worth if withdrawn now (devnet extension): its principal before it is active, the
 * share price of its withdrawal epoch once that came, else today's share price, which a
 * storage-challenge penalty lowers at once.
 */
export function stakedWalValue(
  ctx: NativeContext,
  pool: StakingPoolValue,
  staked: StakedWalValue,
  currentEpoch: number,
): bigint {
  const principal = staked.principal.value;
  const activation = staked.activation_epoch;
  if (activation > currentEpoch || activation > pool.latest_epoch) return principal;
  if (stakedWal.isWithdrawing(ctx, staked)) {
    const withdrawEpoch = stakedWal.withdrawEpoch(ctx, staked);
    if (withdrawEpoch <= currentEpoch) return stakeValueAt(ctx, pool, principal, activation, withdrawEpoch);
  }
  const shares = toShares(exchangeRateAtEpoch(ctx, pool, activation), principal);
  return toWal(currentRate(pool), shares);
}

/** The reward of `principal` staked from `activationEpoch` to `withdrawEpoch`. */
export function calculateRewards(
  ctx: NativeContext,
  pool: StakingPoolValue,
  principal: bigint,
  activationEpoch: number,
  withdrawEpoch: number,
): bigint {
  const shares = toShares(exchangeRateAtEpoch(ctx, pool, activationEpoch), principal);
  const value = toWal(exchangeRateAtEpoch(ctx, pool, withdrawEpoch), shares);
  return value > principal ? value - principal : 0n;
}

// === Epoch change ===

/**
 * Moves the pool into `currentEpoch` (the new epoch): takes the commission out of `rewards`, adds the
 * rest to the pool, applies a pending commission rate and key, then lets pending stake join and
 * requested withdrawals leave at the new share price.
 */
export function advanceEpoch(
  ctx: NativeContext,
  pool: StakingPoolValue,
  rewards: BalanceValue,
  currentEpoch: number,
): void {
  if (currentEpoch <= pool.latest_epoch) abort(ctx, 'staking_pool', 'advance_epoch', 'EPoolAlreadyUpdated');
  if (rewards.value !== 0n && pool.wal_balance === 0n)
    abort(ctx, 'staking_pool', 'advance_epoch', 'EIncorrectEpochAdvance');

  const commission = (rewards.value * BigInt(pool.commission_rate)) / BigInt(N_BASIS_POINTS);
  addCommission(ctx, pool, { value: commission }, true);
  const amount = rewards.value - commission;

  const rate = pendingValues.latestValueAt(ctx, pool.pending_commission_rate, currentEpoch).vec[0];
  if (rate !== undefined) pool.commission_rate = Number(rate);
  pendingValues.flush(ctx, pool.pending_commission_rate, currentEpoch);

  pool.rewards_pool.value += amount;
  pool.wal_balance += amount;
  pool.latest_epoch = currentEpoch;
  storageNode.rotatePublicKey(ctx, pool.node_info);
  processPendingStake(ctx, pool, currentEpoch);
}

/** Records the share price of `currentEpoch`, then applies the withdrawals and stake due. */
function processPendingStake(ctx: NativeContext, pool: StakingPoolValue, currentEpoch: number): void {
  const rate = currentRate(pool);
  const exchangeRates = rates(ctx, pool.exchange_rates);
  if (exchangeRates.contains(currentEpoch)) {
    const stored = exchangeRates.borrow(currentEpoch);
    stored.wal_amount = rate.wal_amount;
    stored.share_amount = rate.share_amount;
  } else {
    exchangeRates.add(currentEpoch, { ...rate });
  }

  let sharesOut = pendingValues.flush(ctx, pool.pending_shares_withdraw, currentEpoch);
  for (const { key: withdrawEpoch, value: principal } of [...pool.pre_active_withdrawals.pos0.contents]) {
    if (withdrawEpoch <= currentEpoch) {
      sharesOut += toShares(exchangeRateAtEpoch(ctx, pool, withdrawEpoch - 1), principal);
    }
  }
  pendingValues.flush(ctx, pool.pre_active_withdrawals, currentEpoch);
  const walOut = toWal(rate, sharesOut);
  pool.num_shares = u64(pool.num_shares - sharesOut, 'staking_pool::process_pending_stake');
  pool.wal_balance = u64(pool.wal_balance - walOut, 'staking_pool::process_pending_stake');

  const walIn = pendingValues.flush(ctx, pool.pending_stake, currentEpoch);
  pool.num_shares += toShares(rate, walIn);
  pool.wal_balance += walIn;
}

/** The WAL that will back the pool at `epoch`, counting pending stake and withdrawals. */
export function walBalanceAtEpoch(ctx: NativeContext, pool: StakingPoolValue, epoch: number): bigint {
  const rate = currentRate(pool);
  const joining = pendingValues.sumUpTo(ctx, pool.pending_stake, epoch);
  const leaving =
    toWal(rate, pendingValues.sumUpTo(ctx, pool.pending_shares_withdraw, epoch)) +
    pendingValues.sumUpTo(ctx, pool.pre_active_withdrawals, epoch);
  const total = pool.wal_balance + joining;
  return total > leaving ? total - leaving : 0n;
}

// === Storage-challenge penalties (devnet extension, `challenge.move`) ===

const debtKeyType = (ctx: NativeContext) => walrusType(ctx, 'staking_pool', 'PenaltyDebt');
const forfeitKeyType = (ctx: NativeContext) => walrusType(ctx, 'staking_pool', 'RewardsForfeited');
const UNIT_KEY = { dummy_field: false };

/**
 * A `u64`/`u32` kept in the pool's bag under the unit key of `keyType`: the penalty debt, the epoch
 * whose rewards are forfeited, the commission blocked from collection.
 */
function bagCell<V extends bigint | number>(
  ctx: NativeContext,
  pool: StakingPoolValue,
  keyType: MoveType,
  valueType: MoveType,
) {
  const bag = tableOf<typeof UNIT_KEY, V>(ctx, pool.extra_fields, keyType, valueType);
  return {
    exists: () => bag.contains(UNIT_KEY),
    value: () => bag.borrow(UNIT_KEY),
    /** Sets the value, adding the entry if there is none. */
    put: (value: V) => (bag.contains(UNIT_KEY) ? bag.set(UNIT_KEY, value) : bag.add(UNIT_KEY, value)),
    remove: () => bag.remove(UNIT_KEY),
  };
}

const penaltyDebtCell = (ctx: NativeContext, pool: StakingPoolValue) =>
  bagCell<bigint>(ctx, pool, debtKeyType(ctx), U64);
const forfeitedCell = (ctx: NativeContext, pool: StakingPoolValue) =>
  bagCell<number>(ctx, pool, forfeitKeyType(ctx), U32);
const blockedCommissionCell = (ctx: NativeContext, pool: StakingPoolValue) =>
  bagCell<bigint>(ctx, pool, blockedKeyType(ctx), U64);

/**
 * Takes `bps` basis points (at most all) of the WAL backing the pool's shares; the WAL the rewards
 * pool holds now is returned to burn, the rest is owed. Returns the amount and the WAL to burn.
 */
export function penalizeStake(
  ctx: NativeContext,
  pool: StakingPoolValue,
  bps: bigint,
): [bigint, BalanceValue] {
  const capped = bps < BigInt(N_BASIS_POINTS) ? bps : BigInt(N_BASIS_POINTS);
  const amount = (pool.wal_balance * capped) / BigInt(N_BASIS_POINTS);
  pool.wal_balance -= amount;
  const debt = penaltyDebtCell(ctx, pool);
  debt.put(debt.exists() ? u64(BigInt(debt.value()) + amount, 'staking_pool::penalize_stake') : amount);
  return [amount, settlePenaltyDebt(ctx, pool)];
}

/** Takes the pool's whole commission, as mainnet's slashing does. */
export function penalizeCommission(ctx: NativeContext, pool: StakingPoolValue): [bigint, BalanceValue] {
  clearBlockedCommission(ctx, pool);
  const amount = pool.commission.value;
  pool.commission.value = 0n;
  return [amount, { value: amount }];
}

/** The part of the penalty debt the rewards pool can pay now, to burn. */
export function settlePenaltyDebt(ctx: NativeContext, pool: StakingPoolValue): BalanceValue {
  const debt = penaltyDebtCell(ctx, pool);
  if (!debt.exists()) return { value: 0n };
  const owed = BigInt(debt.value());
  const paid = owed < pool.rewards_pool.value ? owed : pool.rewards_pool.value;
  debt.put(owed - paid);
  pool.rewards_pool.value -= paid;
  return { value: paid };
}

/** The WAL a penalty took that is not burned yet. */
export function penaltyDebt(ctx: NativeContext, pool: StakingPoolValue): bigint {
  const debt = penaltyDebtCell(ctx, pool);
  return debt.exists() ? BigInt(debt.value()) : 0n;
}

/** Makes the pool forfeit the rewards paid at the end of `epoch` (or the next payment after it). */
export function forfeitRewards(ctx: NativeContext, pool: StakingPoolValue, epoch: number): void {
  const marked = forfeitedCell(ctx, pool);
  marked.put(marked.exists() ? Math.min(Number(marked.value()), epoch) : epoch);
}

/** At the change into `currentEpoch`: takes `rewards` out if the pool forfeits them, to burn. */
export function takeForfeitedRewards(
  ctx: NativeContext,
  pool: StakingPoolValue,
  rewards: BalanceValue,
  currentEpoch: number,
): BalanceValue {
  const marked = forfeitedCell(ctx, pool);
  if (!marked.exists() || Number(marked.value()) >= currentEpoch) return { value: 0n };
  marked.remove();
  const taken = rewards.value;
  rewards.value = 0n;
  return { value: taken };
}

// === Commission ===

/** Sets the commission rate (basis points) taking effect two epochs from now. */
export function setNextCommission(
  ctx: NativeContext,
  pool: StakingPoolValue,
  commissionRate: number,
  currentEpoch: number,
): void {
  if (commissionRate > N_BASIS_POINTS)
    abort(ctx, 'staking_pool', 'set_next_commission', 'EIncorrectCommissionRate');
  pendingValues.insertOrReplace(ctx, pool.pending_commission_rate, currentEpoch + 2, BigInt(commissionRate));
}

/** Adds commission; `block` keeps it from collection until the next vote. */
export function addCommission(
  ctx: NativeContext,
  pool: StakingPoolValue,
  commission: BalanceValue,
  block: boolean,
): void {
  const amount = commission.value;
  pool.commission.value += amount;
  if (block && amount > 0n) {
    const blocked = blockedCommissionCell(ctx, pool);
    blocked.put(blocked.exists() ? blocked.value() + amount : amount);
  }
}

/** Releases the blocked commission (called at `voting_end`). */
export function clearBlockedCommission(ctx: NativeContext, pool: StakingPoolValue): void {
  const blocked = blockedCommissionCell(ctx, pool);
  if (blocked.exists()) blocked.remove();
}

/** Takes the collectable commission; `auth` must match the commission receiver. */
export function collectCommission(
  ctx: NativeContext,
  pool: StakingPoolValue,
  auth: AuthenticatedValue,
): BalanceValue {
  if (!matches(ctx, auth, pool.commission_receiver))
    abort(ctx, 'staking_pool', 'collect_commission', 'EAuthorizationFailure');
  const blockedCell = blockedCommissionCell(ctx, pool);
  const blocked = blockedCell.exists() ? blockedCell.value() : 0n;
  const total = pool.commission.value;
  const available = total - (blocked < total ? blocked : total);
  pool.commission.value -= available;
  return { value: available };
}

/**
 * The twin that hands the pool's `role` to another authorization; `auth` must match the current one
 * (else `fun` aborts with `EAuthorizationFailure`).
 */
function roleSetter(role: 'commission_receiver' | 'governance_authorized', fun: string) {
  return (
    ctx: NativeContext,
    pool: StakingPoolValue,
    auth: AuthenticatedValue,
    next: AuthorizedValue,
  ): void => {
    if (!matches(ctx, auth, pool[role])) abort(ctx, 'staking_pool', fun, 'EAuthorizationFailure');
    pool[role] = next;
  };
}

/** Changes who may collect the commission; `auth` must match the current receiver. */
export const setCommissionReceiver = roleSetter('commission_receiver', 'set_commission_receiver');

/** Changes who may act in governance; `auth` must match the current one. */
export const setGovernanceAuthorized = roleSetter('governance_authorized', 'set_governance_authorized');

// === Votes and node info ===

/** Votes a storage price for the next epoch. */
export function setNextStoragePrice(_ctx: NativeContext, pool: StakingPoolValue, price: bigint): void {
  pool.voting_params.storage_price = price;
}

/** Votes a write price for the next epoch. */
export function setNextWritePrice(_ctx: NativeContext, pool: StakingPoolValue, price: bigint): void {
  pool.voting_params.write_price = price;
}

/** Votes the node's capacity for the next epoch. */
export function setNextNodeCapacity(_ctx: NativeContext, pool: StakingPoolValue, capacity: bigint): void {
  pool.voting_params.node_capacity = capacity;
}

/** Sets the BLS key used from the next epoch; the sender must prove possession of it. */
export function setNextPublicKey(
  ctx: NativeContext,
  pool: StakingPoolValue,
  publicKey: Uint8Array,
  proofOfPossession: Uint8Array,
  currentEpoch: number,
): void {
  checkProofOfPossession(ctx, 'set_next_public_key', currentEpoch, publicKey, proofOfPossession);
  storageNode.setNextPublicKey(ctx, pool.node_info, publicKey);
}

/** Sets the node's name (at most 100 bytes). */
export function setName(ctx: NativeContext, pool: StakingPoolValue, name: StringValue): void {
  if (name.bytes.length > MAX_NODE_NAME_LENGTH) abort(ctx, 'staking_pool', 'set_name', 'EInvalidNameLength');
  storageNode.setName(ctx, pool.node_info, name);
}

/** Sets the node's `host:port` (at most 259 bytes). */
export function setNetworkAddress(ctx: NativeContext, pool: StakingPoolValue, address: StringValue): void {
  if (address.bytes.length > MAX_NETWORK_ADDRESS_LENGTH)
    abort(ctx, 'staking_pool', 'set_network_address', 'EInvalidNetworkAddressLength');
  storageNode.setNetworkAddress(ctx, pool.node_info, address);
}

/** Sets the node's network public key. */
export function setNetworkPublicKey(ctx: NativeContext, pool: StakingPoolValue, key: Uint8Array): void {
  storageNode.setNetworkPublicKey(ctx, pool.node_info, key);
}

/** Sets the node's metadata. */
export function setNodeMetadata(
  ctx: NativeContext,
  pool: StakingPoolValue,
  metadata: NodeMetadataValue,
): void {
  storageNode.setMetadata(ctx, pool.node_info, metadata);
}

// === Accessors ===

/** True while the pool takes stake. */
export function isActive(_ctx: NativeContext, pool: StakingPoolValue): boolean {
  return 'Active' in pool.state;
}

/** The node id of a pool (its object id). */
export function poolNodeId(pool: StakingPoolValue): IdValue {
  return { bytes: pool.id.id.bytes };
}
