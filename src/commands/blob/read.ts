import { Args, Flags } from '@oclif/core';
import { readBlob } from '../../blob/read-blob.js';
import { BaseCommand } from '../../cli/base-command.js';
import { decryptBlob } from '../../encryption/blob-encryption.js';
import { ENCRYPTION_KEY_ENV, loadEncryptionKey } from '../../encryption/encryption-key.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { resolveWriteTarget, writeFileSafely } from '../../util/safe-write.js';

export default class BlobRead extends BaseCommand<typeof BlobRead> {
  static override summary = 'Read a blob and write it to a file or to standard output.';

  static override examples = [
    '<%= config.bin %> blob read <blob-id> -o copy.glb',
    '<%= config.bin %> blob read <blob-id> > copy.glb',
    '<%= config.bin %> blob read <blob-id> --decrypt --key-file ./walrus.key -o secret.pdf',
  ];

  static override args = {
    blobId: Args.string({ description: 'The blob id.', required: true }),
  };

  static override flags = {
    decrypt: Flags.boolean({
      description: `Decrypt a blob stored with \`blob store --encrypt\`; the key comes from --key-file or ${ENCRYPTION_KEY_ENV}. Nothing is written unless all of it verifies.`,
    }),
    'key-file': Flags.string({
      description: `Key for --decrypt: a file of 32 raw bytes, or 64 hex digits / base64. Default: ${ENCRYPTION_KEY_ENV}.`,
      dependsOn: ['decrypt'],
    }),
    output: Flags.string({
      char: 'o',
      description:
        'File to write (default: standard output): created or replaced atomically; a symlink is followed to its regular file; a FIFO or device such as /dev/null is written in place; directories, sockets and terminals are refused.',
    }),
  };

  async run(): Promise<{
    blobId: string;
    size: number;
    output: string | null;
    decrypted: boolean;
    refusedSlivers: Array<{ node: string; nodeId: string; shard: number; pairIndex: number }>;
  }> {
    const toStdout = !this.flags.output;
    if (toStdout && this.jsonEnabled()) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        '--json needs -o <file>: standard output carries the JSON document.',
        { hint: 'Add -o <file>, or drop --json and redirect: walrus blob read <id> > file' },
      );
    }
    if (toStdout && process.stdout.isTTY) {
      throw new UserError(ErrorCode.InvalidArguments, 'Refusing to write binary data to a terminal.', {
        hint: 'Use -o <file>, or redirect: walrus blob read <id> > file',
      });
    }
    // A path that cannot be written fails now, before the read (FIFOs and devices are written in place).
    const target = this.flags.output ? resolveWriteTarget(this.flags.output, { streams: true }) : undefined;
    if (target && 'fd' in target && target.fd === 1 && this.jsonEnabled()) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        '--json needs -o <file>: standard output carries the JSON document.',
      );
    }
    const key = this.flags.decrypt ? await loadEncryptionKey(this.flags['key-file']) : undefined;
    const session = await this.walrusSession();
    const { bytes: stored, refused } = await readBlob(session, this.args.blobId, {
      onRefused: (r) =>
        this.progress(
          `warning: sliver pair ${r.pairIndex} (shard ${r.shard}) from ${r.node} (${r.url}) failed its check: ${r.reason}; dropped it and read from other nodes.`,
        ),
      onRetry: (note) => this.detail(note),
    });
    // Decrypted whole before anything is written: a blob that fails its check leaves no output at all.
    const bytes = key ? await decryptBlob(key, this.args.blobId, stored) : stored;
    if (this.flags.output) {
      await writeFileSafely(this.flags.output, bytes, { streams: true });
      if (!this.jsonEnabled()) this.progress(`Wrote ${bytes.length} bytes to ${this.flags.output}`);
    } else {
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(bytes, (e) => (e ? reject(e) : resolve())),
      );
    }
    return {
      blobId: this.args.blobId,
      size: bytes.length,
      output: this.flags.output ?? null,
      decrypted: key !== undefined,
      refusedSlivers: refused.map(({ node, nodeId, shard, pairIndex }) => ({
        node,
        nodeId,
        shard,
        pairIndex,
      })),
    };
  }
}
