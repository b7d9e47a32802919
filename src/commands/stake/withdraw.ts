import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { withdrawStake } from '../../stake/stake-ops.js';
import { formatToken } from '../../util/format.js';

export default class StakeWithdraw extends BaseCommand<typeof StakeWithdraw> {
  static override summary =
    'Withdraw a stake: request it, then (from its withdrawal epoch) take principal plus rewards.';

  static override examples = ['<%= config.bin %> stake withdraw 0x4e…'];

  static override args = {
    stakedWal: Args.string({
      description: 'The StakedWal object id (see `walrus stake list`).',
      required: true,
    }),
  };

  async run() {
    const session = await this.walrusSession();
    const result = await withdrawStake(session, this.args.stakedWal);
    if (!this.jsonEnabled()) {
      this.log(
        result.action === 'withdrawn'
          ? `Withdrew ${formatToken(result.received, 'WAL')} (principal and rewards) from ${result.stakedWal}.`
          : `Withdrawal requested; run this again from epoch ${result.withdrawEpoch} to take the WAL.`,
      );
    }
    return result;
  }
}
