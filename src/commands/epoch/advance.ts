import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';
import type { EpochInfo } from './info.js';

export default class EpochAdvance extends BaseCommand<typeof EpochAdvance> {
  static override summary = 'Advance the devnet to the next Walrus epoch now (or several).';

  static override description =
    'Moves the ledger clock past the epoch end and runs the epoch change as the network does: voting_end, initiate_epoch_change_v2 (3% burn, rewards), each node syncing its shards and signalling epoch_sync_done.';

  static override examples = [
    '<%= config.bin %> epoch advance',
    '<%= config.bin %> epoch advance --count 2 --json',
  ];

  static override flags = {
    count: Flags.integer({ description: 'Epochs to advance.', default: 1, min: 1, max: 100 }),
  };

  async run(): Promise<EpochInfo> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const info = await adminRequest<EpochInfo>(descriptor, 'POST', '/epoch/advance', {
      count: this.flags.count,
    });
    if (!this.jsonEnabled()) this.log(`Now in epoch ${info.epoch}.`);
    return info;
  }
}
