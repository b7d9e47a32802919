import { Command, Flags, type Interfaces } from '@oclif/core';
import { openWalrusSession, type WalrusSession } from '../clients/walrus-session.js';
import { BUILT_IN_NETWORKS } from '../config/defaults.js';
import { loadConfig, resolveNetwork } from '../config/resolve-config.js';
import type { ResolvedConfig, ResolvedNetworkConfig } from '../config/types.js';
import { ErrorCode } from '../errors/codes.js';
import { UserError } from '../errors/user-error.js';
import { dashPositionalsLast } from './dash-positionals.js';
import { toJson } from './json.js';

/** Flags every walrus command has (shown under GLOBAL FLAGS in help). */
export const globalFlags = {
  json: Flags.boolean({
    description:
      'Print one JSON document on stdout, nothing else; errors become { "error": { code, message, hint } }.',
    helpGroup: 'GLOBAL',
  }),
  network: Flags.string({
    description: 'Network: devnet (local), testnet, mainnet, or one defined under networks in the config.',
    helpGroup: 'GLOBAL',
    helpValue: '<name>',
    env: 'WALRUS_NETWORK',
  }),
  config: Flags.string({
    description:
      'Config file to use instead of searching for walrus.config.* from the working directory upward.',
    helpGroup: 'GLOBAL',
    helpValue: '<path>',
    env: 'WALRUS_CONFIG',
  }),
  verbose: Flags.boolean({
    description: 'Show more detail, and stack traces on errors.',
    helpGroup: 'GLOBAL',
  }),
};

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>;
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/**
 * Base of every walrus command. It gives each command the global flags (`--json`, `--network`, `--config`,
 * `--verbose`), parses argv into `this.flags` / `this.args`, loads the config on demand and keeps the output
 * contract:
 * - `run()` returns the command's result; under `--json` it is printed as the one JSON document on stdout
 *   (bigints as strings). A command that returns nothing prints `{}`.
 * - human-readable results go to stdout with `this.log()` (silent under `--json`); progress and notes go to stderr
 *   with `this.progress()` / `this.detail()`, so stdout stays parseable.
 * - failures are thrown (preferably a `UserError` or `NetworkError`); the top-level handler in `run.ts` renders them
 *   and sets the exit code. Commands never print errors themselves.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;
  static override baseFlags = globalFlags;

  protected flags!: CommandFlags<T>;
  protected args!: CommandArgs<T>;
  /** Every positional argument, in order (for commands with `strict = false` that take a list). */
  protected positionals: string[] = [];
  #config: Promise<ResolvedConfig> | undefined;

  override async init(): Promise<void> {
    await super.init();
    const ctor = this.ctor as typeof BaseCommand;
    const { args, flags, argv } = await this.parse(
      {
        args: ctor.args,
        baseFlags: ctor.baseFlags,
        enableJsonFlag: ctor.enableJsonFlag,
        flags: ctor.flags,
        strict: ctor.strict,
      },
      dashPositionalsLast(this.argv, { ...ctor.baseFlags, ...ctor.flags }),
    ).catch((error: unknown) => {
      throw integerFlagError(error, ctor.flags) ?? flagRuleError(error, ctor.flags) ?? error;
    });
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
    this.positionals = argv as string[];
    // A custom --network name can only be checked against the config; fail early rather than mid-command.
    const network = this.flags.network;
    if (network !== undefined && !(BUILT_IN_NETWORKS as readonly string[]).includes(network))
      await this.network();
  }

  /** The resolved config, loaded once per run (honours `--config`). */
  protected loadConfig(): Promise<ResolvedConfig> {
    this.#config ??= loadConfig({ configFile: this.flags.config });
    return this.#config;
  }

  /** The network chosen by `--network`, else the config's `defaultNetwork`. Throws `UNKNOWN_NETWORK`. */
  protected async network(): Promise<ResolvedNetworkConfig> {
    return resolveNetwork(await this.loadConfig(), this.flags.network);
  }

  /** A session on the chosen network (`--network`, else the config's default), signing as the active account. */
  protected async walrusSession(): Promise<WalrusSession> {
    return openWalrusSession(await this.loadConfig(), this.flags.network);
  }

  /** A progress or status line for humans, on stderr (kept under `--json`, where stdout is reserved). */
  protected progress(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  /** A line shown only with `--verbose`, on stderr. */
  protected detail(message: string): void {
    if (this.flags?.verbose) process.stderr.write(`${message}\n`);
  }

  /** Errors are rendered once, by the top-level handler; oclif's own printing is bypassed. */
  protected override async catch(error: Interfaces.CommandError): Promise<never> {
    throw error;
  }

  protected override logJson(json: unknown): void {
    process.stdout.write(`${toJson(json)}\n`);
  }

  protected override async _run<R>(): Promise<R> {
    const result = await super._run<R>();
    // oclif prints only truthy results; keep "one JSON document" for commands that return nothing, 0 or false.
    if (!result && this.jsonEnabled()) this.logJson(result ?? {});
    return result;
  }
}

const HELP_HINT = 'Add --help to the command to see its usage.';

/**
 * oclif's integer flag errors (`Parsing --nodes  Expected an integer less than or equal to 64 but received: 99`)
 * in the style of every other range error of the CLI and the config: `--nodes must be an integer between 1 and 64
 * (got 99).`
 */
function integerFlagError(error: unknown, flags: Interfaces.FlagInput | undefined): UserError | undefined {
  const message = error instanceof Error ? error.message : '';
  const match = /Parsing --([\w-]+)\s+Expected an integer.* but received: (.*)$/m.exec(message);
  if (!match) return undefined;
  const [, name, got] = match as unknown as [string, string, string];
  const flag = flags?.[name] as { min?: number; max?: number } | undefined;
  const min = flag?.min;
  const max = flag?.max;
  const range =
    min !== undefined && max !== undefined
      ? ` between ${min} and ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : '';
  return new UserError(
    ErrorCode.InvalidArguments,
    `--${name} must be an integer${range} (got ${got.trim()}).`,
    {
      hint: HELP_HINT,
      cause: error,
    },
  );
}

/**
 * oclif's flag-rule errors in plain words: `Missing required flag node` → `--node is required: <its description>`,
 * `--a=true cannot also be provided when using --b` → `--a and --b cannot be used together.`
 */
function flagRuleError(error: unknown, flags: Interfaces.FlagInput | undefined): UserError | undefined {
  const message = error instanceof Error ? error.message : '';
  const missing = /Missing required flag ([\w-]+)/.exec(message);
  if (missing) {
    const name = missing[1]!;
    const description = (flags?.[name] as { description?: string } | undefined)?.description;
    return new UserError(
      ErrorCode.InvalidArguments,
      `--${name} is required${description ? `: ${description.replace(/\.$/, '')}` : ''}.`,
      { hint: HELP_HINT, cause: error },
    );
  }
  const noValue = /Flag --([\w-]+) expects a value/.exec(message);
  if (noValue) {
    const name = noValue[1]!;
    const flag = flags?.[name] as { description?: string; helpValue?: string } | undefined;
    return new UserError(
      ErrorCode.InvalidArguments,
      `--${name} needs a value${flag?.description ? `: ${flag.description.replace(/\.$/, '')}` : ''}.`,
      { hint: HELP_HINT, cause: error },
    );
  }
  const exclusive = /--([\w-]+)=\S+ cannot also be provided when using --([\w-]+)/.exec(message);
  if (exclusive) {
    return new UserError(
      ErrorCode.InvalidArguments,
      `--${exclusive[2]} and --${exclusive[1]} cannot be used together.`,
      { hint: 'Pass one of them.', cause: error },
    );
  }
  return undefined;
}
