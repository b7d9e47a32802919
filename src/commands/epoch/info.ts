import { BaseCommand } from '../../cli/base-command.js';
import { formatDuration, wholeSeconds } from '../../config/duration.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';

/** `walrus epoch info --json`. */
export interface EpochInfo {
  epoch: number;
  epochDurationMs: number;
  nextEpochAtMs: number;
  nShards: number;
  state: string | null;
}

export default class EpochInfoCommand extends BaseCommand<typeof EpochInfoCommand> {
  static override summary = "Show the devnet's Walrus epoch and when the next one starts.";

  static override examples = ['<%= config.bin %> epoch info', '<%= config.bin %> epoch info --json'];

  async run(): Promise<EpochInfo> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const info = await adminRequest<EpochInfo>(descriptor, 'GET', '/epoch');
    if (!this.jsonEnabled()) {
      this.log(
        `Epoch ${info.epoch} (${info.state ?? 'unknown state'}), ${info.nShards} shards, epochs last ${formatDuration(info.epochDurationMs)}; next in ${formatDuration(wholeSeconds(info.nextEpochAtMs - Date.now()))}.`,
      );
    }
    return info;
  }
}
