import { execa } from 'execa';
import { ErrorCode } from '../errors/codes.js';
import { NetworkError } from '../errors/network-error.js';

/**
 * Runs `npm install` in `dir` (`--prefer-offline`: packages already in npm's cache are not revalidated),
 * its output (npm's progress) on our stderr so stdout stays the command's.
 */
export async function installDependencies(dir: string): Promise<void> {
  const result = await execa('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    stdin: 'ignore',
    stdout: 2,
    stderr: 'inherit',
    reject: false,
  });
  if (result.exitCode !== 0) {
    throw new NetworkError(
      ErrorCode.InstallFailed,
      `npm install failed in ${dir} (exit ${result.exitCode ?? result.signal}); the project files are written.`,
      { hint: `Fix what npm reported above, then run \`cd ${dir} && npm install\`.` },
    );
  }
}
