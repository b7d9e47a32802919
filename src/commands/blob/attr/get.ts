import { Args } from '@oclif/core';
import { readAttributes } from '../../../blob/blob-attributes.js';
import { BaseCommand } from '../../../cli/base-command.js';
import { blobObjectIdArg } from '../../../cli/shared-args.js';
import { parseObjectId } from '../../../clients/object-id.js';
import { ErrorCode } from '../../../errors/codes.js';
import { UserError } from '../../../errors/user-error.js';

export default class BlobAttrGet extends BaseCommand<typeof BlobAttrGet> {
  static override summary = "Show a Blob object's attributes (all, or one key).";

  static override examples = [
    '<%= config.bin %> blob attr get 0x5f…',
    '<%= config.bin %> blob attr get 0x5f… content-type',
  ];

  static override args = {
    objectId: blobObjectIdArg,
    key: Args.string({ description: 'One attribute.' }),
  };

  async run() {
    const objectId = parseObjectId(this.args.objectId);
    const session = await this.walrusSession();
    const attributes = (await readAttributes(session, objectId)) ?? {};
    const { key } = this.args;
    if (key !== undefined && !(key in attributes))
      throw new UserError(ErrorCode.NotFound, `Blob ${objectId} has no attribute "${key}".`);
    if (!this.jsonEnabled()) {
      if (key !== undefined) this.log(attributes[key]!);
      else for (const [k, v] of Object.entries(attributes)) this.log(`${k}=${v}`);
    }
    return { objectId, attributes: key === undefined ? attributes : { [key]: attributes[key]! } };
  }
}
