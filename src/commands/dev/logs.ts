import { closeSync, existsSync, openSync, readSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { findRunningDevnet, walrusHome } from '../../dev/devnet-paths.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';
import { onInterrupt } from '../../util/interrupt.js';

/** Reads `bytes` from `path` starting at `offset`. */
function readFrom(path: string, offset: number): string {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    if (size <= offset) return '';
    const buffer = Buffer.alloc(size - offset);
    readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export default class DevLogs extends BaseCommand<typeof DevLogs> {
  static override summary = "Print the devnet's log (devnet.log in .walrus/ or $WALRUS_HOME).";

  static override examples = [
    '<%= config.bin %> dev logs',
    '<%= config.bin %> dev logs --follow',
    '<%= config.bin %> dev logs -n 20',
  ];

  static override flags = {
    follow: Flags.boolean({
      char: 'f',
      description: 'Keep printing new lines until Ctrl-C (or the devnet stops).',
    }),
    lines: Flags.integer({ char: 'n', description: 'Print only the last N lines.', min: 1 }),
  };

  async run(): Promise<{ path: string; lines: string[] }> {
    const config = await this.loadConfig();
    const path = join(walrusHome(config), 'devnet.log');
    if (!existsSync(path)) {
      throw new UserError(ErrorCode.DevnetNotRunning, `No devnet log at ${path}.`, {
        hint: 'The log is written by `walrus dev up`; start a devnet first.',
      });
    }
    let text = readFrom(path, 0);
    let lines = text.split('\n').filter(Boolean);
    if (this.flags.lines) lines = lines.slice(-this.flags.lines);
    if (this.jsonEnabled()) return { path, lines };
    for (const line of lines) this.log(line);
    if (!this.flags.follow) return { path, lines };
    let offset = Buffer.byteLength(text);
    await new Promise<void>((resolve) => {
      const watcher = watch(path, () => {
        text = readFrom(path, offset);
        offset += Buffer.byteLength(text);
        if (text) process.stdout.write(text);
      });
      const stop = () => {
        disposeInterrupt();
        watcher.close();
        clearInterval(alive);
        resolve();
      };
      // Stop following once the devnet is gone.
      const alive = setInterval(() => {
        const running = findRunningDevnet(config);
        if (!running || 'stale' in running) stop();
      }, 1000);
      const disposeInterrupt = onInterrupt(() => stop());
    });
    return { path, lines };
  }
}
