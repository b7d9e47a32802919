import { Flags } from '@oclif/core';
import { burnBlobs } from '../../blob/blob-objects.js';
import { BaseCommand } from '../../cli/base-command.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';

export default class BlobBurn extends BaseCommand<typeof BlobBurn> {
  static override summary = 'Burn Blob objects (drop them without refund), or all your expired ones.';

  static override examples = [
    '<%= config.bin %> blob burn 0x5f… 0x6a…',
    '<%= config.bin %> blob burn --all-expired',
  ];

  static override strict = false;

  static override flags = {
    'all-expired': Flags.boolean({ description: 'Burn every expired Blob object of the active account.' }),
  };

  async run() {
    const ids = this.positionals;
    if (ids.length === 0 && !this.flags['all-expired']) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        'Name the Blob objects to burn, or pass --all-expired.',
        { hint: 'For example: walrus blob burn 0x5f…, or walrus blob burn --all-expired' },
      );
    }
    if (ids.length > 0 && this.flags['all-expired']) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `Pass either Blob object ids or --all-expired, not both (got ${ids.join(', ')} and --all-expired).`,
        {
          hint: 'Burn the named objects with `walrus blob burn <object-id…>`, or every expired one with `walrus blob burn --all-expired`.',
        },
      );
    }
    const session = await this.walrusSession();
    const result = await burnBlobs(session, ids, this.flags['all-expired']);
    if (!this.jsonEnabled()) {
      this.log(
        result.burned.length
          ? `Burned ${result.burned.length} blob object(s) (tx ${result.digest}).`
          : 'Nothing to burn.',
      );
    }
    return result;
  }
}
