/**
 * Natives of `walrus::challenge`: storage challenges, a devnet extension of the protocol (see the
 * Move source for the contract). The round's state is the `ChallengeState` kept as a dynamic field
 * of the `System` under `ChallengeKey`; certificates are verified by `bls_aggregate` exactly as blob
 * certificates are.
 */
import { bcs } from '@mysten/sui/bcs';
import { fromBase58, fromHex } from '@mysten/sui/utils';
import type { IdValue, OptionValue } from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import {
  type ChallengeRoundValue,
  type ChallengeStateValue,
  MOVE_CONSTANTS,
  type ProtectedTreasuryValue,
  type StakingValue,
  type SystemValue,
} from '../../generated/move-types.js';
import { BcsReader } from '../framework/bcs.js';
import { blake2b256 } from '../framework/hash.js';
import { addField, borrowField, type FieldSlot, fieldSlot } from '../support/fields.js';
import type { ClockValue } from '../support/framework-values.js';
import { effect, implement, returning } from '../support/implement.js';
import { abort, newUid, walrusType } from '../support/natives-kit.js';
import * as wal from '../wal/wal.js';
import { toVecMap, verifyQuorumInEpoch } from './bls_aggregate.js';
import * as staking from './staking.js';
import * as system from './system.js';

/** Intent type of a challenge certificate. */
export const CHALLENGE_CERT_MSG_TYPE = MOVE_CONSTANTS.challenge.CHALLENGE_CERT_MSG_TYPE;
/** Largest per-node sample. */
export const MAX_SAMPLE_SIZE = MOVE_CONSTANTS.challenge.MAX_SAMPLE_SIZE;

/** The `ChallengeKey {}` field of `self` holding the `ChallengeState`. */
function stateSlot(ctx: NativeContext, self: SystemValue): FieldSlot {
  return fieldSlot(
    ctx,
    self.id.id.bytes,
    walrusType(ctx, 'challenge', 'ChallengeKey'),
    { dummy_field: false },
    walrusType(ctx, 'challenge', 'ChallengeState'),
  );
}

/** The state (live), or an abort as `dynamic_field::borrow` when challenges were never set up. */
function state(ctx: NativeContext, self: SystemValue): ChallengeStateValue {
  const slot = stateSlot(ctx, self);
  if (!ctx.children.exists(slot.parent, slot.id)) abort(ctx, 'challenge', 'state', 'ENoRound');
  return borrowField<ChallengeStateValue>(ctx, slot);
}

/** Sets up challenges with the sender as operator. */
export function create(ctx: NativeContext, self: SystemValue): void {
  const slot = stateSlot(ctx, self);
  if (ctx.children.exists(slot.parent, slot.id)) abort(ctx, 'challenge', 'create', 'EAlreadyCreated');
  const value: ChallengeStateValue = { operator: ctx.sender, next_round: 1n, last: { vec: [] } };
  addField(ctx, slot, { dummy_field: false }, value);
}

/** `blake2b256(seed || node_id)`. */
export function nodeSeed(ctx: NativeContext, seed: Uint8Array, nodeId: IdValue): Uint8Array {
  return blake2b256(ctx, Uint8Array.from([...seed, ...fromHex(nodeId.bytes.slice(2))]));
}

/** Opens a round; returns its number. */
export function startChallenge(
  ctx: NativeContext,
  self: SystemValue,
  nodes: IdValue[],
  sampleSize: number,
  windowMs: bigint,
  penaltyBpsPerShard: number,
  penaltyByCommission: boolean,
  clock: ClockValue,
): bigint {
  const where = 'start_challenge';
  if (sampleSize === 0 || sampleSize > MAX_SAMPLE_SIZE) abort(ctx, 'challenge', where, 'EInvalidSampleSize');
  if (penaltyBpsPerShard > MOVE_CONSTANTS.challenge.MAX_PENALTY_BPS)
    abort(ctx, 'challenge', where, 'EInvalidPenalty');
  const epoch = system.epoch(ctx, self);
  const members = toVecMap(ctx, system.committee(ctx, self)).contents;
  const s = state(ctx, self);
  if (ctx.sender !== s.operator) abort(ctx, 'challenge', where, 'ENotOperator');
  if (s.last.vec[0] && !s.last.vec[0].resolved) abort(ctx, 'challenge', where, 'ERoundOpen');
  const chosen = nodes.length === 0 ? members.map((m) => m.key) : nodes;
  const shards = chosen.map((node) => {
    const member = members.find((m) => m.key.bytes === node.bytes);
    // vec_map::get of an absent key: EKeyDoesNotExist.
    if (!member) abort(ctx, 'challenge', where, 'ENotChallenged');
    return member.value;
  });
  const round = s.next_round;
  const seed = blake2b256(
    ctx,
    Uint8Array.from([
      ...bcs.u32().serialize(epoch).toBytes(),
      ...bcs.u64().serialize(round).toBytes(),
      ...fromBase58(ctx.txDigest),
    ]),
  );
  const deadline = clock.timestamp_ms + windowMs;
  s.next_round = round + 1n;
  const copy = chosen.map((n) => ({ bytes: n.bytes }));
  s.last = {
    vec: [
      {
        round,
        epoch,
        seed,
        deadline_ms: deadline,
        sample_size: sampleSize,
        nodes: copy,
        shards,
        passed: [],
        resolved: false,
        penalty_bps_per_shard: penaltyBpsPerShard,
        penalty_by_commission: penaltyByCommission,
        committee: members.map((m) => ({ bytes: m.key.bytes })),
        committee_shards: members.map((m) => m.value),
        missed: members.map(() => 0n),
      },
    ],
  };
  ctx.emit(walrusType(ctx, 'challenge', 'ChallengeStarted'), {
    epoch,
    round,
    seed,
    deadline,
    sample_size: sampleSize,
    nodes: copy,
  });
  return round;
}

/** The body of a challenge certificate: round, node id, 32-byte sample digest. */
export function certificateBody(ctx: NativeContext, body: Uint8Array): [bigint, IdValue, Uint8Array] {
  const reader = new BcsReader(ctx, body);
  const round = reader.peelU64();
  const nodeId = { bytes: reader.peelAddress() };
  const digest = reader.intoRemainderBytes();
  if (BigInt(digest.length) !== MOVE_CONSTANTS.challenge.DIGEST_LEN)
    abort(ctx, 'challenge', 'certificate_body', 'EInvalidMsgType');
  return [round, nodeId, digest];
}

/** Accepts a node's certificate for the open round; returns the node id. */
export function submitChallengeCertificate(
  ctx: NativeContext,
  self: SystemValue,
  signature: Uint8Array,
  signersBitmap: Uint8Array,
  messageBytes: Uint8Array,
  clock: ClockValue,
): IdValue {
  const where = 'submit_challenge_certificate';
  const certified = verifyQuorumInEpoch(
    ctx,
    system.committee(ctx, self),
    signature,
    signersBitmap,
    messageBytes,
  );
  if (certified.intent_type !== CHALLENGE_CERT_MSG_TYPE) abort(ctx, 'challenge', where, 'EInvalidMsgType');
  const [round, nodeId] = certificateBody(ctx, certified.message);
  const last = state(ctx, self).last.vec[0];
  if (!last) abort(ctx, 'challenge', where, 'ENoRound');
  if (round !== last.round || last.resolved) abort(ctx, 'challenge', where, 'EWrongRound');
  if (!last.nodes.some((n) => n.bytes === nodeId.bytes)) abort(ctx, 'challenge', where, 'ENotChallenged');
  if (last.passed.some((n) => n.bytes === nodeId.bytes)) abort(ctx, 'challenge', where, 'EAlreadyPassed');
  if (certified.cert_epoch !== last.epoch) abort(ctx, 'challenge', where, 'EDeadlinePassed');
  if (clock.timestamp_ms > last.deadline_ms) abort(ctx, 'challenge', where, 'EDeadlinePassed');
  last.passed.push({ bytes: nodeId.bytes });
  last.committee.forEach((member, i) => {
    const signed = ((signersBitmap[i >> 3] ?? 0) >> (i % 8)) & 1;
    if (!signed && member.bytes !== nodeId.bytes) last.missed[i] = last.missed[i]! + 1n;
  });
  ctx.emit(walrusType(ctx, 'challenge', 'ChallengePassed'), {
    epoch: last.epoch,
    round,
    node_id: { bytes: nodeId.bytes },
    signers_weight: certified.stake_support,
  });
  return nodeId;
}

/**
 * Closes the open round after its deadline (or epoch): fails every challenged node without a
 * certificate, penalizes it and every member that did not answer its peers, burns the penalties;
 * returns the penalized nodes and amounts.
 */
export function resolveChallenge(
  ctx: NativeContext,
  self: SystemValue,
  stakingObject: StakingValue,
  treasury: ProtectedTreasuryValue,
  clock: ClockValue,
): [IdValue[], bigint[]] {
  const where = 'resolve_challenge';
  const epoch = system.epoch(ctx, self);
  const last = state(ctx, self).last.vec[0];
  if (!last || last.resolved) abort(ctx, 'challenge', where, 'ENoRound');
  if (clock.timestamp_ms <= last.deadline_ms && epoch <= last.epoch)
    abort(ctx, 'challenge', where, 'EDeadlineNotReached');
  last.resolved = true;
  const has = (list: IdValue[], id: IdValue) => list.some((n) => n.bytes === id.bytes);
  const penalized: IdValue[] = [];
  const amounts: bigint[] = [];
  last.committee.forEach((member, i) => {
    const nodeId = { bytes: member.bytes };
    const held = last.committee_shards[i]!;
    const failed = has(last.nodes, nodeId) && !has(last.passed, nodeId);
    if (failed) {
      ctx.emit(walrusType(ctx, 'challenge', 'ChallengeFailed'), {
        epoch: last.epoch,
        round: last.round,
        node_id: nodeId,
        shards: held,
      });
    }
    const others = BigInt(last.passed.length - (has(last.passed, nodeId) ? 1 : 0));
    const unresponsive = others > 0n && 2n * last.missed[i]! > others;
    const burn = staking.settlePenaltyDebt(ctx, stakingObject, nodeId);
    if (failed || unresponsive) {
      const [amount, taken] = staking.penalizeNode(
        ctx,
        stakingObject,
        nodeId,
        held,
        last.penalty_bps_per_shard,
        last.penalty_by_commission,
      );
      burn.value += taken.value;
      penalized.push({ bytes: nodeId.bytes });
      amounts.push(amount);
      ctx.emit(walrusType(ctx, 'challenge', 'NodePenalized'), {
        epoch: last.epoch,
        round: last.round,
        node_id: { bytes: nodeId.bytes },
        amount,
        reason: failed
          ? MOVE_CONSTANTS.challenge.REASON_FAILED
          : MOVE_CONSTANTS.challenge.REASON_UNRESPONSIVE,
        by_commission: last.penalty_by_commission,
      });
    }
    wal.burn(ctx, treasury, { id: newUid(ctx), balance: burn }); // treasury.burn(burn.into_coin(ctx))
  });
  return [penalized, amounts];
}

/** The last round, if any (a copy). */
export function lastRound(ctx: NativeContext, self: SystemValue): OptionValue<ChallengeRoundValue> {
  const last = state(ctx, self).last.vec[0];
  return last ? { vec: [structuredClone(last)] } : { vec: [] };
}

/** The natives of `walrus::challenge` (a devnet extension). */
export const challengeNatives = implement('challenge', {
  create: effect(create),
  start_challenge: returning(startChallenge),
  submit_challenge_certificate: returning(submitChallengeCertificate),
  resolve_challenge(ctx, [self, stakingObject, treasury, clock]) {
    return resolveChallenge(ctx, self, stakingObject, treasury, clock);
  },
  node_seed: returning(nodeSeed),
  last_round: returning(lastRound),
});
