/**
 * The path a user takes, for every template: pack the devkit (`npm pack`), `walrus init <tmp>/app --template <t>
 * --yes --devkit <tarball>` (which runs `npm install` from that tarball), then the new project's `npm run
 * typecheck` and `npm test` (the web template's drives Chromium). Prints the time of each step and exits non-zero
 * on the first failure.
 * Run by `.ci/run` after `npm test` (`npm run test:templates [ts web]`); too slow for `npm test` itself.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const requested = process.argv.slice(2);
const templates = requested.length > 0 ? requested : readdirSync(join(REPO, 'templates')).sort();
const work = mkdtempSync(join(tmpdir(), 'walrus-templates-'));

function timed(label: string, command: string, args: string[], cwd: string): void {
  const start = performance.now();
  process.stderr.write(`\n== ${label}: ${command} ${args.join(' ')}\n`);
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  process.stderr.write(`== ${label}: ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
}

try {
  timed('pack', 'npm', ['pack', '--ignore-scripts', '--pack-destination', work], REPO);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  for (const template of templates) {
    const parent = join(work, template);
    execFileSync('mkdir', ['-p', parent]);
    const run = join(REPO, 'bin', 'run.js');
    timed(
      `${template}: init + install`,
      process.execPath,
      [run, 'init', 'my-app', '--template', template, '--yes', '--devkit', tarball],
      parent,
    );
    timed(`${template}: typecheck`, 'npm', ['run', 'typecheck'], join(parent, 'my-app'));
    timed(`${template}: npm test`, 'npm', ['test'], join(parent, 'my-app'));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
