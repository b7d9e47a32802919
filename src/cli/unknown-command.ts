import type { Interfaces } from '@oclif/core';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { typoDistance } from '../util/suggest.js';

export type CliConfig = Pick<Interfaces.Config, 'bin' | 'commands' | 'findCommand' | 'findTopic'>;

/**
 * The longest prefix of `id` naming a command, and the words after it. oclif joins words into the id while they
 * could be part of a command name, so `walrus config show extra` (a command without arguments) arrives as
 * `config:show:extra`; running `config:show` with `extra` then reports the real problem (an unexpected argument).
 */
export function splitCommandPrefix(
  config: CliConfig,
  id: string,
): { id: string; rest: string[] } | undefined {
  const words = id.split(':');
  for (let length = words.length - 1; length > 0; length--) {
    const prefix = words.slice(0, length).join(':');
    if (config.findCommand(prefix)) return { id: prefix, rest: words.slice(length) };
  }
  return undefined;
}

/**
 * The error for a command line that names no existing command (oclif's `command_not_found`, or `--help` on an
 * unknown subject). `id` is oclif's colon-joined guess, which may include positional arguments
 * (`blob:store:x` for `walrus blob store x`): the reported command is the longest known topic prefix plus the first
 * unknown word (`walrus blob store`). The hint suggests a close command or topic, or says what the topic offers.
 */
export function unknownCommandError(config: CliConfig, id: string): UserError {
  const bin = config.bin;
  const words = id.split(/[: ]/).filter(Boolean);
  if (words.length === 0 || words[0]!.startsWith('-')) {
    return new UserError(ErrorCode.CommandRequired, 'No command given.', {
      hint: `Run "${bin} --help" to see the commands.`,
    });
  }

  let topicDepth = 0;
  const isTopic = (prefix: string) => Boolean(config.findTopic(prefix)) && !config.findCommand(prefix);
  while (topicDepth < words.length && isTopic(words.slice(0, topicDepth + 1).join(':'))) topicDepth++;
  const topic = words.slice(0, topicDepth).join(' ');
  if (topicDepth === words.length) {
    return new UserError(ErrorCode.CommandRequired, `"${bin} ${topic}" needs a command.`, {
      hint: `Run "${bin} ${topic} --help" to see its commands.`,
    });
  }
  const unknown = words.slice(0, topicDepth + 1).join(' ');
  const message = `Unknown command "${bin} ${unknown}".`;

  const visible = config.commands
    .filter((command) => !command.hidden)
    .map((command) => command.id.split(':'));
  const suggestion = suggest(words, visible, config);
  if (suggestion)
    return new UserError(ErrorCode.UnknownCommand, message, { hint: `Did you mean "${bin} ${suggestion}"?` });

  if (topic) {
    const under = visible
      .filter((parts) => parts.slice(0, topicDepth).join(' ') === topic)
      .map((p) => p.join(' '));
    const hint =
      under.length === 0
        ? `The "${topic}" topic has no commands in this version yet; run "${bin} --help" to see the available ones.`
        : `Commands under "${bin} ${topic}": ${under.map((c) => `${bin} ${c}`).join(', ')}.`;
    return new UserError(ErrorCode.UnknownCommand, message, { hint });
  }
  return new UserError(ErrorCode.UnknownCommand, message, {
    hint: `Run "${bin} --help" to see the available commands.`,
  });
}

/** The command (or, failing that, topic) whose words are the closest typo of the first words typed. */
function suggest(words: string[], commands: string[][], config: CliConfig): string | undefined {
  let best: { text: string; distance: number } | undefined;
  const consider = (candidate: string[]) => {
    if (candidate.length > words.length) return;
    const text = candidate.join(' ');
    const typed = words.slice(0, candidate.length).join(' ');
    if (typed === text) return;
    const distance = typoDistance(typed, text);
    if (distance !== undefined && (!best || distance < best.distance)) best = { text, distance };
  };
  for (const command of commands) consider(command);
  if (best) return best.text;
  const topics = new Set(commands.map((parts) => parts[0]!));
  for (const name of topics) if (config.findTopic(name)) consider([name]);
  return (best as { text: string } | undefined)?.text;
}
