import { Args } from '@oclif/core';
import type { NodeReport } from '../../../devnet/devnet-controls.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../devnet/admin-client.js';
import { resolveNodeIndex } from '../../devnet/node-index.js';

export default class NodeStop extends BaseCommand<typeof NodeStop> {
  static override summary = 'Stop a storage node (its data stays; reads and writes go to the others).';

  static override examples = ['<%= config.bin %> node stop 1', '<%= config.bin %> node stop 0x9c…'];

  static override args = {
    node: Args.string({
      description: 'Node index (0-based, see `walrus node list`) or node id.',
      required: true,
    }),
  };

  async run(): Promise<NodeReport> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const node = resolveNodeIndex(descriptor, this.args.node);
    const report = await adminRequest<NodeReport>(descriptor, 'POST', '/node/stop', { node });
    if (!this.jsonEnabled()) this.log(`${report.name}: ${report.status}`);
    return report;
  }
}
