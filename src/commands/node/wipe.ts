import { NodeActionCommand } from '../../cli/node-action-command.js';

export default class NodeWipe extends NodeActionCommand {
  static override action = 'wipe' as const;
  static override summary =
    'Delete everything a storage node stores; it then recovers its slivers from its peers.';
  static override examples = ['<%= config.bin %> node wipe 1', '<%= config.bin %> node wipe 0x9c…'];
}
