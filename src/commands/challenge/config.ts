import { Flags } from '@oclif/core';
import type { ChallengeConfig } from '../../../devnet/index.js';
import { BaseCommand } from '../../cli/base-command.js';
import { adminRequest, requireDevnet } from '../../dev/admin-client.js';

export default class ChallengeConfigCommand extends BaseCommand<typeof ChallengeConfigCommand> {
  static override summary = 'Show or change the storage-challenge settings of the devnet (devnet extension).';

  static override description =
    'Devnet extension of the Walrus protocol (mainnet has no storage challenges). The settings are kept with the devnet state, so they survive `walrus dev down` / `dev up`. See docs/challenges.md.';

  static override examples = [
    '<%= config.bin %> challenge config',
    '<%= config.bin %> challenge config --auto on --sample 16 --json',
    '<%= config.bin %> challenge config --penalty commission',
    '<%= config.bin %> challenge config --penalty stake --penalty-bps 50',
  ];

  static override flags = {
    sample: Flags.integer({ description: 'Blobs sampled per node (1–64).', min: 1, max: 64 }),
    window: Flags.integer({
      description: 'How long certificates are accepted, in ms of chain time.',
      min: 100,
      max: 3_600_000,
    }),
    auto: Flags.string({
      description: 'Open a round by itself in every epoch, at --auto-at of the epoch.',
      options: ['on', 'off'],
    }),
    'auto-at': Flags.integer({
      description: 'Where in each epoch an automatic round opens, in percent of the epoch (0–99).',
      min: 0,
      max: 99,
    }),
    penalty: Flags.string({
      description:
        "What a failed node pays: `stake` (a share of its pool's stake per shard held, burned) or `commission` (its commission burned, as mainnet's slashing).",
      options: ['stake', 'commission'],
    }),
    'penalty-bps': Flags.integer({
      description: "With --penalty stake: basis points of the pool's stake per shard held (100 = 1 %).",
      min: 0,
      max: 10_000,
    }),
  };

  async run(): Promise<ChallengeConfig> {
    const descriptor = requireDevnet(await this.loadConfig(), this.flags.network);
    const f = this.flags;
    const change: Partial<ChallengeConfig> = {
      ...(f.sample === undefined ? {} : { sample: f.sample }),
      ...(f.window === undefined ? {} : { windowMs: f.window }),
      ...(f.auto === undefined ? {} : { auto: f.auto === 'on' }),
      ...(f['auto-at'] === undefined ? {} : { autoAtFraction: f['auto-at'] / 100 }),
      ...(f.penalty === undefined ? {} : { penalty: f.penalty as ChallengeConfig['penalty'] }),
      ...(f['penalty-bps'] === undefined ? {} : { penaltyBpsPerShard: f['penalty-bps'] }),
    };
    const config =
      Object.keys(change).length > 0
        ? await adminRequest<ChallengeConfig>(descriptor, 'POST', '/challenge/config', change)
        : await adminRequest<ChallengeConfig>(descriptor, 'GET', '/challenge/config');
    if (!this.jsonEnabled()) {
      this.log(`Sample: ${config.sample} blobs per node; window: ${config.windowMs} ms of chain time.`);
      this.log(
        config.auto
          ? `Automatic rounds: on, at ${Math.round(config.autoAtFraction * 100)} % of each epoch.`
          : 'Automatic rounds: off (`--auto on` to turn them on).',
      );
      this.log(
        config.penalty === 'commission'
          ? "Penalty: a failed node's commission is burned (mainnet's slashing), and it forfeits the epoch's rewards."
          : `Penalty: ${config.penaltyBpsPerShard / 100} % of the pool's stake per shard held is burned, and the epoch's rewards are forfeited.`,
      );
    }
    return config;
  }
}
