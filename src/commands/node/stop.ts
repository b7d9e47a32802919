import { NodeActionCommand } from '../../cli/node-action-command.js';

export default class NodeStop extends NodeActionCommand {
  static override action = 'stop' as const;
  static override summary = 'Stop a storage node (its data stays; reads and writes go to the others).';
  static override examples = ['<%= config.bin %> node stop 1', '<%= config.bin %> node stop 0x9c…'];
}
