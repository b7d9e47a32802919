import { Args, Flags } from '@oclif/core';
import { storeQuilt } from '../../blob/quilts.js';
import { BaseCommand } from '../../cli/base-command.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';

export default class BlobStoreQuilt extends BaseCommand<typeof BlobStoreQuilt> {
  static override summary = 'Store several files as one quilt (one blob; each file readable on its own).';

  static override description =
    "As the Walrus CLI's store-quilt: each file becomes a patch whose identifier is its file name; read one back with `blob read-quilt <quilt-id> --identifier NAME` or the aggregator's /v1/blobs/by-quilt-id/<quilt-id>/NAME.";

  static override examples = [
    '<%= config.bin %> blob store-quilt a.png b.png --epochs 5',
    '<%= config.bin %> blob store-quilt docs/* --tag kind=doc --json',
  ];

  static override strict = false;

  static override args = { files: Args.string({ description: 'Files to store.', required: true }) };

  static override flags = {
    epochs: Flags.string({ description: 'Epochs to store for: a number, or "max".', default: '1' }),
    permanent: Flags.boolean({ description: 'Store permanently (cannot be deleted before expiry).' }),
    tag: Flags.string({ description: 'A tag KEY=VALUE on every file (repeatable).', multiple: true }),
  };

  async run() {
    const epochs = this.flags.epochs === 'max' ? 'max' : Number(this.flags.epochs);
    if (epochs !== 'max' && !Number.isInteger(epochs))
      throw new UserError(
        ErrorCode.InvalidArguments,
        `--epochs must be a number or max (got ${this.flags.epochs}).`,
      );
    const tags: Record<string, string> = {};
    for (const tag of this.flags.tag ?? []) {
      const at = tag.indexOf('=');
      if (at < 1) throw new UserError(ErrorCode.InvalidArguments, `--tag must be KEY=VALUE (got "${tag}").`);
      tags[tag.slice(0, at)] = tag.slice(at + 1);
    }
    const session = await this.walrusSession();
    const result = await storeQuilt(session, this.positionals, {
      epochs,
      deletable: !this.flags.permanent,
      ...(Object.keys(tags).length ? { tags } : {}),
    });
    if (!this.jsonEnabled()) {
      this.log(`Quilt ${result.quiltId} (object ${result.objectId}), stored until epoch ${result.endEpoch}:`);
      for (const p of result.patches) this.log(`  ${p.identifier}  ${p.quiltPatchId}`);
    }
    return result;
  }
}
