import { bcs } from '@mysten/sui/bcs';
import { coinWithBalance, Transaction } from '@mysten/sui/transactions';
import { normalizeSuiObjectId } from '@mysten/sui/utils';
import { notEnoughWal } from '../accounts/not-enough-wal.js';
import { parseObjectId } from '../clients/object-id.js';
import { executeAsSigner, guard, type WalrusSession } from '../clients/walrus-session.js';
import { resolveNodeIndex } from '../dev/node-index.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { formatToken } from '../util/format.js';

/** 1 WAL in FROST: the smallest stake the contract accepts. */
export const MIN_STAKE = 1_000_000_000n;

/** `StakedWal` as laid out by the walrus package (the SDK ships no type for it). */
const StakedWalBcs = bcs.struct('StakedWal', {
  id: bcs.Address,
  state: bcs.enum('StakedWalState', {
    Staked: null,
    Withdrawing: bcs.struct('Withdrawing', { withdraw_epoch: bcs.u32() }),
  }),
  node_id: bcs.Address,
  principal: bcs.u64(),
  activation_epoch: bcs.u32(),
});

/** A staked position as the CLI reports it (amounts in FROST). */
export interface StakeInfo {
  objectId: string;
  nodeId: string;
  principal: string;
  activationEpoch: number;
  /** `pending` (not active yet), `active`, `withdrawing` (requested), `withdrawable`. */
  state: 'pending' | 'active' | 'withdrawing' | 'withdrawable';
  withdrawEpoch: number | null;
  /** Rewards earned so far, as the contract computes them for a withdrawal now. */
  rewards: string;
  /**
   * Local devnet only (storage-challenge penalties are a devnet extension), else null: what withdrawing
   * pays now (`staking::staked_wal_value`), and the pool's penalties' share of it
   * (principal + rewards − value, when positive).
   */
  value: string | null;
  penalty: string | null;
}

/** The largest amount a Move `u64` (and so any WAL coin) holds, in FROST. */
const MAX_FROST = 2n ** 64n - 1n;

/** Parses a decimal WAL amount ("1.5") given as `flag` into FROST; errors name the flag. */
export function parseWal(text: string, flag = '--amount'): bigint {
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!match) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `${flag} "${text}" is not a WAL amount: a decimal number with at most 9 decimals, e.g. 10 or 2.5.`,
      { hint: `For example ${flag} 10 or ${flag} 2.5.` },
    );
  }
  const frost = BigInt(match[1]!) * 1_000_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
  if (frost > MAX_FROST) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `${flag} ${text} is more WAL than can exist: at most ${formatToken(MAX_FROST, 'WAL')}.`,
      { hint: `Pass a smaller amount, e.g. ${flag} 10.` },
    );
  }
  return frost;
}

/**
 * The node to stake with, given as a node index (on the devnet, as in `walrus node list`) or a node id, checked to
 * be a staking pool of this deployment.
 */
async function resolveStakeNode(session: WalrusSession, text: string): Promise<string> {
  const { descriptor, network } = session.connection;
  if (/^\d+$/.test(text)) {
    if (!descriptor) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `--node ${text}: node indices work on the local devnet only; on ${network.name} pass the node id (0x…).`,
      );
    }
    return descriptor.nodes?.[resolveNodeIndex(descriptor, text)]?.nodeId ?? text;
  }
  const nodeId = parseObjectId(text);
  const { objects } = await guard(() => session.sui.core.getObjects({ objectIds: [nodeId] }));
  const object = objects[0];
  const poolType = `${await session.walrusPackageId()}::staking_pool::StakingPool`;
  if (!object || object instanceof Error || object.type !== poolType) {
    throw new UserError(
      ErrorCode.NotFound,
      `--node ${text}: no storage node has this id on ${network.name}.`,
      {
        hint: descriptor
          ? 'Pass a node index or id from `walrus node list`.'
          : 'Pass the node id (its staking pool id) of a registered storage node.',
      },
    );
  }
  return nodeId;
}

async function stakingObject(session: WalrusSession): Promise<string> {
  const id = session.connection.walrusObjects?.staking;
  if (!id)
    throw new UserError(ErrorCode.NoWalrusDeployment, 'No Walrus staking object is known on this network.');
  return id;
}

/** Stakes `amount` FROST of WAL with the node (pool) `nodeId`; returns the new StakedWal. */
export async function stakeWithNode(session: WalrusSession, nodeText: string, amount: bigint) {
  if (amount < MIN_STAKE) {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `--amount ${formatToken(amount)}: the smallest stake is ${formatToken(MIN_STAKE, 'WAL')}.`,
      { hint: `Stake at least ${formatToken(MIN_STAKE, 'WAL')}, e.g. --amount 1.` },
    );
  }
  const nodeId = await resolveStakeNode(session, nodeText);
  const balance = await session.walBalance();
  if (balance < amount) {
    throw notEnoughWal({
      doing: `to stake ${formatToken(amount, 'WAL')}`,
      needed: amount,
      balance,
      address: session.signer.toSuiAddress(),
      devnet: Boolean(session.connection.descriptor),
    });
  }
  const packageId = await session.walrusPackageId();
  const tx = new Transaction();
  const staked = tx.moveCall({
    target: `${packageId}::staking::stake_with_pool`,
    arguments: [
      tx.object(await stakingObject(session)),
      coinWithBalance({ type: await session.walType(), balance: amount }),
      tx.pure.id(nodeId),
    ],
  });
  tx.transferObjects([staked], session.signer.toSuiAddress());
  const result = await executeAsSigner(session, tx, 'Staking');
  const created = result.effects?.changedObjects.find(
    (o) => o.idOperation === 'Created' && o.outputOwner?.$kind === 'AddressOwner',
  );
  return { digest: result.digest, stakedWal: created?.objectId ?? null, nodeId, amount: amount.toString() };
}

/** The active account's StakedWal objects with state and rewards so far. */
export async function listStakes(
  session: WalrusSession,
  owner = session.signer.toSuiAddress(),
): Promise<StakeInfo[]> {
  const packageId = await session.walrusPackageId();
  const epoch = await session.epoch();
  const { objects } = await guard(() =>
    session.sui.core.listOwnedObjects({
      owner,
      type: `${packageId}::staked_wal::StakedWal`,
      include: { content: true },
    }),
  );
  const stakes: StakeInfo[] = [];
  for (const object of objects) {
    const value = StakedWalBcs.parse(object.content as Uint8Array);
    const withdrawEpoch = value.state.Withdrawing ? value.state.Withdrawing.withdraw_epoch : null;
    const state: StakeInfo['state'] =
      withdrawEpoch !== null
        ? epoch >= withdrawEpoch
          ? 'withdrawable'
          : 'withdrawing'
        : epoch >= value.activation_epoch
          ? 'active'
          : 'pending';
    const rewards = await rewardsOf(session, object.objectId);
    stakes.push({
      objectId: normalizeSuiObjectId(object.objectId),
      nodeId: value.node_id,
      principal: value.principal,
      activationEpoch: value.activation_epoch,
      state,
      withdrawEpoch,
      ...(await valueAndPenalty(session, object.objectId, BigInt(value.principal), rewards)),
      rewards: rewards.toString(),
    });
  }
  return stakes;
}

/** Rewards of a StakedWal now, from the contract's own view function (a dry run, nothing is signed). */
function rewardsOf(session: WalrusSession, stakedWalId: string): Promise<bigint> {
  return stakingView(session, 'calculate_rewards', stakedWalId);
}

/** On a local devnet: the stake's value now and its share of its pool's storage-challenge penalties. */
async function valueAndPenalty(
  session: WalrusSession,
  stakedWalId: string,
  principal: bigint,
  rewards: bigint,
): Promise<{ value: string | null; penalty: string | null }> {
  if (!session.connection.network.local) return { value: null, penalty: null };
  const value = await stakingView(session, 'staked_wal_value', stakedWalId);
  const penalty = principal + rewards - value;
  return { value: value.toString(), penalty: (penalty > 0n ? penalty : 0n).toString() };
}

/** A `staking` view of a StakedWal (a u64), by dry run. */
async function stakingView(session: WalrusSession, view: string, stakedWalId: string): Promise<bigint> {
  const packageId = await session.walrusPackageId();
  const tx = new Transaction();
  tx.setSender(session.signer.toSuiAddress());
  tx.moveCall({
    target: `${packageId}::staking::${view}`,
    arguments: [tx.object(await stakingObject(session)), tx.object(stakedWalId)],
  });
  const result = await guard(() =>
    session.sui.core.simulateTransaction({ transaction: tx, include: { commandResults: true } }),
  );
  const bytes = result.commandResults?.[0]?.returnValues?.[0]?.bcs;
  return bytes ? BigInt(bcs.u64().parse(bytes)) : 0n;
}

/**
 * Withdraws a stake: requests the withdrawal if it is still staked (the WAL can be taken once the committee
 * term it counts for ends), or takes principal plus rewards if the withdrawal epoch has come.
 */
export async function withdrawStake(session: WalrusSession, stakedWalIdText: string) {
  const stakedWalId = parseObjectId(stakedWalIdText);
  const stake = (await listStakes(session)).find((s) => s.objectId === stakedWalId);
  if (!stake) {
    throw new UserError(
      ErrorCode.NotFound,
      `No StakedWal ${stakedWalId} owned by ${session.signer.toSuiAddress()}.`,
      {
        hint: 'See `walrus stake list`.',
      },
    );
  }
  if (stake.state === 'withdrawing') {
    throw new UserError(
      ErrorCode.InvalidArguments,
      `Stake ${stakedWalId} can be withdrawn from epoch ${stake.withdrawEpoch}.`,
      {
        hint: 'Wait for that epoch (on the devnet: `walrus epoch advance`).',
      },
    );
  }
  const packageId = await session.walrusPackageId();
  const tx = new Transaction();
  const staking = tx.object(await stakingObject(session));
  if (stake.state === 'withdrawable' || stake.state === 'pending') {
    const coin = tx.moveCall({
      target: `${packageId}::staking::withdraw_stake`,
      arguments: [staking, tx.object(stakedWalId)],
    });
    tx.transferObjects([coin], session.signer.toSuiAddress());
    const before = await session.walBalance();
    const result = await executeAsSigner(session, tx, 'Withdrawal');
    const received = (await session.walBalance()) - before;
    return {
      digest: result.digest,
      stakedWal: stakedWalId,
      action: 'withdrawn' as const,
      received: received.toString(),
    };
  }
  tx.moveCall({
    target: `${packageId}::staking::request_withdraw_stake`,
    arguments: [staking, tx.object(stakedWalId)],
  });
  const result = await executeAsSigner(session, tx, 'Withdrawal request');
  const after = (await listStakes(session)).find((s) => s.objectId === stakedWalId);
  return {
    digest: result.digest,
    stakedWal: stakedWalId,
    action: 'requested' as const,
    withdrawEpoch: after?.withdrawEpoch ?? null,
  };
}
