import { Args } from '@oclif/core';
import type { ChallengeRecord } from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';
import { challengeOutcomeLines } from '../../dev/challenge-report.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';

export default class ChallengeShow extends BaseCommand<typeof ChallengeShow> {
  static override summary = 'Show one storage-challenge round, node by node (devnet extension).';

  static override examples = [
    '<%= config.bin %> challenge show 1',
    '<%= config.bin %> challenge show 1 --json',
  ];

  static override args = {
    round: Args.string({ description: 'Round number (see `walrus challenge list`).', required: true }),
  };

  async run(): Promise<ChallengeRecord> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const { rounds } = await adminRequest<{ rounds: ChallengeRecord[] }>(descriptor, 'GET', '/challenges');
    const round = rounds.find((r) => r.round === this.args.round);
    if (!round) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `No challenge round "${this.args.round}" on this devnet.`,
        {
          hint: 'See `walrus challenge list`.',
        },
      );
    }
    if (!this.jsonEnabled()) {
      const names = new Map((descriptor.nodes ?? []).map((n) => [n.nodeId, n.name]));
      for (const line of challengeOutcomeLines(round, names)) this.log(line);
    }
    return round;
  }
}
