import { Args, Flags } from '@oclif/core';
import { blobIdOfFile } from '../../blob/blob-id.js';
import { BaseCommand } from '../../cli/base-command.js';
import { findRunningDevnet } from '../../dev/devnet-paths.js';

export default class BlobId extends BaseCommand<typeof BlobId> {
  static override summary = "Compute a file's blob id offline.";

  static override description =
    'The blob id depends on the number of shards: by default that of the running devnet (or devnet.shards from the config); pass --shards for another network (mainnet and testnet have 1000).';

  static override examples = [
    '<%= config.bin %> blob id ./asset.glb',
    '<%= config.bin %> blob id ./asset.glb --shards 1000',
  ];

  static override args = {
    file: Args.string({ description: 'The file.', required: true }),
  };

  static override flags = {
    shards: Flags.integer({ description: "Number of shards (default: the devnet's).", min: 4, max: 1000 }),
  };

  async run() {
    const config = await this.loadConfig();
    const running = findRunningDevnet(config);
    const devnetShards = running && 'descriptor' in running ? running.descriptor.nShards : undefined;
    const shards = this.flags.shards ?? devnetShards ?? config.devnet.shards;
    const result = { ...(await blobIdOfFile(this.args.file, shards)), shards };
    if (!this.jsonEnabled()) this.log(result.blobId);
    return result;
  }
}
