import { randomBytes } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { ENCRYPTION_KEY_ENV } from '../../encryption/encryption-key.js';
import { KEY_BYTES } from '../../encryption/envelope.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { writeFileSafely } from '../../util/safe-write.js';

export default class BlobKey extends BaseCommand<typeof BlobKey> {
  static override summary = 'Make a new random key for `blob store --encrypt` and `blob read --decrypt`.';

  static override description =
    `Writes 32 random bytes as 64 hex digits and a newline, readable by you alone (mode 600). Pass the file as --key-file, or put its contents in ${ENCRYPTION_KEY_ENV}. Keep it safe: a blob encrypted with it cannot be read without it. An existing file is never replaced.`;

  static override examples = ['<%= config.bin %> blob key ./walrus.key'];

  static override args = {
    file: Args.string({ description: 'Where to write the key (must not exist yet).', required: true }),
  };

  async run(): Promise<{ keyFile: string }> {
    const path = this.args.file;
    if (lstatSync(path, { throwIfNoEntry: false })) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `${path} already exists; refusing to replace it (blobs encrypted with a key in it would become unreadable).`,
        { hint: 'Give a new file name, or remove the old file yourself if you are sure.' },
      );
    }
    const hex = randomBytes(KEY_BYTES).toString('hex');
    await writeFileSafely(path, `${hex}\n`, { mode: 0o600 });
    if (!this.jsonEnabled())
      this.progress(
        `Wrote a new encryption key to ${path}. Use it with --encrypt/--decrypt --key-file ${path}.`,
      );
    return { keyFile: path };
  }
}
