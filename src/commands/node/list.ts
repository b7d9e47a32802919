import type { NodeReport } from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';
import { formatBytes } from '../../util/format.js';

export default class NodeList extends BaseCommand<typeof NodeList> {
  static override summary = "List the devnet's storage nodes: id, URL, state, shards, faults, stored data.";

  static override examples = ['<%= config.bin %> node list', '<%= config.bin %> node list --json'];

  async run(): Promise<{ nodes: NodeReport[] }> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const result = await adminRequest<{ nodes: NodeReport[] }>(descriptor, 'GET', '/nodes');
    if (!this.jsonEnabled()) {
      for (const n of result.nodes) {
        const faults = [
          n.faults.corruptSlivers && 'corrupt',
          n.faults.slowMs && `slow ${n.faults.slowMs}ms`,
          n.faults.refuseWrites && 'refusing writes',
        ]
          .filter(Boolean)
          .join(', ');
        this.log(
          `${n.index}  ${n.name}  ${n.nodeId}  ${n.url}  ${n.status}  ${n.shards.length} shards  ${n.stats ? `${n.stats.blobs} blobs, ${formatBytes(n.stats.diskBytes)}` : '-'}${faults ? `  [${faults}]` : ''}`,
        );
      }
    }
    return result;
  }
}
