import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { isValidSuiAddress, normalizeSuiAddress } from '@mysten/sui/utils';
import type { Ledger } from '../core/ledger.js';
import { SUI_COIN_TYPE } from '../core/natives/framework/values.js';
import { HttpError, readJson, sendJson } from './json-http.js';

/** SUI in each coin a faucet request sends: Sui's faucet default (crates/sui-faucet faucet_config.rs). */
export const DEFAULT_FAUCET_AMOUNT = 200_000_000_000n;
/** Coins one faucet request sends, as Sui's faucet does: a test can transfer one and still pay gas. */
export const DEFAULT_FAUCET_COINS = 5;

/** A coin the faucet sent. */
export interface FaucetCoin {
  coinId: string;
  digest: string;
  amount: bigint;
}

/**
 * The faucet: a funded genesis account that sends SUI with real, signed transfer transactions, so the
 * coins it hands out have an ordinary transaction behind them. A request (`POST /v2/gas`) sends
 * `coins` coins of `amount` each in one transaction, like Sui's faucet. Requests are serialized (one gas coin).
 */
export class Faucet {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ledger: Ledger,
    private readonly keypair: Ed25519Keypair,
    readonly amount: bigint = DEFAULT_FAUCET_AMOUNT,
    readonly coins: number = DEFAULT_FAUCET_COINS,
  ) {}

  get address(): string {
    return this.keypair.toSuiAddress();
  }

  /** Sends `amount` MIST to `recipient` in one new coin; resolves once the transfer is committed. */
  async send(recipient: string, amount: bigint = this.amount): Promise<FaucetCoin> {
    const [coin] = await this.#enqueue(recipient, [amount]);
    return coin!;
  }

  /** What one faucet request sends: `coins` new coins of `amount` MIST each, in one transaction. */
  request(recipient: string): Promise<FaucetCoin[]> {
    return this.#enqueue(recipient, new Array<bigint>(this.coins).fill(this.amount));
  }

  #enqueue(recipient: string, amounts: bigint[]): Promise<FaucetCoin[]> {
    const run = this.#queue.then(() => this.#send(normalizeSuiAddress(recipient), amounts));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #send(recipient: string, amounts: bigint[]): Promise<FaucetCoin[]> {
    const { state } = this.ledger;
    const gas = state
      .ownedBy(this.address)
      .map((id) => state.object(id)!)
      .find((o) => o.type === SUI_COIN_TYPE);
    if (!gas) throw new HttpError(503, 'The faucet has no SUI left');
    const tx = new Transaction();
    tx.setSender(this.address);
    tx.setGasPrice(state.meta.referenceGasPrice);
    tx.setGasBudget(50_000_000);
    tx.setGasPayment([{ objectId: gas.id, version: gas.version.toString(), digest: gas.digest }]);
    const coins = tx.splitCoins(tx.gas, amounts);
    tx.transferObjects(
      amounts.map((_, i) => coins[i]!),
      recipient,
    );
    const bytes = await tx.build();
    const { signature } = await this.keypair.signTransaction(bytes);
    const { record } = await this.ledger.execute(bytes, [signature]);
    if (!record.status.success) throw new HttpError(503, `Faucet transfer failed: ${record.status.message}`);
    // Every created coin holds one of the amounts; which holds which does not matter when they are equal.
    const created = record.changedObjects.filter(
      (c) => c.idOperation === 'created' && c.output?.owner.kind === 'address',
    );
    return created.map((c, i) => ({ coinId: c.id, digest: record.digest, amount: amounts[i]! }));
  }

  /** HTTP handler: `POST /v2/gas` and `POST /gas` with `{"FixedAmountRequest":{"recipient":"0x…"}}`. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-headers': 'content-type',
        });
        res.end();
        return;
      }
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/') {
        sendJson(res, 200, { status: 'ok', address: this.address, amount: this.amount, coins: this.coins });
        return;
      }
      if (req.method !== 'POST' || (path !== '/v2/gas' && path !== '/gas' && path !== '/v1/gas')) {
        throw new HttpError(404, 'Use POST /v2/gas with {"FixedAmountRequest":{"recipient":"0x…"}}');
      }
      const body = await readJson(req);
      const recipient = (body.FixedAmountRequest as { recipient?: unknown } | undefined)?.recipient;
      if (typeof recipient !== 'string' || !isValidSuiAddress(normalizeSuiAddress(recipient))) {
        throw new HttpError(
          400,
          'FixedAmountRequest.recipient must be a Sui address (0x + up to 64 hex digits)',
        );
      }
      const sent = await this.request(recipient);
      sendJson(res, 200, {
        status: 'Success',
        coins_sent: sent.map((c) => ({ amount: Number(c.amount), id: c.coinId, transferTxDigest: c.digest })),
      });
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      sendJson(res, status, { status: { Failure: { internal: (error as Error).message } } });
    }
  }
}
