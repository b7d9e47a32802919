import { Flags } from '@oclif/core';
import type { NodeReport } from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { nodeArg } from '../../cli/shared-args.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';
import { resolveNodeIndex } from '../../dev/node-index.js';

export default class NodeLose extends BaseCommand<typeof NodeLose> {
  static override summary =
    'Make a storage node lose a fraction of its slivers, with its recovery switched off.';

  static override description =
    "For storage challenges (a devnet extension): the node deletes the given fraction of each blob's slivers it stores and stops recovering them, so it fails `walrus challenge trigger`. Readers still get every blob from the other nodes. `walrus node heal` switches recovery back on.";

  static override examples = ['<%= config.bin %> node lose 1 --fraction 0.5'];

  static override args = {
    node: nodeArg,
  };

  static override flags = {
    fraction: Flags.string({ description: 'Fraction of the slivers to drop, in (0, 1].', default: '0.5' }),
  };

  async run(): Promise<NodeReport & { lost: number }> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const node = resolveNodeIndex(descriptor, this.args.node);
    const fraction = Number(this.flags.fraction);
    const report = await adminRequest<NodeReport & { lost: number }>(descriptor, 'POST', '/node/lose', {
      node,
      fraction,
    });
    if (!this.jsonEnabled())
      this.log(`${report.name}: lost ${report.lost} slivers; recovery off until \`walrus node heal\`.`);
    return report;
  }
}
