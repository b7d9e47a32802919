import { Help, type Interfaces } from '@oclif/core';
import { getHelpFlagAdditions, standardizeIDFromArgv } from '@oclif/core/help';
import { hasFlag, isJsonMode } from './argv.js';
import { unknownCommandError } from './unknown-command.js';

/**
 * walrus-devkit's help (package.json `oclif.helpClass`). It differs from oclif's in three ways:
 * - every topic declared in package.json `oclif.topics` is listed, including topics with no commands yet (oclif
 *   hides those);
 * - an unknown subject (`walrus nope --help`) raises the same `UNKNOWN_COMMAND` error as running it;
 * - a bare topic under `--json` (`walrus blob --json`) is an error document rather than help text on stdout.
 * Keep this file light: it is on the `--help` path, which must start fast (no ink, no config loading).
 */
export default class WalrusHelp extends Help {
  protected override get sortedTopics(): Interfaces.Topic[] {
    const shown = new Map<string, Interfaces.Topic>();
    for (const topic of super.sortedTopics) shown.set(topic.name, topic);
    for (const [name, declared] of Object.entries(this.config.pjson.oclif.topics ?? {})) {
      if (shown.has(name) || declared.hidden) continue;
      const topic = this.config.findTopic(name);
      if (topic) shown.set(name, topic);
    }
    return [...shown.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  override async showHelp(argv: string[]): Promise<void> {
    const subject = helpSubject(argv, this.config);
    if (subject !== undefined) {
      const isCommand = Boolean(this.config.findCommand(subject));
      if (!isCommand && !this.config.findTopic(subject)) throw unknownCommandError(this.config, subject);
      const processArgv = process.argv.slice(2);
      if (!isCommand && isJsonMode(processArgv) && !hasFlag(processArgv, '--help')) {
        throw unknownCommandError(this.config, subject);
      }
    }
    await super.showHelp(argv);
  }

  protected override async showRootHelp(): Promise<void> {
    await super.showRootHelp();
    this.log(
      this.section(
        'GLOBAL FLAGS',
        this.renderList(
          [
            ['--json', 'Print one JSON document on stdout, errors included.'],
            ['--network <name>', 'devnet (local), testnet, mainnet, or a network from the config.'],
            ['--config <path>', 'Config file to use instead of searching for walrus.config.*.'],
            ['--verbose', 'Show more detail, and stack traces on errors.'],
          ],
          { indentation: 2, spacer: '\n', stripAnsi: this.opts.stripAnsi },
        ),
      ),
    );
    this.log('');
  }

  protected override async showTopicHelp(topic: Interfaces.Topic): Promise<void> {
    // Check before rendering: oclif's formatters rewrite ids and names in place (":" to " ").
    const prefix = `${topic.name.replaceAll(' ', ':')}:`;
    const empty = !this.config.commands.some((command) => command.id.startsWith(prefix) && !command.hidden);
    await super.showTopicHelp(topic);
    if (empty) {
      const name = topic.name.replaceAll(':', ' ');
      this.log(`No "${name}" commands in this version of ${this.config.bin} yet.\n`);
    }
  }
}

/** The command or topic id help was asked about, found the way oclif's Help finds it. */
function helpSubject(argv: string[], config: Interfaces.Config): string | undefined {
  const helpFlags = getHelpFlagAdditions(config);
  let args = argv.filter((arg) => !helpFlags.includes(arg));
  if (config.topicSeparator !== ':') args = standardizeIDFromArgv(args, config);
  for (const arg of args) {
    if (arg === '--' || arg.startsWith('-')) return undefined;
    if (arg !== 'help') return arg;
  }
  return undefined;
}
