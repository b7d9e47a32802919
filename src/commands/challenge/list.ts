import type { ChallengeRecord } from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';

export default class ChallengeList extends BaseCommand<typeof ChallengeList> {
  static override summary =
    'List the storage-challenge rounds of this devnet, kept with its state (devnet extension).';

  static override examples = ['<%= config.bin %> challenge list', '<%= config.bin %> challenge list --json'];

  async run(): Promise<{ rounds: ChallengeRecord[] }> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const result = await adminRequest<{ rounds: ChallengeRecord[] }>(descriptor, 'GET', '/challenges');
    if (!this.jsonEnabled()) {
      if (result.rounds.length === 0)
        this.log('No challenge rounds yet. Run one with `walrus challenge trigger`.');
      for (const round of result.rounds) {
        const passed = round.nodes.filter((n) => n.passed).length;
        const penalized = round.nodes.filter((n) => n.penalty).length;
        const how = round.automatic ? 'automatic' : 'triggered';
        this.log(
          `Round ${round.round} (epoch ${round.epoch}, ${how}): ${passed}/${round.nodes.length} nodes passed, ${penalized} penalized`,
        );
      }
    }
    return result;
  }
}
