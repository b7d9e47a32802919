import { Args, Flags } from '@oclif/core';
import { blobIdOfFile } from '../../blob/blob-id.js';
import { parseBlobId } from '../../blob/blob-input.js';
import { guard, openWalrusSession } from '../../blob/walrus-session.js';
import { BaseCommand } from '../../cli/base-command.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';

export default class BlobStatus extends BaseCommand<typeof BlobStatus> {
  static override summary =
    'Show whether a blob is stored and certified, and until when (asks the storage nodes).';

  static override examples = [
    '<%= config.bin %> blob status <blob-id>',
    '<%= config.bin %> blob status --file ./asset.glb',
  ];

  static override args = {
    blobId: Args.string({ description: 'The blob id (or use --file).' }),
  };

  static override flags = {
    file: Flags.string({ description: 'Compute the blob id of this file and show its status.' }),
  };

  async run(): Promise<{ blobId: string; status: unknown }> {
    const config = await this.loadConfig();
    const session = await openWalrusSession(config, this.flags.network);
    let blobId: string;
    if (this.flags.file) blobId = (await blobIdOfFile(this.flags.file, await session.nShards())).blobId;
    else if (this.args.blobId) blobId = parseBlobId(this.args.blobId);
    else throw new UserError(ErrorCode.InvalidArguments, 'Pass a blob id or --file <path>.');
    const status = await guard(() => session.walrus.getVerifiedBlobStatus({ blobId }));
    if (!this.jsonEnabled()) {
      if (status.type === 'nonexistent') this.log(`${blobId}: not stored`);
      else if (status.type === 'invalid') this.log(`${blobId}: invalid (marked inconsistent)`);
      else {
        const certified =
          status.initialCertifiedEpoch === null
            ? 'registered, not certified'
            : `certified since epoch ${status.initialCertifiedEpoch}`;
        const until = status.type === 'permanent' ? `, stored until epoch ${status.endEpoch}` : '';
        const counts = status.deletableCounts;
        this.log(
          `${blobId}: ${status.type}, ${certified}${until}; deletable copies: ${counts.count_deletable_total} (${counts.count_deletable_certified} certified)`,
        );
      }
    }
    return { blobId, status };
  }
}
