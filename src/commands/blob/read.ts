import { Args, Flags } from '@oclif/core';
import { readBlob } from '../../blob/read-blob.js';
import { BaseCommand } from '../../cli/base-command.js';
import { openWalrusSession } from '../../clients/walrus-session.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { resolveWriteTarget, writeFileSafely } from '../../util/safe-write.js';

export default class BlobRead extends BaseCommand<typeof BlobRead> {
  static override summary = 'Read a blob and write it to a file or to standard output.';

  static override examples = [
    '<%= config.bin %> blob read <blob-id> -o copy.glb',
    '<%= config.bin %> blob read <blob-id> > copy.glb',
  ];

  static override args = {
    blobId: Args.string({ description: 'The blob id.', required: true }),
  };

  static override flags = {
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
    const config = await this.loadConfig();
    const session = await openWalrusSession(config, this.flags.network);
    const { bytes, refused } = await readBlob(session, this.args.blobId, {
      onRefused: (r) =>
        this.progress(
          `warning: sliver pair ${r.pairIndex} (shard ${r.shard}) from ${r.node} (${r.url}) failed its check: ${r.reason}; dropped it and read from other nodes.`,
        ),
      onRetry: (note) => this.detail(note),
    });
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
      refusedSlivers: refused.map(({ node, nodeId, shard, pairIndex }) => ({
        node,
        nodeId,
        shard,
        pairIndex,
      })),
    };
  }
}
