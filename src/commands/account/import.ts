import { readFileSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { importKeys } from '../../accounts/account-store.js';
import { defaultSuiKeystorePath, readSuiKeystore } from '../../accounts/keys.js';
import { BaseCommand } from '../../cli/base-command.js';
import { ErrorCode } from '../../errors/codes.js';
import { UserError } from '../../errors/user-error.js';

export default class AccountImport extends BaseCommand<typeof AccountImport> {
  static override summary = 'Import a key (suiprivkey…) or every key of a Sui keystore into this project.';

  static override description =
    'Keys are stored in accounts.json (mode 0600) in the walrus home: .walrus/ under the project, or $WALRUS_HOME when set; never printed. A key passed as an argument is visible in your shell history: prefer --stdin.';

  static override examples = [
    'echo suiprivkey1… | <%= config.bin %> account import --stdin',
    '<%= config.bin %> account import --keystore ~/.sui/sui_config/sui.keystore',
  ];

  static override args = {
    key: Args.string({
      description:
        'A `suiprivkey1…` private key; with --keystore, the keystore file (default: the Sui CLI one).',
    }),
  };

  static override flags = {
    stdin: Flags.boolean({ description: 'Read the key from standard input.' }),
    // A boolean, so `--keystore` alone works (the path, when given, is the argument): `--keystore [path]`.
    keystore: Flags.boolean({
      description:
        'Import every key of a Sui CLI keystore: the file given, else ~/.sui/sui_config/sui.keystore.',
    }),
  };

  async run(): Promise<{ imported: string[] }> {
    const config = await this.loadConfig();
    let secrets: string[];
    if (this.flags.keystore) {
      secrets = readSuiKeystore(this.args.key || defaultSuiKeystorePath());
    } else if (this.flags.stdin) {
      // oclif hands piped input to a missing argument already; read the pipe only if it did not.
      secrets = (this.args.key ?? readFileSync(0, 'utf8')).split(/\s+/).filter(Boolean);
    } else if (this.args.key) {
      secrets = [this.args.key];
    } else {
      throw new UserError(
        ErrorCode.InvalidArguments,
        'Nothing to import: pass a key, --stdin or --keystore [path].',
        { hint: 'For example: echo suiprivkey1… | walrus account import --stdin' },
      );
    }
    const imported = importKeys(config, secrets);
    if (!this.jsonEnabled()) for (const address of imported) this.log(`Imported ${address}`);
    return { imported };
  }
}
