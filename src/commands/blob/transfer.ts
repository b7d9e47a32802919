import { Args } from '@oclif/core';
import { transferBlob } from '../../blob/blob-objects.js';
import { BaseCommand } from '../../cli/base-command.js';
import { blobObjectIdArg } from '../../cli/shared-args.js';

export default class BlobTransfer extends BaseCommand<typeof BlobTransfer> {
  static override summary = 'Transfer a Blob object to another address.';

  static override examples = ['<%= config.bin %> blob transfer 0x5f… 0x3a…'];

  static override args = {
    objectId: blobObjectIdArg,
    address: Args.string({ description: 'The recipient.', required: true }),
  };

  async run() {
    const session = await this.walrusSession();
    const result = await transferBlob(session, this.args.objectId, this.args.address);
    if (!this.jsonEnabled())
      this.log(`Transferred ${result.objectId} to ${result.to} (tx ${result.digest}).`);
    return result;
  }
}
