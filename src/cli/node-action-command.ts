import type { NodeReport } from '../../devnet/index.js';
import { adminRequest, requireDevnet } from '../dev/admin-client.js';
import { resolveNodeIndex } from '../dev/node-index.js';
import { BaseCommand } from './base-command.js';
import { nodeArg } from './shared-args.js';

/** The node actions the devnet's admin API takes. */
export type NodeAction = 'stop' | 'start' | 'wipe' | 'corrupt' | 'heal';

/**
 * Base of the `walrus node <action> <node>` commands: resolves the node (index or id) and posts the action
 * to the devnet's admin API. A subclass only names its `action`, summary and examples.
 */
export abstract class NodeActionCommand extends BaseCommand<typeof NodeActionCommand> {
  static action: NodeAction;

  static override args = {
    node: nodeArg,
  };

  async run(): Promise<NodeReport> {
    const { action } = this.constructor as typeof NodeActionCommand;
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const node = resolveNodeIndex(descriptor, this.args.node);
    const report = await adminRequest<NodeReport>(descriptor, 'POST', `/node/${action}`, { node });
    if (!this.jsonEnabled()) this.log(describeNodeAction(action, report));
    return report;
  }
}

/** What a node action did, in words (`node-1 wiped: …`), with the node's state after it. */
export function describeNodeAction(action: NodeAction, report: NodeReport): string {
  const { name, index, status } = report;
  switch (action) {
    case 'stop':
      return `${name} stopped; reads and writes go to the other nodes. Start it again with \`walrus node start ${index}\`.`;
    case 'start':
      return `${name} started; it recovers the slivers it missed from its peers.`;
    case 'wipe':
      return `${name} wiped: its stored slivers and metadata were deleted; it recovers them from its peers (node ${status}).`;
    case 'corrupt':
      return `${name} now serves corrupted slivers (node ${status}); readers must detect them. Undo with \`walrus node heal ${index}\`.`;
    case 'heal':
      return `${name} healed: no faults (node ${status}).`;
  }
}
