import { Args } from '@oclif/core';
import { readAttributes, writeAttributes } from '../../../blob/blob-attributes.js';
import { BaseCommand } from '../../../cli/base-command.js';
import { blobObjectIdArg } from '../../../cli/shared-args.js';
import { parseObjectId } from '../../../clients/object-id.js';
import { ErrorCode } from '../../../errors/codes.js';
import { UserError } from '../../../errors/user-error.js';

export default class BlobAttrRm extends BaseCommand<typeof BlobAttrRm> {
  static override summary = 'Remove attributes of a Blob object you own.';

  static override examples = ['<%= config.bin %> blob attr rm 0x5f… content-type'];

  static override strict = false;

  static override args = {
    objectId: blobObjectIdArg,
    keys: Args.string({ description: 'Keys to remove.', required: true }),
  };

  async run() {
    const objectId = parseObjectId(this.args.objectId);
    const keys = this.positionals.slice(1);
    const session = await this.walrusSession();
    const existing = (await readAttributes(session, objectId)) ?? {};
    const missing = keys.filter((k) => !(k in existing));
    if (missing.length)
      throw new UserError(
        ErrorCode.NotFound,
        `Blob ${objectId} has no attribute ${missing.map((k) => `"${k}"`).join(', ')}.`,
      );
    const digest = await writeAttributes(session, objectId, Object.fromEntries(keys.map((k) => [k, null])));
    if (!this.jsonEnabled()) this.log(`Removed ${keys.join(', ')} from ${objectId} (tx ${digest}).`);
    return { objectId, digest, removed: keys };
  }
}
