import { NodeActionCommand } from '../../cli/node-action-command.js';

export default class NodeStart extends NodeActionCommand {
  static override action = 'start' as const;
  static override summary = 'Start a stopped storage node (it recovers what it missed).';
  static override examples = ['<%= config.bin %> node start 1', '<%= config.bin %> node start 0x9c…'];
}
