import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flush, type Interfaces, run, settings } from '@oclif/core';
import { isJsonMode, isVerbose } from './argv.js';
import { toJson, writeAndDrain } from './json.js';
import { exitRequest, normalizeCliError } from './normalize-error.js';
import { renderError } from './render-error.js';

export interface RunCliOptions {
  /** The package root (where package.json and oclif.manifest.json are). */
  root: string;
  /** Arguments after the binary name. Default `process.argv.slice(2)`. */
  argv?: string[];
  /**
   * Run the TypeScript sources (bin/dev.js, with tsx registered): commands, hooks and help are taken from src/
   * instead of dist/, and the manifest is ignored.
   */
  development?: boolean;
}

/**
 * The CLI's entry point, shared by bin/run.js and bin/dev.js. Runs oclif and owns failure handling: whatever is
 * thrown (by a command, a hook, the parser or the help) is normalised to a WalrusError and rendered once, as a
 * message on stderr or, under --json, as `{ "error": { code, message, hint? } }` on stdout; then the process exits
 * with the error's code (1 user error, 2 network failure). Stacks only with --verbose.
 */
export async function runCli(options: RunCliOptions): Promise<void> {
  let argv = options.argv ?? process.argv.slice(2);
  // `walrus help [topic] [command]` is `walrus [topic] [command] --help` (no help plugin needed).
  if (argv[0] === 'help') argv = [...argv.slice(1), '--help'];
  const json = isJsonMode(argv);
  try {
    if (json && (argv[0] === '--version' || argv[0] === '-v')) {
      const pjson = readPackageJson(options.root);
      await writeAndDrain(process.stdout, `${toJson({ name: pjson.name, version: pjson.version })}\n`);
      return;
    }
    await run(argv, options.development ? developmentLoadOptions(options.root) : options.root);
    await flush();
  } catch (error) {
    const exitCode = exitRequest(error);
    if (exitCode !== undefined) {
      process.exitCode = exitCode;
      return;
    }
    const walrusError = normalizeCliError(error);
    const rendered = renderError(walrusError, { json, verbose: isVerbose(argv) });
    await writeAndDrain(process.stdout, rendered.stdout);
    await writeAndDrain(process.stderr, rendered.stderr);
    // Exit now: a failed command may leave sockets or timers behind that would keep the process alive.
    process.exit(walrusError.exitCode);
  }
}

type PackageJson = Interfaces.PJSON & { name: string; version: string };

function readPackageJson(root: string): PackageJson {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
}

/** oclif load options that point commands, hooks and the help class at src/ (TypeScript, loaded through tsx). */
function developmentLoadOptions(root: string): Interfaces.LoadOptions {
  // oclif's own TypeScript detection needs the `typescript` JS API, which TypeScript 7 no longer ships; tsx is
  // already registered by bin/dev.js, so point oclif at the sources directly and turn its detection off.
  settings.enableAutoTranspile = false;
  const pjson = readPackageJson(root);
  const toSource = (target: string) => target.replace(/^\.\/dist\/src\//, './src/');
  const oclif = pjson.oclif;
  const hooks = Object.fromEntries(
    Object.entries(oclif.hooks ?? {}).map(([event, target]) => [
      event,
      Array.isArray(target)
        ? target.map((t) => (typeof t === 'string' ? toSource(t) : { ...t, target: toSource(t.target) }))
        : typeof target === 'string'
          ? toSource(target)
          : { ...target, target: toSource(target.target) },
    ]),
  );
  pjson.oclif = {
    ...oclif,
    commands: typeof oclif.commands === 'string' ? toSource(oclif.commands) : oclif.commands,
    helpClass: typeof oclif.helpClass === 'string' ? toSource(oclif.helpClass) : oclif.helpClass,
    hooks: hooks as NonNullable<typeof oclif.hooks>,
  };
  return { root, pjson, ignoreManifest: true };
}
