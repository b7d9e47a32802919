import type { Hook } from '@oclif/core';
import { splitCommandPrefix, unknownCommandError } from '../cli/unknown-command.js';

/**
 * oclif calls this when argv names no command. If a prefix of the words is a command (`walrus config show extra`),
 * that command runs with the remaining words as arguments, so its parser reports what is wrong with them. Otherwise
 * the hook throws UNKNOWN_COMMAND; the CLI's top-level handler (src/cli/run.ts) prints it as one clear message, or
 * as the JSON error document under --json, and exits 1.
 */
const hook: Hook.CommandNotFound = async (options) => {
  const command = splitCommandPrefix(options.config, options.id);
  if (command) return options.config.runCommand(command.id, [...command.rest, ...(options.argv ?? [])]);
  throw unknownCommandError(options.config, options.id);
};

export default hook;
