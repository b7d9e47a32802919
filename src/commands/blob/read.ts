import { Args, Flags } from '@oclif/core';
import { openBlobRead, readBlob } from '../../blob/read-blob.js';
import type { RefusedSliver } from '../../blob/verified-read.js';
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
    const refused: RefusedSliver[] = [];
    const readOptions = {
      onRefused: (r: RefusedSliver) => {
        refused.push(r);
        this.progress(
          `warning: sliver pair ${r.pairIndex} (shard ${r.shard}) from ${r.node} (${r.url}) failed its check: ${r.reason}; dropped it and read from other nodes.`,
        );
      },
      onRetry: (note: string) => this.detail(note),
      onRecovered: (pair: number, reason: string) =>
        this.detail(`${reason}: rebuilt sliver pair ${pair} from the other nodes' recovery symbols.`),
      onFallback: (reason: string) =>
        this.detail(
          `${reason}; decoding the rest of the blob from other slivers (holds the blob in memory).`,
        ),
    };
    let size: number;
    if (key) {
      // Decrypted whole before anything is written: a blob that fails its check leaves no output at all.
      const { bytes: stored } = await readBlob(session, this.args.blobId, readOptions);
      const bytes = await decryptBlob(key, this.args.blobId, stored);
      size = bytes.length;
      await this.write(bytes);
    } else {
      // Streamed sliver by sliver, each checked before it is written (src/blob/blob-stream.ts); a file is replaced
      // only once all of it is in, so a failed read leaves no output file.
      const blob = await openBlobRead(session, this.args.blobId, readOptions);
      size = blob.size;
      await this.write(blob.bytes());
    }
    if (this.flags.output && !this.jsonEnabled())
      this.progress(`Wrote ${size} bytes to ${this.flags.output}`);
    return {
      blobId: this.args.blobId,
      size,
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

  /** Writes the blob to -o FILE (atomically; FIFOs and devices in place) or to standard output. */
  private async write(bytes: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    if (this.flags.output) {
      await writeFileSafely(this.flags.output, bytes, { streams: true });
      return;
    }
    for await (const chunk of bytes instanceof Uint8Array ? [bytes] : bytes) {
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(chunk, (e) => (e ? reject(e) : resolve())),
      );
    }
  }
}
