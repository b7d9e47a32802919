/**
 * On a Node older than the project needs, bin/run.js re-runs itself on the pinned Node 24. A signal sent to that
 * parent alone (a test harness, `kill`, a supervisor) must reach the CLI: before, the parent died and left the
 * devnet running with no one to stop it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshBuild, devnetProject, oldNode, RUN, walrusEnv } from './devnet-project.js';

beforeAll(() => assertFreshBuild());

let descriptorFile: string | undefined;
// A regression leaves the CLI running without its parent: stop it so it does not outlive the test.
afterEach(() => {
  if (!descriptorFile || !existsSync(descriptorFile)) return;
  const { pid } = JSON.parse(readFileSync(descriptorFile, 'utf8')) as { pid: number };
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
});

describe.skipIf(!oldNode())('bin/run.js on an old Node', () => {
  it('forwards SIGINT to the re-executed CLI: a foreground dev up stops gracefully', async () => {
    const dir = devnetProject('walrus-signal-');
    const child = spawn(oldNode()!, [RUN, 'dev', 'up'], { cwd: dir, env: walrusEnv() });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        if (stdout.includes('Press Ctrl-C to stop.')) resolve();
      });
      child.once('exit', () => reject(new Error(`dev up exited before ready:\n${stdout}\n${stderr}`)));
    });
    descriptorFile = join(dir, '.walrus', 'devnet.json');
    expect(existsSync(descriptorFile)).toBe(true);
    child.kill('SIGINT'); // the parent only, as `kill -INT <pid>` would
    const code = await exited;
    expect(stderr).toContain('Stopping the devnet');
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('Stopping the devnet');
    // The devnet stopped and removed its descriptor: nothing is left running.
    expect(existsSync(descriptorFile)).toBe(false);
  });
});
