import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { devkitRoot, devkitVersion, packDevkit } from '../init/devkit-package.js';
import { installDependencies } from '../init/install.js';
import { initCommand } from '../init/invocation.js';
import { ask } from '../init/prompt.js';
import { blockedPath, copyTemplate, listTemplates, packageNameFor } from '../init/templates.js';

/** What to run after `init`, per template. */
const NEXT_STEPS: Record<string, string[]> = {
  ts: [
    'npm test                      # starts a devnet, stores and reads blobs',
    'npx walrus dev up --detach    # a devnet to use from scripts',
    'npm run store -- ./some-file   # store and read a file with the official clients',
  ],
  web: [
    'npm test                      # starts a devnet and drives the app in Chromium',
    'npx walrus dev up --detach    # a devnet for the app',
    'npm run dev                   # the app at http://127.0.0.1:5173 (uploads signed with a devnet key)',
  ],
};

/** An unscoped npm package name (what npm accepts for a new package). */
const VALID_PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]{0,213}$/;

interface InitResult {
  directory: string;
  template: string;
  name: string;
  devkitDependency: string;
  installed: boolean;
}

export default class Init extends BaseCommand<typeof Init> {
  static override summary = 'Create a Walrus project from a template, with tests that pass out of the box.';

  static override examples = [
    '<%= config.bin %> init my-app',
    '<%= config.bin %> init my-app --template web --yes',
    '<%= config.bin %> init . --template ts --force',
  ];

  static override args = {
    dir: Args.string({ description: 'Directory to create the project in (default: the current one).' }),
  };

  static override flags = {
    template: Flags.string({
      description: 'Template: ts (scripts and vitest tests) or web (Vite + React app).',
    }),
    name: Flags.string({ description: 'Package name (default: the directory name).' }),
    yes: Flags.boolean({ char: 'y', description: 'Ask nothing: take the flags and the defaults.' }),
    force: Flags.boolean({
      description: 'Write into a directory that is not empty (files of the template are replaced).',
    }),
    devkit: Flags.string({
      description:
        'walrus-devkit dependency of the project: a tarball (copied into vendor/) or an npm spec. Default: a tarball packed from this devkit.',
      helpValue: '<tarball|spec>',
    }),
    'skip-install': Flags.boolean({ description: 'Write the files only; do not run npm install.' }),
  };

  async run(): Promise<InitResult> {
    const interactive = !this.flags.yes && !this.jsonEnabled() && process.stdin.isTTY && process.stderr.isTTY;
    const root = devkitRoot();
    const templatesDir = join(root, 'templates');
    const templates = listTemplates(templatesDir);
    const template =
      this.flags.template ?? (interactive ? await ask(`Template: ${templates.join(' or ')}`, 'ts') : 'ts');
    if (!templates.includes(template)) {
      throw new UserError(ErrorCode.InvalidArguments, `There is no template "${template}".`, {
        hint: `Use --template ${templates.join(' or --template ')}.`,
      });
    }
    const directory = resolve(this.args.dir ?? '.');
    const name =
      this.flags.name ??
      (interactive
        ? await ask('Package name', packageNameFor(basename(directory)))
        : packageNameFor(basename(directory)));
    if (!VALID_PACKAGE_NAME.test(name)) {
      throw new UserError(ErrorCode.InvalidArguments, `"${name}" is not a valid npm package name.`, {
        hint: `Use lower-case letters, digits, "-", "." and "_", e.g. --name ${packageNameFor(name)}.`,
      });
    }
    this.checkTarget(directory, join(templatesDir, template));

    const devkitDependency = await this.prepareDevkit(directory, root);
    copyTemplate(join(templatesDir, template), directory, { name, devkitDependency });
    this.progress(`Created ${name} from the ${template} template in ${directory}.`);

    if (!this.flags['skip-install']) {
      this.progress('Installing dependencies (npm install)…');
      const start = performance.now();
      await installDependencies(directory);
      this.progress(`Installed in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
    }
    if (!this.jsonEnabled()) this.printNextSteps(directory, template);
    return { directory, template, name, devkitDependency, installed: !this.flags['skip-install'] };
  }

  /** Refuses a target that is a file, a non-empty directory without --force, or holds a non-file where we write. */
  private checkTarget(directory: string, templateDir: string): void {
    if (!existsSync(directory)) return;
    if (!statSync(directory).isDirectory())
      throw new UserError(ErrorCode.InvalidArguments, `${directory} exists and is not a directory.`, {
        hint: `Choose another directory: \`${initCommand()} <dir>\`.`,
      });
    if (readdirSync(directory).length > 0 && !this.flags.force)
      throw new UserError(ErrorCode.DirectoryNotEmpty, `${directory} is not empty; nothing was written.`, {
        hint: `Choose a new directory (\`${initCommand()} my-app\`), or add --force to write the template into it.`,
      });
    const blocked = blockedPath(templateDir, directory);
    if (blocked)
      throw new UserError(
        ErrorCode.WriteFailed,
        `${join(directory, blocked)} exists and is not a regular file; nothing was written.`,
        { hint: 'Move it away, or choose another directory.' },
      );
  }

  /**
   * The project's walrus-devkit dependency. walrus-devkit is not on the npm registry yet, so by default the devkit
   * this command runs from is packed into the project's vendor/ (packed first, so a failure writes nothing).
   */
  private async prepareDevkit(directory: string, root: string): Promise<string> {
    const given = this.flags.devkit;
    if (given?.endsWith('.tgz') && !existsSync(given)) {
      throw new UserError(
        ErrorCode.FileNotFound,
        `--devkit ${given}: no such tarball; nothing was written.`,
        {
          hint: 'Pack one with `npm pack` in the walrus-devkit checkout, or leave --devkit out to pack this one.',
        },
      );
    }
    if (given && !given.endsWith('.tgz')) return given;
    const vendor = join(directory, 'vendor');
    let tarball: string;
    if (given) {
      tarball = given;
    } else {
      const staging = mkdtempSync(join(tmpdir(), 'walrus-init-'));
      this.progress(`Packing walrus-devkit ${devkitVersion(root)} from ${root}…`);
      tarball = join(staging, await packDevkit(staging, root));
    }
    mkdirSync(vendor, { recursive: true });
    const file = join(vendor, basename(tarball));
    copyFileSync(tarball, file);
    if (!given) rmSync(resolve(tarball, '..'), { recursive: true, force: true });
    const dependency = `file:${relative(directory, file)}`;
    const source = given ? `copied from ${given}` : `packed from the devkit this command runs from (${root})`;
    this.progress(
      `walrus-devkit is not on the npm registry yet: the project depends on ${relative(directory, file)}, ${source}.`,
    );
    return dependency;
  }

  private printNextSteps(directory: string, template: string): void {
    const cd = relative(process.cwd(), directory);
    this.log('\nNext steps:');
    if (cd) this.log(`  cd ${cd}`);
    for (const line of NEXT_STEPS[template] ?? ['npm test']) this.log(`  ${line}`);
  }
}
