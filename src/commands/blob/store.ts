import { Args, Flags } from '@oclif/core';
import { epochClock } from '../../blob/epoch-time.js';
import { type EpochsOption, type StoredBlob, storeBlobs } from '../../blob/store-blobs.js';
import { storeCommand } from '../../blob/store-resume.js';
import { BaseCommand } from '../../cli/base-command.js';
import { openWalrusSession, type WalrusSession } from '../../clients/walrus-session.js';
import { DEFAULTS } from '../../config/defaults.js';
import { ENCRYPTION_KEY_ENV, loadEncryptionKey } from '../../encryption/encryption-key.js';
import type { CryptoKey } from '../../encryption/envelope.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { withStoreProgress } from '../../ui/store-progress.js';
import { formatBytes, formatToken, formatWallClock } from '../../util/format.js';
import { withInterruptSignal } from '../../util/interrupt.js';
import { shellQuote } from '../../util/shell-quote.js';

export default class BlobStore extends BaseCommand<typeof BlobStore> {
  static override summary = 'Store one or more files as Walrus blobs.';

  static override description =
    'Encodes each file with RedStuff, buys storage, registers the blob, uploads its slivers to the storage nodes and certifies it, through the official WalrusClient. Blobs are deletable by default (as with the Walrus CLI); --permanent makes them undeletable until their storage ends. Costs are paid in WAL by the active account (`walrus account use`).';

  static override examples = [
    '<%= config.bin %> blob store ./asset.glb',
    '<%= config.bin %> blob store a.png b.png --epochs 10 --permanent',
    '<%= config.bin %> blob store ./big.bin --epochs max --dry-run',
    '<%= config.bin %> blob store ./asset.glb --json',
    '<%= config.bin %> blob store ./secret.pdf --encrypt --key-file ./walrus.key',
  ];

  static override strict = false;

  static override args = {
    files: Args.string({ description: 'Files to store.', required: true }),
  };

  static override flags = {
    epochs: Flags.string({
      description: 'Epochs to store for: a number, or "max".',
      default: String(DEFAULTS.blob.epochs),
    }),
    permanent: Flags.boolean({
      description: 'Store permanently (cannot be deleted before expiry).',
      exclusive: ['deletable'],
    }),
    deletable: Flags.boolean({ description: 'Store as deletable (the default).', exclusive: ['permanent'] }),
    'dry-run': Flags.boolean({ description: 'Show encoded size and cost; store nothing.' }),
    encrypt: Flags.boolean({
      description: `Encrypt each file (AES-256-GCM, docs/encryption.md) before storing it; the key comes from --key-file or ${ENCRYPTION_KEY_ENV}. Read it back with \`blob read --decrypt\`.`,
    }),
    'key-file': Flags.string({
      description: `Key for --encrypt: a file of 32 raw bytes, or 64 hex digits / base64 (\`walrus blob key <file>\` makes one). Default: ${ENCRYPTION_KEY_ENV}.`,
      dependsOn: ['encrypt'],
    }),
  };

  async run(): Promise<{ blobs: Array<StoredBlob & { expiresAt?: string }> }> {
    const files = this.positionals;
    const epochs = this.flags.epochs === 'max' ? 'max' : Number(this.flags.epochs);
    if (epochs !== 'max' && !Number.isInteger(epochs)) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `--epochs must be a whole number or "max" (got "${this.flags.epochs}").`,
        { hint: 'For example --epochs 5, or --epochs max.' },
      );
    }
    // The key is checked before anything is spent.
    const encrypt = this.flags.encrypt ? await loadEncryptionKey(this.flags['key-file']) : undefined;
    const config = await this.loadConfig();
    const session = await openWalrusSession(config, this.flags.network);
    const deletable = !this.flags.permanent;
    const stored = this.flags['dry-run']
      ? await this.storeAll(session, files, {
          epochs,
          deletable,
          dryRun: true,
          ...(encrypt ? { encrypt } : {}),
        })
      : await withInterruptSignal(
          'Interrupted: stopping after the step in flight (Ctrl-C again to quit at once)…',
          (signal) =>
            this.storeAll(session, files, { epochs, deletable, signal, ...(encrypt ? { encrypt } : {}) }),
        );
    // When the storage ends, as a time: the epoch schedule gives the start of the end epoch.
    const clock = stored.some((b) => b.endEpoch !== undefined) ? await epochClock(session) : undefined;
    const blobs = stored.map((b) =>
      b.endEpoch !== undefined && clock
        ? { ...b, expiresAt: new Date(clock.startOf(b.endEpoch)).toISOString() }
        : b,
    );
    if (!this.jsonEnabled()) {
      for (const blob of blobs) {
        const lines = [
          `${blob.file}${this.flags['dry-run'] ? ' (dry run)' : ''}`,
          ...(blob.blobId ? [`  blob id      ${blob.blobId}`, `  object id    ${blob.objectId}`] : []),
          `  size         ${formatBytes(blob.size)} (encoded ${formatBytes(blob.encodedSize)})${blob.encrypted ? `, encrypted from ${formatBytes(blob.fileSize!)}` : ''}`,
          blob.reused
            ? '  cost         0 WAL now: reused the registration paid for by an earlier, interrupted store'
            : `  cost         ${formatToken(blob.cost.total, 'WAL')} (storage ${formatToken(blob.cost.storage)} + write ${formatToken(blob.cost.write)})`,
          ...(blob.endEpoch !== undefined
            ? [
                `  stored until epoch ${blob.endEpoch}, about ${formatWallClock(clock!.startOf(blob.endEpoch))} (${blob.deletable ? 'deletable' : 'permanent'})`,
              ]
            : []),
        ];
        this.log(lines.join('\n'));
      }
    }
    return { blobs };
  }

  /** On a terminal, a task list with a step bar per file; otherwise one line per step on stderr. */
  private storeAll(
    session: WalrusSession,
    files: string[],
    options: {
      epochs: EpochsOption;
      deletable: boolean;
      dryRun?: boolean;
      signal?: AbortSignal;
      encrypt?: CryptoKey;
    },
  ): Promise<StoredBlob[]> {
    if (process.stderr.isTTY && !this.jsonEnabled()) {
      return withStoreProgress(files, async (file, onStep, index) => {
        const [stored] = await storeBlobs(session, {
          ...options,
          files: [file],
          onStep: (_f, step) => onStep(step),
          resumeCommand: (unfinished, epochs) =>
            this.resumeCommand([...unfinished, ...files.slice(index + 1)], epochs),
        });
        return stored!;
      });
    }
    return storeBlobs(session, {
      ...options,
      files,
      onStep: (file, step, note) => this.progress(`${file}: ${step}${note ? ` (${note})` : ''}`),
      resumeCommand: (unfinished, epochs) => this.resumeCommand(unfinished, epochs),
    });
  }

  /** `walrus blob store <files left> --epochs N [--permanent] [--network X] [--config F]`, ready to paste. */
  private resumeCommand(files: string[], epochs: number): string {
    const extraFlags = [
      ...(this.flags.network ? [`--network ${shellQuote(this.flags.network)}`] : []),
      ...(this.flags.config ? [`--config ${shellQuote(this.flags.config)}`] : []),
      ...(this.flags.encrypt ? ['--encrypt'] : []),
      ...(this.flags['key-file'] ? [`--key-file ${shellQuote(this.flags['key-file'])}`] : []),
    ];
    return storeCommand(files, { epochs, deletable: !this.flags.permanent, extraFlags });
  }
}
