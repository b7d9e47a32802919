/**
 * Natives of `walrus::bls_aggregate`: the BLS committee of an epoch and the verification of its
 * certificates. Keys are min_pk (G1 public keys kept uncompressed, 96 bytes; G2 signatures). A
 * certificate is an aggregate signature with a bitmap of its signers (bit i, least significant
 * first, is member i); the aggregate key is the committee's total key minus the non-signers' keys.
 * No public functions.
 */
import {
  type IdValue,
  type OptionValue,
  SUI_FRAMEWORK,
} from '../../../ledger/core/natives/framework/values.js';
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type {
  BlsCommitteeMemberValue,
  BlsCommitteeValue,
  CertifiedMessageValue,
  RequiredWeightValue,
} from '../../generated/move-types.js';
import {
  bls12381MinPkVerify,
  g1Identity,
  g1Sub,
  uncompressedG1Sum,
  uncompressedG1ToG1,
} from '../framework/bls12381.js';
import type { ElementValue } from '../framework/group_ops.js';
import { abort, abortAt } from '../support/natives-kit.js';
import type { VecMapValue } from '../support/vec-map.js';
import { newCertifiedMessage } from './messages.js';

/** A committee for `epoch`; its shard count is the sum of the weights. */
export function newBlsCommittee(
  ctx: NativeContext,
  epoch: number,
  members: BlsCommitteeMemberValue[],
): BlsCommitteeValue {
  const nShards = members.reduce((sum, m) => sum + m.weight, 0);
  if (nShards > 0xffff) abort(ctx, 'bls_aggregate', 'new_bls_committee', 'EIncorrectCommittee');
  const totalAggregatedKey =
    members.length === 0
      ? g1Identity(ctx)
      : uncompressedG1ToG1(
          ctx,
          uncompressedG1Sum(
            ctx,
            members.map((m) => m.public_key),
          ),
        );
  return { members, n_shards: nShards, epoch, total_aggregated_key: totalAggregatedKey };
}

/** A member. */
export function newBlsCommitteeMember(
  _ctx: NativeContext,
  publicKey: ElementValue,
  weight: number,
  nodeId: IdValue,
): BlsCommitteeMemberValue {
  return { public_key: publicKey, weight, node_id: { bytes: nodeId.bytes } };
}

/** True if `nodeId` is a member. */
export function contains(ctx: NativeContext, self: BlsCommitteeValue, node: IdValue): boolean {
  return findIndex(ctx, self, node).vec.length > 0;
}

/** The index of `nodeId` among the members. */
export function findIndex(_ctx: NativeContext, self: BlsCommitteeValue, node: IdValue): OptionValue<bigint> {
  const index = self.members.findIndex((m) => m.node_id.bytes === node.bytes);
  return index < 0 ? { vec: [] } : { vec: [BigInt(index)] };
}

/** Node id → weight, in member order (aborts as `vec_map::insert` on a duplicate node). */
export function toVecMap(ctx: NativeContext, self: BlsCommitteeValue): VecMapValue<IdValue, number> {
  const map: VecMapValue<IdValue, number> = { contents: [] };
  for (const member of self.members) {
    if (map.contents.some((e) => e.key.bytes === member.node_id.bytes))
      abortAt(ctx, { address: SUI_FRAMEWORK, module: 'vec_map', function: 'insert' }, 0); // EKeyAlreadyExists
    map.contents.push({ key: { bytes: member.node_id.bytes }, value: member.weight });
  }
  return map;
}

/** True if `weight` shards form a quorum: `3w >= 2n + 1`. */
export function isQuorum(_ctx: NativeContext, self: BlsCommitteeValue, weight: number): boolean {
  return 3 * weight >= 2 * self.n_shards + 1;
}

/** True if `weight` shards include at least one correct node: `3w >= n + 1`. */
export function includesOneCorrectNode(
  _ctx: NativeContext,
  self: BlsCommitteeValue,
  weight: number,
): boolean {
  return 3 * weight >= self.n_shards + 1;
}

/**
 * The verification of a certificate of `required` weight by the committee on `message`: checks it
 * and parses the message's header.
 */
function verifyInEpoch(required: RequiredWeightValue) {
  return (
    ctx: NativeContext,
    self: BlsCommitteeValue,
    signature: Uint8Array,
    signersBitmap: Uint8Array,
    message: Uint8Array,
  ): CertifiedMessageValue => {
    const weight = verifyCertificateAndWeight(ctx, self, signature, signersBitmap, message, required);
    return newCertifiedMessage(ctx, message, self.epoch, weight);
  };
}

/** Verifies a quorum certificate on `message` and parses its header. */
export const verifyQuorumInEpoch = verifyInEpoch({ Quorum: true });

/** Verifies a certificate signed by at least one correct node and parses its header. */
export const verifyOneCorrectNodeInEpoch = verifyInEpoch({ OneCorrectNode: true });

/** Checks the bitmap, the signers' weight and the aggregate signature; returns the weight. */
export function verifyCertificateAndWeight(
  ctx: NativeContext,
  self: BlsCommitteeValue,
  signature: Uint8Array,
  signersBitmap: Uint8Array,
  message: Uint8Array,
  requiredWeight: RequiredWeightValue,
): number {
  const where = 'verify_certificate_and_weight';
  const nMembers = self.members.length;
  if (signersBitmap.length > Math.floor((nMembers + 7) / 8))
    abort(ctx, 'bls_aggregate', where, 'EInvalidBitmap');
  let weight = 0;
  const nonSigners: ElementValue[] = [];
  for (let i = 0; i < signersBitmap.length * 8; i++) {
    const signed = ((signersBitmap[i >> 3]! >> (i % 8)) & 1) === 1;
    if (i >= nMembers) {
      if (signed) abort(ctx, 'bls_aggregate', where, 'EInvalidBitmap');
    } else if (signed) {
      weight += self.members[i]!.weight;
    } else {
      nonSigners.push(self.members[i]!.public_key);
    }
  }
  // Members past the end of a short bitmap did not sign.
  for (let i = signersBitmap.length * 8; i < nMembers; i++) nonSigners.push(self.members[i]!.public_key);
  const enough =
    'Quorum' in requiredWeight ? isQuorum(ctx, self, weight) : includesOneCorrectNode(ctx, self, weight);
  if (!enough) abort(ctx, 'bls_aggregate', where, 'ENotEnoughStake');
  const aggregateKey =
    nonSigners.length === 0
      ? self.total_aggregated_key
      : g1Sub(ctx, self.total_aggregated_key, uncompressedG1ToG1(ctx, uncompressedG1Sum(ctx, nonSigners)));
  if (!bls12381MinPkVerify(ctx, signature, aggregateKey.bytes, message))
    abort(ctx, 'bls_aggregate', where, 'ESigVerification');
  return weight;
}
