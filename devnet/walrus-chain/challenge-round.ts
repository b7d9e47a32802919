/**
 * One storage-challenge round on the devnet (a devnet extension of the protocol; see
 * `contracts/walrus/sources/challenge.move` and docs/challenges.md): the operator opens it
 * (`challenge::start_challenge`), each challenged node proves its sample to its peers and returns the
 * certificate they signed (`POST /v1/challenges/{round}/respond` on the node), which is submitted
 * (`submit_challenge_certificate`); at the deadline `resolve_challenge` fails every node without
 * one and penalizes it (and members that did not answer their peers): it forfeits the epoch's
 * rewards and a share of its pool's stake (or its commission) is burned. Only public Sui calls and
 * the nodes' HTTP API.
 */
import { bcs } from '@mysten/sui/bcs';
import type { Keypair } from '@mysten/sui/cryptography';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { Transaction } from '@mysten/sui/transactions';
import { deriveDynamicFieldID, normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import { contractLayouts } from '../contract-runtime/contract-layouts.js';
import { MOVE_CONSTANTS, type NodePenalizedValue } from '../contract-runtime/generated/move-types.js';
import { CHALLENGE_DEFAULTS } from '../defaults.js';
import type { ChainView, ChallengeRoundInfo } from '../storage-node/chain-view.js';
import { run, type WalrusDeployment } from './walrus-transactions.js';

const REASON_FAILED = MOVE_CONSTANTS.challenge.REASON_FAILED;

const CLOCK = '0x6';

export { CHALLENGE_DEFAULTS };

/** How a failed node pays: a share of its pool's stake per shard, or its commission (mainnet's slashing). */
export type ChallengePenaltyMode = 'stake' | 'commission';

/** Options of a round. */
export interface ChallengeOptions {
  /** Node ids to challenge. @default every committee member */
  nodes?: string[];
  /** Blobs sampled per node (1–64). @default 64 */
  sampleSize?: number;
  /** How long certificates are accepted, in ms of chain time (the devnet then moves its clock to the deadline, so a long window costs nothing). @default 60000 */
  windowMs?: number;
  /** How a failed node pays. @default 'stake' */
  penalty?: ChallengePenaltyMode;
  /** With `penalty: 'stake'`: basis points of the pool's stake per shard held. @default 100 */
  penaltyBpsPerShard?: number;
}

/** A penalty a node paid in a round (`NodePenalized`). */
export interface ChallengePenalty {
  /** FROST burned out of its pool's stake (or its commission). */
  amount: string;
  /** `failed`: no valid certificate; `unresponsive`: did not sign most of its peers' certificates. */
  reason: 'failed' | 'unresponsive';
  byCommission: boolean;
}

/** What happened to one challenged node. */
export interface ChallengeNodeOutcome {
  nodeId: string;
  passed: boolean;
  /** Shards of the peers (and itself) that signed its certificate. */
  signersWeight: number;
  nShards: number;
  sampled: number;
  proofBytes: number;
  refusals: Array<{ nodeId: string; reason: string }>;
  /** Why the node produced no certificate, or why it was refused on chain. */
  error?: string;
  /** What it paid, if it was penalized (it also forfeits the epoch's rewards). */
  penalty?: ChallengePenalty;
}

/** The outcome of a round. */
export interface ChallengeOutcome {
  round: string;
  epoch: number;
  seed: string;
  /** The penalty rule of the round. */
  penalty: { mode: ChallengePenaltyMode; bpsPerShard: number };
  nodes: ChallengeNodeOutcome[];
}

/** A challenged node's REST address. */
export interface ChallengedNode {
  nodeId: string;
  url: string;
}

/** The id of the System's `ChallengeKey` field. */
export function challengeFieldId(deployment: Pick<WalrusDeployment, 'addresses' | 'systemObjectId'>): string {
  const keyType = `${normalizeSuiAddress(deployment.addresses.walrus)}::challenge::ChallengeKey`;
  return deriveDynamicFieldID(deployment.systemObjectId, keyType, bcs.bool().serialize(false).toBytes());
}

/** Sets up challenges (operator = `signer`) unless they are. */
async function ensureCreated(client: SuiGrpcClient, signer: Keypair, deployment: WalrusDeployment) {
  const { objects } = await client.core.getObjects({ objectIds: [challengeFieldId(deployment)] });
  if (objects[0] && !(objects[0] instanceof Error)) return;
  const tx = new Transaction();
  tx.moveCall({
    target: `${deployment.addresses.walrus}::challenge::create`,
    arguments: [tx.object(deployment.systemObjectId)],
  });
  await run(client, signer, tx, 'Setting up storage challenges');
}

interface CertificateJson {
  message: string;
  signature: string;
  signersBitmap: string;
  weight: number;
  nShards: number;
  sample: string[];
  proofBytes: number;
  refusals: Array<{ nodeId: string; reason: string }>;
}

async function askForCertificate(node: ChallengedNode, round: bigint): Promise<CertificateJson> {
  const response = await fetch(`${node.url}/v1/challenges/${round}/respond`, {
    method: 'POST',
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { success: { data: CertificateJson } }).success.data;
}

/**
 * Runs a round to its outcome. `waitForDeadline` returns once the chain's clock is past the
 * deadline (the devnet moves its clock there).
 */
export async function runChallengeRound(
  client: SuiGrpcClient,
  operator: Keypair,
  deployment: WalrusDeployment,
  view: ChainView,
  members: ChallengedNode[],
  options: ChallengeOptions,
  waitForDeadline: (deadlineMs: bigint) => Promise<void>,
): Promise<ChallengeOutcome> {
  const walrus = deployment.addresses.walrus;
  await ensureCreated(client, operator, deployment);
  const mode = options.penalty ?? CHALLENGE_DEFAULTS.penalty;
  const bpsPerShard = options.penaltyBpsPerShard ?? CHALLENGE_DEFAULTS.penaltyBpsPerShard;
  const start = new Transaction();
  start.moveCall({
    target: `${walrus}::challenge::start_challenge`,
    arguments: [
      start.object(deployment.systemObjectId),
      start.pure.vector('address', options.nodes ?? []),
      start.pure.u16(options.sampleSize ?? CHALLENGE_DEFAULTS.sampleSize),
      start.pure.u64(options.windowMs ?? CHALLENGE_DEFAULTS.windowMs),
      start.pure.u16(bpsPerShard),
      start.pure.bool(mode === 'commission'),
      start.object(CLOCK),
    ],
  });
  await run(client, operator, start, 'Opening a challenge round');
  const info = await view.getChallengeRound?.();
  if (!info) throw new Error('The challenge round just opened cannot be read back from the chain');
  // Nodes prove in parallel; their certificates go on chain one by one (one signer, one gas coin).
  const certificates = await Promise.all(info.nodes.map((nodeId) => certify(members, info, nodeId)));
  const outcomes: ChallengeNodeOutcome[] = [];
  for (const [outcome, certificate] of certificates) {
    if (certificate) await submit(client, operator, deployment, outcome, certificate);
    outcomes.push(outcome);
  }
  await waitForDeadline(info.deadlineMs);
  const resolve = new Transaction();
  resolve.moveCall({
    target: `${walrus}::challenge::resolve_challenge`,
    arguments: [
      resolve.object(deployment.systemObjectId),
      resolve.object(deployment.stakingObjectId),
      resolve.object(deployment.treasuryObjectId),
      resolve.object(CLOCK),
    ],
  });
  const resolved = await run(client, operator, resolve, 'Resolving the challenge round');
  const penalties = penaltiesOf(deployment, resolved.events ?? []);
  const final = await view.getChallengeRound?.();
  const passed = new Set(final?.passed ?? []);
  const nodes = outcomes.map((o) => ({ ...o, passed: passed.has(o.nodeId) }));
  // A member penalized for not answering its peers may not have been challenged itself.
  for (const [nodeId] of penalties)
    if (!nodes.some((n) => n.nodeId === nodeId)) nodes.push({ ...emptyOutcome(nodeId), passed: true });
  for (const node of nodes) {
    const penalty = penalties.get(node.nodeId);
    if (penalty) node.penalty = penalty;
  }
  return {
    round: info.round.toString(),
    epoch: info.epoch,
    seed: toHex(info.seed),
    penalty: { mode, bpsPerShard },
    nodes,
  };
}

/** The `NodePenalized` events of the resolving transaction, by node id. */
function penaltiesOf(
  deployment: WalrusDeployment,
  events: ReadonlyArray<{ eventType: string; bcs: Uint8Array }>,
): Map<string, ChallengePenalty> {
  const type = `${normalizeSuiAddress(deployment.addresses.walrus)}::challenge::NodePenalized`;
  const layouts = contractLayouts(deployment.addresses);
  const penalties = new Map<string, ChallengePenalty>();
  for (const event of events) {
    if (event.eventType !== type) continue;
    const e = layouts.decode(type, event.bcs) as NodePenalizedValue;
    penalties.set(normalizeSuiAddress(e.node_id.bytes), {
      amount: e.amount.toString(),
      reason: e.reason === REASON_FAILED ? 'failed' : 'unresponsive',
      byCommission: e.by_commission,
    });
  }
  return penalties;
}

function emptyOutcome(nodeId: string): ChallengeNodeOutcome {
  return { nodeId, passed: false, signersWeight: 0, nShards: 0, sampled: 0, proofBytes: 0, refusals: [] };
}

/** Asks a challenged node for its certificate. */
async function certify(
  members: ChallengedNode[],
  info: ChallengeRoundInfo,
  nodeId: string,
): Promise<[ChallengeNodeOutcome, CertificateJson | undefined]> {
  const outcome = emptyOutcome(nodeId);
  const node = members.find((m) => m.nodeId === nodeId);
  try {
    if (!node) throw new Error('the node is not running on this devnet');
    const certificate = await askForCertificate(node, info.round);
    Object.assign(outcome, {
      signersWeight: certificate.weight,
      nShards: certificate.nShards,
      sampled: certificate.sample.length,
      proofBytes: certificate.proofBytes,
      refusals: certificate.refusals,
    });
    return [outcome, certificate];
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
    return [outcome, undefined];
  }
}

/** `submit_challenge_certificate`; a refusal is recorded in `outcome.error`. */
async function submit(
  client: SuiGrpcClient,
  operator: Keypair,
  deployment: WalrusDeployment,
  outcome: ChallengeNodeOutcome,
  certificate: CertificateJson,
): Promise<void> {
  const b = (text: string) => Uint8Array.from(Buffer.from(text, 'base64'));
  const tx = new Transaction();
  tx.moveCall({
    target: `${deployment.addresses.walrus}::challenge::submit_challenge_certificate`,
    arguments: [
      tx.object(deployment.systemObjectId),
      tx.pure.vector('u8', b(certificate.signature)),
      tx.pure.vector('u8', b(certificate.signersBitmap)),
      tx.pure.vector('u8', b(certificate.message)),
      tx.object(CLOCK),
    ],
  });
  try {
    await run(client, operator, tx, 'Submitting a challenge certificate');
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
  }
}
