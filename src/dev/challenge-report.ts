/**
 * Human output of the `challenge` commands (storage challenges, a devnet extension): one line per
 * challenged node with its outcome, the signers' weight, why peers refused and what it paid.
 */
import type { ChallengeOutcome } from '../../devnet/index.js';
import { formatToken } from '../util/format.js';

/** The lines describing a round. */
export function challengeOutcomeLines(outcome: ChallengeOutcome, names: Map<string, string>): string[] {
  const rule =
    outcome.penalty.mode === 'commission'
      ? 'penalty: the commission'
      : `penalty: ${outcome.penalty.bpsPerShard / 100} % of the pool's stake per shard`;
  const lines = [
    `Round ${outcome.round} (epoch ${outcome.epoch}, seed ${outcome.seed.slice(0, 16)}…, ${rule}):`,
  ];
  for (const node of outcome.nodes) {
    const name = names.get(node.nodeId) ?? node.nodeId.slice(0, 10);
    const verdict = node.passed ? 'passed' : 'FAILED';
    const weight = node.nShards ? `signers ${node.signersWeight}/${node.nShards} shards` : 'no certificate';
    const paid = node.penalty
      ? `, penalized ${formatToken(node.penalty.amount, 'WAL')}${node.penalty.reason === 'unresponsive' ? ' (did not answer its peers)' : ''} and this epoch's rewards`
      : '';
    lines.push(
      `  ${name}: ${verdict}, ${weight}, ${node.sampled} blobs sampled, ${node.proofBytes} proof bytes${paid}`,
    );
    for (const refusal of node.refusals) {
      const peer = names.get(refusal.nodeId) ?? refusal.nodeId.slice(0, 10);
      lines.push(`    refused by ${peer}: ${refusal.reason.slice(0, 160)}`);
    }
    if (!node.passed && node.error) lines.push(`    ${node.error.slice(0, 200)}`);
  }
  return lines;
}
