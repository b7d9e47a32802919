/**
 * Human output of the `challenge` commands (storage challenges, a devnet extension): one line per
 * challenged node with its outcome, the signers' weight and why peers refused.
 */
import type { ChallengeOutcome } from '../../devnet/index.js';

/** The lines describing a round. */
export function challengeOutcomeLines(outcome: ChallengeOutcome, names: Map<string, string>): string[] {
  const lines = [`Round ${outcome.round} (epoch ${outcome.epoch}, seed ${outcome.seed.slice(0, 16)}…):`];
  for (const node of outcome.nodes) {
    const name = names.get(node.nodeId) ?? node.nodeId.slice(0, 10);
    const verdict = node.passed ? 'passed' : 'FAILED';
    const weight = node.nShards ? `signers ${node.signersWeight}/${node.nShards} shards` : 'no certificate';
    lines.push(
      `  ${name}: ${verdict}, ${weight}, ${node.sampled} blobs sampled, ${node.proofBytes} proof bytes`,
    );
    for (const refusal of node.refusals) {
      const peer = names.get(refusal.nodeId) ?? refusal.nodeId.slice(0, 10);
      lines.push(`    refused by ${peer}: ${refusal.reason.slice(0, 160)}`);
    }
    if (!node.passed && node.error) lines.push(`    ${node.error.slice(0, 200)}`);
  }
  lines.push('  Penalties: not applied yet by this devnet (see docs/challenges.md).');
  return lines;
}
