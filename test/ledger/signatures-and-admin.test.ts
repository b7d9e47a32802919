import type { Signer } from '@mysten/sui/cryptography';
import { requestSuiFromFaucetV2 } from '@mysten/sui/faucet';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Secp256k1Keypair } from '@mysten/sui/keypairs/secp256k1';
import { Secp256r1Keypair } from '@mysten/sui/keypairs/secp256r1';
import { MultiSigPublicKey, MultiSigSigner } from '@mysten/sui/multisig';
import { Transaction } from '@mysten/sui/transactions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerInstance } from '../../devnet/ledger/start-ledger.js';
import { startTestLedger } from './fixtures/test-ledger.js';

let node: LedgerInstance;
let client: SuiGrpcClient;

beforeAll(async () => {
  node = await startTestLedger({ accounts: 1 });
  client = new SuiGrpcClient({ network: 'localnet', baseUrl: node.rpcUrl });
});
afterAll(() => node?.stop());

async function admin(path: string, body?: unknown) {
  const response = await fetch(`${node.adminUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function sendFrom(signer: Signer, address: string) {
  await requestSuiFromFaucetV2({ host: node.faucetUrl, recipient: address });
  const tx = new Transaction();
  tx.setSender(address);
  tx.transferObjects([tx.splitCoins(tx.gas, [1000])[0]!], Ed25519Keypair.generate().toSuiAddress());
  const bytes = await tx.build({ client });
  const { signature } = await signer.signTransaction(bytes);
  return client.core.executeTransaction({ transaction: bytes, signatures: [signature] });
}

describe('signature schemes', () => {
  it.each([
    ['Secp256k1', new Secp256k1Keypair()],
    ['Secp256r1', new Secp256r1Keypair()],
  ])('accepts %s signatures', async (_name, keypair) => {
    const result = await sendFrom(keypair, keypair.toSuiAddress());
    expect(result.$kind).toBe('Transaction');
  });

  it('accepts a 2-of-3 multisig and refuses 1-of-3', async () => {
    const keys = [new Ed25519Keypair(), new Secp256k1Keypair(), new Secp256r1Keypair()];
    const multisig = MultiSigPublicKey.fromPublicKeys({
      threshold: 2,
      publicKeys: keys.map((k) => ({ publicKey: k.getPublicKey(), weight: 1 })),
    });
    const address = multisig.toSuiAddress();
    const result = await sendFrom(new MultiSigSigner(multisig, [keys[0]!, keys[2]!]), address);
    expect(result.$kind).toBe('Transaction');
    // The SDK will not make an under-threshold signature, so combine one partial signature by hand.
    const underThreshold: Pick<Signer, 'signTransaction'> = {
      signTransaction: async (bytes: Uint8Array) => {
        const partial = await keys[1]!.signTransaction(bytes);
        return { bytes: partial.bytes, signature: multisig.combinePartialSignatures([partial.signature]) };
      },
    };
    await expect(sendFrom(underThreshold as Signer, address)).rejects.toThrow(/Invalid signature/);
  });
});

describe('admin API', () => {
  it('reports status, mints, snapshots and reverts', async () => {
    const status = await admin('/status');
    expect(status.body.chainId).toBe(node.chainId);
    const who = Ed25519Keypair.generate().toSuiAddress();
    const snapshot = await admin('/snapshot', {});
    const minted = await admin('/mint', { address: who, amount: '1234' });
    expect(minted.status).toBe(200);
    expect((await client.core.getBalance({ owner: who })).balance.balance).toBe('1234');
    const reverted = await admin('/revert', { id: snapshot.body.id });
    expect(reverted.status).toBe(200);
    expect((await client.core.getBalance({ owner: who })).balance.balance).toBe('0');
    expect((await admin('/revert', { id: 99 })).status).toBe(404);
  });

  it('advances the epoch directly and by moving the clock past the epoch end', async () => {
    const before = BigInt((await client.core.getCurrentSystemState()).systemState.epoch!);
    expect((await admin('/advance-epoch', { count: 2 })).body.epoch).toBe((before + 2n).toString());
    await client.forkingService.advanceClock({ durationMs: node.ledger.epochDurationMs });
    expect(BigInt((await client.core.getCurrentSystemState()).systemState.epoch!)).toBe(before + 3n);
  });

  it('refuses bad admin requests with a reason', async () => {
    expect((await admin('/mint', { address: 'nope' })).body.error).toMatch(/address/);
    expect((await admin('/advance-clock', { ms: -1 })).status).toBe(400);
    expect((await admin('/nothing', {})).status).toBe(404);
  });
});
