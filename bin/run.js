#!/usr/bin/env node
// walrus: runs the compiled CLI in dist/. Only `node:` modules are imported statically: this file must parse and
// run on old Node versions far enough to say that they are too old.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The minimum Node version, from package.json `engines.node` (">=22.12"); 22.0.0 if that cannot be read. */
function minimumNode() {
  try {
    const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
    const match = /^\s*>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range);
    if (match) return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
  } catch {}
  return [22, 0, 0];
}

function olderThan(version, minimum) {
  for (let i = 0; i < 3; i++) {
    if (version[i] !== minimum[i]) return version[i] < minimum[i];
  }
  return false;
}

const current = process.versions.node.split('.').map(Number);
const minimum = minimumNode();
if (olderThan(current, minimum)) {
  // The project pins a Node through its `node` devDependency; prefer it over failing.
  const pinned = join(root, 'node_modules', '.bin', 'node');
  if (existsSync(pinned) && process.env.WALRUS_NODE_REEXEC !== '1') {
    const child = spawn(
      pinned,
      [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
      {
        stdio: 'inherit',
        env: { ...process.env, WALRUS_NODE_REEXEC: '1' },
      },
    );
    // Signals sent to this process alone (kill, a test harness) reach the CLI too; a terminal's Ctrl-C reaches
    // both, and the CLI counts the two deliveries as one press (src/util/interrupt.ts).
    const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal) => child.kill(signal);
    for (const signal of forwarded) process.on(signal, forward);
    const [status, signal] = await new Promise((resolve) => {
      child.once('error', (error) => {
        process.stderr.write(`Error: could not start ${pinned}: ${error.message}\n`);
        resolve([1, null]);
      });
      child.once('exit', (code, sig) => resolve([code, sig]));
    });
    for (const name of forwarded) process.removeListener(name, forward);
    if (signal) process.kill(process.pid, signal);
    process.exit(status ?? 1);
  }
  const wanted = minimum.join('.');
  const message = `walrus-devkit needs Node.js ${wanted} or newer, but this is Node.js ${process.versions.node} (${process.execPath}).`;
  const hint = 'Install Node.js 24 (or 22 LTS) and run walrus again, for example with nvm: nvm install 24';
  if (process.argv.slice(2).includes('--json')) {
    process.stdout.write(
      `${JSON.stringify({ error: { code: 'UNSUPPORTED_NODE', message, hint } }, null, 2)}\n`,
    );
  } else {
    process.stderr.write(`Error: ${message}\nHint: ${hint}\n`);
  }
  process.exit(1);
}

delete process.env.WALRUS_NODE_REEXEC;

// Cache compiled bytecode between runs: a large share of start-up time is spent compiling oclif and the commands.
try {
  (await import('node:module')).enableCompileCache?.();
} catch {}

const entry = join(root, 'dist', 'src', 'cli', 'run.js');
if (!existsSync(entry)) {
  process.stderr.write(
    `Error: walrus-devkit is not built: ${entry} is missing.\nHint: run "npm run build" in ${root} (or use bin/dev.js to run the TypeScript sources).\n`,
  );
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(entry).href);
await runCli({ root });
