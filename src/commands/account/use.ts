import { Args } from '@oclif/core';
import { chooseAccount } from '../../accounts/account-store.js';
import { BaseCommand } from '../../cli/base-command.js';
import { findRunningDevnet } from '../../dev/devnet-paths.js';

export default class AccountUse extends BaseCommand<typeof AccountUse> {
  static override summary = 'Choose the account that signs (a devnet account index or a known address).';

  static override examples = ['<%= config.bin %> account use 2', '<%= config.bin %> account use 0x3f…'];

  static override args = {
    account: Args.string({
      description: 'Devnet account index, or an address whose key is known.',
      required: true,
    }),
  };

  async run(): Promise<{ address: string; source: string }> {
    const config = await this.loadConfig();
    const running = findRunningDevnet(config);
    const descriptor = running && 'descriptor' in running ? running.descriptor : undefined;
    const key = chooseAccount(config, descriptor, this.args.account);
    if (!this.jsonEnabled()) this.log(`Signing with ${key.address} (${key.source}).`);
    return { address: key.address, source: key.source };
  }
}
