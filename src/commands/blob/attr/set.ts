import { Args } from '@oclif/core';
import { writeAttributes } from '../../../blob/blob-attributes.js';
import { BaseCommand } from '../../../cli/base-command.js';
import { blobObjectIdArg } from '../../../cli/shared-args.js';
import { parseObjectId } from '../../../clients/object-id.js';
import { ErrorCode } from '../../../errors/codes.js';
import { UserError } from '../../../errors/user-error.js';

export default class BlobAttrSet extends BaseCommand<typeof BlobAttrSet> {
  static override summary =
    'Set attributes of a Blob object you own (the aggregator serves content-type & co. as headers).';

  static override examples = ['<%= config.bin %> blob attr set 0x5f… content-type=image/png cache=1'];

  static override strict = false;

  static override args = {
    objectId: blobObjectIdArg,
    pairs: Args.string({ description: 'KEY=VALUE pairs.', required: true }),
  };

  async run() {
    const objectId = parseObjectId(this.args.objectId);
    const attributes: Record<string, string> = {};
    for (const pair of this.positionals.slice(1)) {
      const at = pair.indexOf('=');
      if (at < 1)
        throw new UserError(ErrorCode.InvalidArguments, `Attributes are KEY=VALUE (got "${pair}").`);
      attributes[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const session = await this.walrusSession();
    const digest = await writeAttributes(session, objectId, attributes);
    if (!this.jsonEnabled())
      this.log(`Set ${Object.keys(attributes).join(', ')} on ${objectId} (tx ${digest}).`);
    return { objectId, digest, set: attributes };
  }
}
