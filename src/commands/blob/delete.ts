import { deleteBlob } from '../../blob/blob-objects.js';
import { BaseCommand } from '../../cli/base-command.js';
import { blobObjectIdArg } from '../../cli/shared-args.js';

export default class BlobDelete extends BaseCommand<typeof BlobDelete> {
  static override summary = 'Delete a deletable blob; its storage resource returns to you.';

  static override examples = ['<%= config.bin %> blob delete 0x5f…'];

  static override args = {
    objectId: blobObjectIdArg,
  };

  async run() {
    const session = await this.walrusSession();
    const result = await deleteBlob(session, this.args.objectId);
    if (!this.jsonEnabled())
      this.log(`Deleted blob ${result.blobId} (object ${result.objectId}, tx ${result.digest}).`);
    return result;
  }
}
