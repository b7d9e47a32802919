import { Args } from '@oclif/core';
import type { NodeReport } from '../../../devnet/devnet-controls.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../devnet/admin-client.js';
import { resolveNodeIndex } from '../../devnet/node-index.js';

export default class NodeCorrupt extends BaseCommand<typeof NodeCorrupt> {
  static override summary = 'Make a storage node serve corrupted slivers (readers must detect it).';

  static override examples = ['<%= config.bin %> node corrupt 1', '<%= config.bin %> node corrupt 0x9c…'];

  static override args = {
    node: Args.string({
      description: 'Node index (0-based, see `walrus node list`) or node id.',
      required: true,
    }),
  };

  async run(): Promise<NodeReport> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const node = resolveNodeIndex(descriptor, this.args.node);
    const report = await adminRequest<NodeReport>(descriptor, 'POST', '/node/corrupt', { node });
    if (!this.jsonEnabled()) this.log(`${report.name}: ${report.status}`);
    return report;
  }
}
