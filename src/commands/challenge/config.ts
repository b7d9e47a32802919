import { Flags } from '@oclif/core';
import type { ChallengeConfig } from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';

export default class ChallengeConfigCommand extends BaseCommand<typeof ChallengeConfigCommand> {
  static override summary = 'Show or change the storage-challenge settings of the devnet (devnet extension).';

  static override examples = [
    '<%= config.bin %> challenge config',
    '<%= config.bin %> challenge config --sample 16 --window 10000 --json',
  ];

  static override flags = {
    sample: Flags.integer({ description: 'Blobs sampled per node (1–64).', min: 1, max: 64 }),
    window: Flags.integer({
      description: 'How long certificates are accepted, in ms of chain time.',
      min: 100,
    }),
  };

  async run(): Promise<ChallengeConfig> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const change = this.flags.sample !== undefined || this.flags.window !== undefined;
    const config = change
      ? await adminRequest<ChallengeConfig>(descriptor, 'POST', '/challenge/config', {
          ...(this.flags.sample === undefined ? {} : { sample: this.flags.sample }),
          ...(this.flags.window === undefined ? {} : { windowMs: this.flags.window }),
        })
      : await adminRequest<ChallengeConfig>(descriptor, 'GET', '/challenge/config');
    if (!this.jsonEnabled()) {
      this.log(`Sample: ${config.sample} blobs per node; window: ${config.windowMs} ms.`);
      this.log('Automatic rounds: off (not built yet); penalties: not applied yet (see docs/challenges.md).');
    }
    return config;
  }
}
