import { Args } from '@oclif/core';
import type { NodeReport } from '../../devnet/devnet-controls.js';
import { BaseCommand } from '../cli/base-command.js';
import { adminRequest, requireDevnet } from './admin-client.js';
import { resolveNodeIndex } from './node-index.js';

/** The node actions the devnet's admin API takes. */
export type NodeAction = 'stop' | 'start' | 'wipe' | 'corrupt' | 'heal';

/**
 * Base of the `walrus node <action> <node>` commands: resolves the node (index or id) and posts the action
 * to the devnet's admin API. A subclass only names its `action`, summary and examples.
 */
export abstract class NodeActionCommand extends BaseCommand<typeof NodeActionCommand> {
  static action: NodeAction;

  static override args = {
    node: Args.string({
      description: 'Node index (0-based, see `walrus node list`) or node id.',
      required: true,
    }),
  };

  async run(): Promise<NodeReport> {
    const { action } = this.constructor as typeof NodeActionCommand;
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const node = resolveNodeIndex(descriptor, this.args.node);
    const report = await adminRequest<NodeReport>(descriptor, 'POST', `/node/${action}`, { node });
    if (!this.jsonEnabled()) this.log(`${report.name}: ${report.status}`);
    return report;
  }
}
