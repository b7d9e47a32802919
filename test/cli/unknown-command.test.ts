import { describe, expect, it } from 'vitest';
import { hasFlag, isJsonMode, isVerbose } from '../../src/cli/argv.js';
import { type CliConfig, splitCommandPrefix, unknownCommandError } from '../../src/cli/unknown-command.js';
import { didYouMean, editDistance } from '../../src/util/suggest.js';
import { expectUserError } from '../user-error.js';

/** A stand-in for oclif's Config with the given commands and declared topics (oclif adds command ids as topics). */
function fakeConfig(commandIds: string[], declaredTopics: string[]): CliConfig {
  const topics = new Set(declaredTopics);
  for (const id of commandIds) {
    const parts = id.split(':');
    for (let i = 1; i <= parts.length; i++) topics.add(parts.slice(0, i).join(':'));
  }
  const fake = {
    bin: 'walrus',
    commands: commandIds.map((id) => ({ id, hidden: false })),
    findCommand: (id: string) => (commandIds.includes(id) ? { id } : undefined),
    findTopic: (name: string) => (topics.has(name) ? { name } : undefined),
  };
  return fake as unknown as CliConfig;
}

const config = fakeConfig(['config:show', 'dev:start', 'dev:stop'], ['blob', 'dev', 'config', 'stake']);

describe('unknownCommandError', () => {
  it('names the topic plus the first unknown word, not the arguments after it', () => {
    const error = unknownCommandError(config, 'blob:store:x');
    expectUserError(error, {
      code: 'UNKNOWN_COMMAND',
      message: 'Unknown command "walrus blob store".',
      hint: 'The "blob" topic has no commands in this version yet; run "walrus --help" to see the available ones.',
    });
  });

  it('suggests close commands and topics', () => {
    expect(unknownCommandError(config, 'dev:strat').hint).toBe('Did you mean "walrus dev start"?');
    expect(unknownCommandError(config, 'confg:show').hint).toBe('Did you mean "walrus config show"?');
    expect(unknownCommandError(config, 'deev').hint).toBe('Did you mean "walrus dev"?');
  });

  it('lists the commands of a topic when nothing is close', () => {
    expect(unknownCommandError(config, 'dev:explode').hint).toBe(
      'Commands under "walrus dev": walrus dev start, walrus dev stop.',
    );
    expect(unknownCommandError(config, 'zzz').hint).toBe(
      'Run "walrus --help" to see the available commands.',
    );
  });

  it('treats a missing command as COMMAND_REQUIRED', () => {
    expect(unknownCommandError(config, '--json')).toMatchObject({
      code: 'COMMAND_REQUIRED',
      message: 'No command given.',
    });
    expect(unknownCommandError(config, 'stake')).toMatchObject({
      code: 'COMMAND_REQUIRED',
      message: '"walrus stake" needs a command.',
    });
  });
});

describe('splitCommandPrefix', () => {
  it('finds the command a longer id starts with', () => {
    expect(splitCommandPrefix(config, 'config:show:extra:more')).toEqual({
      id: 'config:show',
      rest: ['extra', 'more'],
    });
    expect(splitCommandPrefix(config, 'blob:store:x')).toBeUndefined();
    expect(splitCommandPrefix(config, 'config:show')).toBeUndefined();
  });
});

describe('argv helpers', () => {
  it('see flags only before --', () => {
    expect(hasFlag(['config', 'show', '--json'], '--json')).toBe(true);
    expect(hasFlag(['x', '--', '--json'], '--json')).toBe(false);
    expect(isJsonMode([], { WALRUS_CONTENT_TYPE: 'JSON' })).toBe(true);
    expect(isJsonMode([], {})).toBe(false);
    expect(isVerbose(['--verbose'], {})).toBe(true);
    expect(isVerbose([], { WALRUS_VERBOSE: '1' })).toBe(true);
    expect(isVerbose([], { WALRUS_VERBOSE: 'false' })).toBe(false);
  });
});

describe('suggestions', () => {
  it('count a transposition as one edit', () => {
    expect(editDistance('rcp', 'rpc')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggest only plausible typos', () => {
    expect(didYouMean('node', ['nodes', 'shards'])).toBe('nodes');
    expect(didYouMean('networkz', ['devnet', 'networks'])).toBe('networks');
    expect(didYouMean('xyz', ['devnet', 'networks'])).toBeUndefined();
  });
});
