import { Flags } from '@oclif/core';
import type { ChallengeRecord } from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';
import { challengeOutcomeLines } from '../../dev/challenge-report.js';
import { resolveNodeIndex } from '../../dev/node-index.js';

export default class ChallengeTrigger extends BaseCommand<typeof ChallengeTrigger> {
  static override summary =
    "Run a storage-challenge round now and print each node's outcome (devnet extension).";

  static override description =
    'Devnet extension of the Walrus protocol (mainnet has no storage challenges). Opens a round on chain (challenge::start_challenge, by the devnet operator), waits while each challenged node proves to its peers that it holds its slivers of a sample of certified blobs and submits the certificate they sign, then resolves the round at its deadline: a node without a certificate fails and is penalized (it forfeits the epoch rewards and a share of its pool stake, or its commission, is burned; `walrus challenge config --penalty`), as is a node that did not answer its peers. See docs/challenges.md.';

  static override examples = [
    '<%= config.bin %> challenge trigger',
    '<%= config.bin %> challenge trigger --node 1 --sample 8 --json',
  ];

  static override flags = {
    node: Flags.string({ description: 'Challenge only this node (index or node id). Default: every node.' }),
    sample: Flags.integer({
      description: 'Blobs sampled per node (1–64). Default: `challenge config`.',
      min: 1,
      max: 64,
    }),
  };

  async run(): Promise<ChallengeRecord> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const node = this.flags.node === undefined ? undefined : resolveNodeIndex(descriptor, this.flags.node);
    const outcome = await adminRequest<ChallengeRecord>(descriptor, 'POST', '/challenge', {
      ...(node === undefined ? {} : { node }),
      ...(this.flags.sample === undefined ? {} : { sample: this.flags.sample }),
    });
    if (!this.jsonEnabled()) {
      const names = new Map((descriptor.nodes ?? []).map((n) => [n.nodeId, n.name]));
      for (const line of challengeOutcomeLines(outcome, names)) this.log(line);
    }
    return outcome;
  }
}
