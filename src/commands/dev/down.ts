import { isProcessAlive, removeDescriptor } from '../../../devnet/cli-api.js';
import { BaseCommand } from '../../cli/base-command.js';
import { findRunningDevnet } from '../../dev/devnet-paths.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';

/** How long to wait for a graceful stop before giving up. */
const STOP_TIMEOUT_MS = 15_000;

export default class DevDown extends BaseCommand<typeof DevDown> {
  static override summary = 'Stop the running devnet (its state is kept).';

  static override examples = ['<%= config.bin %> dev down', '<%= config.bin %> dev down --json'];

  async run(): Promise<{ stopped: boolean; pid: number }> {
    const config = await this.loadConfig();
    const running = findRunningDevnet(config);
    if (!running || 'stale' in running) {
      if (running) removeDescriptor(running.path, running.stale.pid);
      throw new UserError(ErrorCode.DevnetNotRunning, 'No devnet is running for this project.', {
        hint: 'Start one with `walrus dev up`.',
      });
    }
    const { pid } = running.descriptor;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (isProcessAlive(pid)) {
      throw new UserError(
        ErrorCode.DevnetNotRunning,
        `The devnet (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s.`,
        {
          hint: `Kill it with \`kill -9 ${pid}\`; its state stays consistent.`,
        },
      );
    }
    removeDescriptor(running.path, pid);
    if (!this.jsonEnabled())
      this.log(`Devnet stopped (pid ${pid}). State kept in ${running.descriptor.stateDir}.`);
    return { stopped: true, pid };
  }
}
