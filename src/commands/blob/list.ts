import { type BlobInfo, listBlobs } from '../../blob/blob-objects.js';
import { BaseCommand } from '../../cli/base-command.js';
import { alignColumns } from '../../ui/columns.js';
import { formatBytes } from '../../util/format.js';

export default class BlobList extends BaseCommand<typeof BlobList> {
  static override summary = "List the active account's Blob objects with status and expiry.";

  static override examples = ['<%= config.bin %> blob list', '<%= config.bin %> blob list --json'];

  async run(): Promise<{ blobs: BlobInfo[] }> {
    const session = await this.walrusSession();
    const blobs = await listBlobs(session);
    if (!this.jsonEnabled()) {
      if (blobs.length === 0) this.log('No blobs.');
      else {
        const rows = blobs.map((b) => [
          b.blobId,
          b.objectId,
          formatBytes(b.size),
          b.status,
          String(b.endEpoch),
          b.deletable ? 'deletable' : 'permanent',
        ]);
        const header = ['BLOB ID', 'OBJECT ID', 'SIZE', 'STATUS', 'END EPOCH', 'KIND'];
        for (const line of alignColumns([header, ...rows], [2, 4])) this.log(line);
      }
    }
    return { blobs };
  }
}
