import { rmSync } from 'node:fs';
import { isReplaceableStateDir } from '../../../devnet/cli-api.js';
import { BaseCommand } from '../../cli/base-command.js';
import { stateDirFlag } from '../../cli/shared-flags.js';
import { findRunningDevnet } from '../../dev/devnet-paths.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';

export default class DevReset extends BaseCommand<typeof DevReset> {
  static override summary = "Delete the devnet's state, so the next `dev up` starts from a new genesis.";

  static override examples = [
    '<%= config.bin %> dev reset',
    '<%= config.bin %> dev reset --state-dir ./tmp/devnet',
  ];

  static override flags = {
    'state-dir': stateDirFlag,
  };

  async run(): Promise<{ deleted: string }> {
    const config = await this.loadConfig();
    const running = findRunningDevnet(config);
    if (running && 'descriptor' in running) {
      throw new UserError(
        ErrorCode.DevnetAlreadyRunning,
        `The devnet is running (pid ${running.descriptor.pid}); its state is in use.`,
        {
          hint: 'Stop it with `walrus dev down`, then run `walrus dev reset` (or `walrus dev up --fresh`, which resets and starts).',
        },
      );
    }
    const stateDir = this.flags['state-dir'] ?? config.devnet.stateDir;
    if (!isReplaceableStateDir(stateDir)) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `${stateDir} does not hold a devnet state (no walrus.json, no ledger/): nothing was deleted.`,
        { hint: 'Point --state-dir (or devnet.stateDir) at the devnet state directory.' },
      );
    }
    rmSync(stateDir, { recursive: true, force: true });
    if (!this.jsonEnabled())
      this.log(`Deleted ${stateDir}. The next \`walrus dev up\` starts a new genesis.`);
    return { deleted: stateDir };
  }
}
