import { Args, Flags } from '@oclif/core';
import { describeEndEpoch, extendBlob } from '../../blob/blob-objects.js';
import { BaseCommand } from '../../cli/base-command.js';

export default class BlobExtend extends BaseCommand<typeof BlobExtend> {
  static override summary = "Extend a blob's storage by a number of epochs (paid in WAL).";

  static override examples = ['<%= config.bin %> blob extend 0x5f… --epochs 5'];

  static override args = {
    objectId: Args.string({
      description: 'The Blob object id (from `blob store` or `blob list`).',
      required: true,
    }),
  };

  static override flags = {
    epochs: Flags.integer({ description: 'Epochs to add.', required: true, min: 1 }),
  };

  async run() {
    const session = await this.walrusSession();
    const result = await extendBlob(session, this.args.objectId, this.flags.epochs);
    if (!this.jsonEnabled())
      this.log(
        `Extended ${result.objectId}: stored until ${await describeEndEpoch(session, result.endEpoch)} (tx ${result.digest}).`,
      );
    return result;
  }
}
