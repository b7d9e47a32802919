import { NodeActionCommand } from '../../cli/node-action-command.js';

export default class NodeHeal extends NodeActionCommand {
  static override action = 'heal' as const;
  static override summary = "Clear a storage node's faults (corrupt, slow, refusing writes).";
  static override examples = ['<%= config.bin %> node heal 1', '<%= config.bin %> node heal 0x9c…'];
}
