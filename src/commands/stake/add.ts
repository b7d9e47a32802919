import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { parseWal, stakeWithNode } from '../../stake/stake-ops.js';
import { formatToken } from '../../util/format.js';

export default class StakeAdd extends BaseCommand<typeof StakeAdd> {
  static override summary = 'Stake WAL with a storage node.';

  static override description =
    'Calls staking::stake_with_pool. The stake counts from the next epoch (or the one after, if the next committee is already chosen); at least 1 WAL. Node ids are listed by `walrus node list`.';

  static override examples = [
    '<%= config.bin %> stake add --node 0x9c… --amount 100',
    '<%= config.bin %> stake add --node 0 --amount 100',
  ];

  static override flags = {
    node: Flags.string({
      description: 'Node id (its staking pool id), or on the devnet its index as in `walrus node list`.',
      required: true,
    }),
    amount: Flags.string({ description: 'WAL to stake, e.g. 100 or 2.5.', required: true }),
  };

  async run() {
    const session = await this.walrusSession();
    const result = await stakeWithNode(session, this.flags.node, parseWal(this.flags.amount));
    if (!this.jsonEnabled())
      this.log(
        `Staked ${formatToken(result.amount, 'WAL')} with ${result.nodeId}: StakedWal ${result.stakedWal} (tx ${result.digest}).`,
      );
    return result;
  }
}
