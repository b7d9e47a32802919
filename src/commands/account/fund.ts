import { requestSuiFromFaucetV2 } from '@mysten/sui/faucet';
import { isValidSuiAddress, normalizeSuiAddress } from '@mysten/sui/utils';
import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { connect } from '../../clients/connect.js';
import { adminRequest } from '../../dev/admin-client.js';
import { ErrorCode } from '../../errors/codes.js';
import { NetworkError } from '../../errors/network-error.js';
import { UserError } from '../../errors/user-error.js';
import { parseWal } from '../../stake/stake-ops.js';
import { formatToken } from '../../util/format.js';

export default class AccountFund extends BaseCommand<typeof AccountFund> {
  static override summary = 'Send SUI (faucet) and/or WAL to an address on the devnet.';

  static override description =
    "The faucet sends 5 coins of 200 SUI per request (POST /v2/gas), as Sui's faucet does. --wal sends WAL from the devnet's Walrus deployer (through its admin API). Without --sui or --wal, sends SUI.";

  static override examples = [
    '<%= config.bin %> account fund 0x3f…',
    '<%= config.bin %> account fund 0x3f… --wal 500',
    '<%= config.bin %> account fund 0x3f… --sui --times 3 --wal 50 --json',
  ];

  static override args = {
    address: Args.string({ description: 'Address to fund.', required: true }),
  };

  static override flags = {
    times: Flags.integer({ description: 'Number of faucet requests.', default: 1, min: 1, max: 100 }),
    sui: Flags.boolean({ description: 'Send SUI from the faucet (the default when --wal is not given).' }),
    wal: Flags.string({ description: 'Send this much WAL, e.g. 100 or 2.5.' }),
  };

  async run(): Promise<{
    address: string;
    coins: Array<{ id: string; amount: string; digest: string }>;
    wal: { amount: string; digest: string } | null;
  }> {
    const address = normalizeSuiAddress(this.args.address);
    if (!isValidSuiAddress(address)) {
      throw new UserError(ErrorCode.InvalidArguments, `"${this.args.address}" is not a Sui address.`, {
        hint: 'An address is 0x followed by up to 64 hex digits; `walrus account list` shows the devnet accounts.',
      });
    }
    const config = await this.loadConfig();
    const { descriptor, network } = await connect(config, this.flags.network);
    if (!descriptor) {
      throw new UserError(
        ErrorCode.InvalidArguments,
        `There is no faucet walrus-devkit can use on ${network.name}.`,
        {
          hint: 'Fund testnet addresses at https://faucet.sui.io; mainnet has no faucet.',
        },
      );
    }
    const coins: Array<{ id: string; amount: string; digest: string }> = [];
    const sendSui = this.flags.sui || this.flags.wal === undefined;
    for (let i = 0; sendSui && i < this.flags.times; i++) {
      try {
        const response = await requestSuiFromFaucetV2({ host: descriptor.faucetUrl, recipient: address });
        for (const coin of response.coins_sent ?? []) {
          coins.push({ id: coin.id, amount: String(coin.amount), digest: coin.transferTxDigest });
        }
      } catch (error) {
        throw new NetworkError(
          ErrorCode.NetworkError,
          `The faucet at ${descriptor.faucetUrl} failed: ${(error as Error).message}`,
        );
      }
    }
    const walAmount = this.flags.wal === undefined ? undefined : parseWal(this.flags.wal, '--wal');
    const wal =
      walAmount === undefined
        ? null
        : await adminRequest<{ amount: string; digest: string }>(descriptor, 'POST', '/wal', {
            address,
            amount: walAmount.toString(),
          }).catch((error: unknown) => {
            // The admin API names its JSON field; the user typed --wal.
            if (error instanceof UserError && error.message.includes('"amount"')) {
              throw new UserError(
                ErrorCode.InvalidArguments,
                error.message.replace('"amount"', `--wal ${this.flags.wal}`),
                { hint: 'Send less per command (run it again for more).' },
              );
            }
            throw error;
          });
    if (!this.jsonEnabled()) {
      const total = coins.reduce((sum, c) => sum + BigInt(c.amount), 0n);
      if (sendSui) this.log(`Sent ${total / 1_000_000_000n} SUI to ${address} in ${coins.length} coin(s).`);
      if (wal) this.log(`Sent ${formatToken(wal.amount, 'WAL')} to ${address}.`);
    }
    return { address, coins, wal };
  }
}
