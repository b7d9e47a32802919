import { join } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { readQuilt } from '../../blob/quilts.js';
import { BaseCommand } from '../../cli/base-command.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { writeFileSafely } from '../../util/safe-write.js';

export default class BlobReadQuilt extends BaseCommand<typeof BlobReadQuilt> {
  static override summary = 'Read files out of a quilt, by identifier or by tag, into a directory.';

  static override examples = [
    '<%= config.bin %> blob read-quilt <quilt-id> --identifier a.png -o out/',
    '<%= config.bin %> blob read-quilt <quilt-id> --tag kind=doc -o out/',
    '<%= config.bin %> blob read-quilt <quilt-id> -o out/   # every file',
  ];

  static override args = { quiltId: Args.string({ description: 'The quilt (blob) id.', required: true }) };

  static override flags = {
    identifier: Flags.string({
      description: 'A file to read (repeatable; default every file).',
      multiple: true,
    }),
    tag: Flags.string({ description: 'Only files with this tag, KEY=VALUE.' }),
    output: Flags.string({ char: 'o', description: 'Directory to write the files into.', required: true }),
  };

  async run() {
    let tag: [string, string] | undefined;
    if (this.flags.tag !== undefined) {
      const at = this.flags.tag.indexOf('=');
      if (at < 1)
        throw new UserError(ErrorCode.InvalidArguments, `--tag must be KEY=VALUE (got "${this.flags.tag}").`);
      tag = [this.flags.tag.slice(0, at), this.flags.tag.slice(at + 1)];
    }
    const session = await this.walrusSession();
    const files = await readQuilt(session, this.args.quiltId, {
      ...(this.flags.identifier ? { identifiers: this.flags.identifier } : {}),
      ...(tag ? { tag } : {}),
    });
    for (const file of files) {
      // An identifier comes from the chain: never let it name a path outside the output directory.
      if (!/^[^/\\]+$/.test(file.identifier) || file.identifier === '.' || file.identifier === '..')
        throw new UserError(
          ErrorCode.InvalidArguments,
          `Quilt file "${file.identifier}" is not a safe file name.`,
        );
    }
    const written = [];
    for (const file of files) {
      const path = join(this.flags.output, file.identifier);
      await writeFileSafely(path, file.bytes);
      written.push({ identifier: file.identifier, tags: file.tags, size: file.bytes.length, path });
      if (!this.jsonEnabled()) this.progress(`Wrote ${file.bytes.length} bytes to ${path}`);
    }
    return { quiltId: this.args.quiltId, files: written };
  }
}
