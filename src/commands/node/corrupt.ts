import { NodeActionCommand } from '../../cli/node-action-command.js';

export default class NodeCorrupt extends NodeActionCommand {
  static override action = 'corrupt' as const;
  static override summary = 'Make a storage node serve corrupted slivers (readers must detect it).';
  static override examples = ['<%= config.bin %> node corrupt 1', '<%= config.bin %> node corrupt 0x9c…'];
}
