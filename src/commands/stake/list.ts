import { BaseCommand } from '../../cli/base-command.js';
import { listStakes, type StakeInfo } from '../../stake/stake-ops.js';
import { formatToken } from '../../util/format.js';

export default class StakeList extends BaseCommand<typeof StakeList> {
  static override summary =
    "List the active account's stakes: principal, state, activation epoch, rewards so far; on a devnet also the storage-challenge penalties (devnet extension).";

  static override examples = ['<%= config.bin %> stake list', '<%= config.bin %> stake list --json'];

  async run(): Promise<{ stakes: StakeInfo[] }> {
    const session = await this.walrusSession();
    const stakes = await listStakes(session);
    if (!this.jsonEnabled()) {
      if (stakes.length === 0) this.log('No stakes.');
      for (const s of stakes) {
        this.log(
          `${s.objectId}  node ${s.nodeId}  ${formatToken(s.principal, 'WAL')}  ${s.state}${s.withdrawEpoch !== null ? ` (epoch ${s.withdrawEpoch})` : ''}  from epoch ${s.activationEpoch}  rewards ${formatToken(s.rewards, 'WAL')}${s.penalty && s.penalty !== '0' ? `  penalties ${formatToken(s.penalty, 'WAL')} (worth ${formatToken(s.value ?? '0', 'WAL')})` : ''}`,
        );
      }
    }
    return { stakes };
  }
}
