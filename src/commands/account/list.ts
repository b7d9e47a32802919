import { activeKey, knownKeys } from '../../accounts/account-store.js';
import { BaseCommand } from '../../cli/base-command.js';
import { connect } from '../../clients/connect.js';
import { networkErrorFrom } from '../../errors/network-error.js';
import { alignColumns } from '../../ui/columns.js';
import { formatToken } from '../../util/format.js';

/** One row of `walrus account list --json`. Balances in MIST/FROST as decimal strings. */
export interface AccountRow {
  address: string;
  source: string;
  index?: number;
  active: boolean;
  sui: string;
  wal: string | null;
}

export default class AccountList extends BaseCommand<typeof AccountList> {
  static override summary = 'List the accounts the CLI can sign with, with SUI and WAL balances.';

  static override description =
    'Lists the devnet accounts (on the devnet), keys imported with `walrus account import`, and the Sui CLI keystore. The active account (the one that signs) is marked; change it with `walrus account use`.';

  static override examples = [
    '<%= config.bin %> account list',
    '<%= config.bin %> account list --network testnet --json',
  ];

  async run(): Promise<{ accounts: AccountRow[] }> {
    const config = await this.loadConfig();
    const { suiClient, descriptor } = await connect(config, this.flags.network);
    const keys = knownKeys(config, descriptor);
    const active = keys.length ? activeKey(config, descriptor).address : undefined;
    const walType = descriptor?.packages ? `${descriptor.packages.wal}::wal::WAL` : undefined;
    let accounts: AccountRow[];
    try {
      accounts = await Promise.all(
        keys.map(async (key) => {
          const [sui, wal] = await Promise.all([
            suiClient.core.getBalance({ owner: key.address }),
            walType ? suiClient.core.getBalance({ owner: key.address, coinType: walType }) : undefined,
          ]);
          return {
            address: key.address,
            source: key.source,
            ...(key.index !== undefined ? { index: key.index } : {}),
            active: key.address === active,
            sui: sui.balance.balance,
            wal: wal ? wal.balance.balance : null,
          };
        }),
      );
    } catch (error) {
      throw networkErrorFrom(error) ?? error;
    }
    if (!this.jsonEnabled()) {
      if (accounts.length === 0)
        this.log('No accounts. Import one with `walrus account import suiprivkey1…`.');
      const rows = accounts.map((a) => [
        a.active ? '*' : ' ',
        a.index !== undefined ? `(${a.index})` : `[${a.source}]`,
        a.address,
        formatToken(a.sui, 'SUI'),
        a.wal === null ? '' : formatToken(a.wal, 'WAL'),
      ]);
      if (rows.length) {
        const table = alignColumns([[' ', 'ACCOUNT', 'ADDRESS', 'SUI', 'WAL'], ...rows], [3, 4]);
        for (const line of table) this.log(line);
      }
    }
    return { accounts };
  }
}
