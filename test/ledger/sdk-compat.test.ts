import { bcs } from '@mysten/sui/bcs';
import { requestSuiFromFaucetV2 } from '@mysten/sui/faucet';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountKeypair } from '../../devnet/devnet-accounts.js';
import { parseMoveType } from '../../devnet/ledger/core/move/type-parser.js';
import type { NativeModule } from '../../devnet/ledger/core/natives/native-types.js';
import type { LedgerInstance } from '../../devnet/ledger/start-ledger.js';
import { startTestLedger } from './fixtures/test-ledger.js';

const SUI = 1_000_000_000n;
const TEST_PKG = '0x00000000000000000000000000000000000000000000000000000000000000ab';

/** A tiny native module so the tests can create dynamic fields through a Move call. */
const holderModule: NativeModule = {
  address: TEST_PKG,
  name: 'holder',
  structs: [
    {
      address: TEST_PKG,
      module: 'holder',
      name: 'Holder',
      typeParams: [],
      abilities: ['key', 'store'],
      fields: [{ name: 'id', type: 'UID' }],
    },
  ],
  functions: [
    {
      // Receives a coin sent to the holder's address, as a Move function calling transfer::public_receive would.
      name: 'take_coin',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&mut Holder', '0x2::transfer::Receiving<Coin<SUI>>'],
      returns: ['Coin<SUI>'],
      impl: (ctx, [holder, ticket]) => {
        const parent = (holder as { id: { id: { bytes: string } } }).id.id.bytes;
        return [ctx.receive(parent, ticket, parseMoveType('0x2::coin::Coin<0x2::sui::SUI>'))];
      },
    },
    {
      name: 'new',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&mut TxContext'],
      returns: ['Holder'],
      impl: (ctx) => [{ id: { id: { bytes: ctx.freshId() } } }],
    },
    {
      name: 'set',
      visibility: 'public',
      isEntry: false,
      typeParams: [],
      params: ['&mut Holder', 'u64', 'u64'],
      returns: [],
      impl: (ctx, [holder, key, value]) => {
        const field = ctx.layouts; // keep the native honest: go through dynamic_field's own logic
        void field;
        const uid = (holder as { id: { id: { bytes: string } } }).id;
        const nameType = { kind: 'u64' } as const;
        const id = deriveChild(uid.id.bytes, key as bigint);
        if (ctx.children.exists(uid.id.bytes, id)) {
          (ctx.children.borrow(uid.id.bytes, id, fieldType()) as { value: bigint }).value = value as bigint;
        } else {
          ctx.children.add(uid.id.bytes, id, fieldType(), { id: { id: { bytes: id } }, name: key, value });
        }
        void nameType;
        return [];
      },
    },
  ],
};

import { deriveDynamicFieldID } from '@mysten/sui/utils';

function deriveChild(parent: string, key: bigint): string {
  return deriveDynamicFieldID(parent, 'u64', bcs.u64().serialize(key).toBytes());
}
function fieldType() {
  return {
    kind: 'struct' as const,
    address: '0x0000000000000000000000000000000000000000000000000000000000000002',
    module: 'dynamic_field',
    name: 'Field',
    typeArgs: [{ kind: 'u64' as const }, { kind: 'u64' as const }],
  };
}

let node: LedgerInstance;

beforeAll(async () => {
  node = await startTestLedger({ accounts: 3, ledger: { modules: [holderModule] } });
});
afterAll(async () => {
  await node?.stop();
});

for (const mode of ['http', 'in-process'] as const) {
  describe(`SuiGrpcClient over ${mode}`, () => {
    const client = () =>
      mode === 'http'
        ? new SuiGrpcClient({ network: 'localnet', baseUrl: node.rpcUrl })
        : new SuiGrpcClient({ network: 'localnet', transport: node.transport });

    it('reads chain facts', async () => {
      const c = client();
      expect((await c.core.getChainIdentifier()).chainIdentifier).toBe(node.chainId);
      expect((await c.core.getReferenceGasPrice()).referenceGasPrice).toBe('1000');
      const { systemState } = await c.core.getCurrentSystemState();
      expect(systemState.epoch).toBe(node.ledger.state.meta.epoch.toString());
    });

    it('serves the feature flags and attributes of the Sui protocol version it reports', async () => {
      const { protocolConfig } = await client().core.getProtocolConfig();
      expect(protocolConfig.protocolVersion).toBe('100');
      // Values of Sui's own snapshot of mainnet protocol version 100.
      expect(Object.keys(protocolConfig.featureFlags)).toHaveLength(101);
      expect(protocolConfig.featureFlags).toMatchObject({ enable_effects_v2: true, receive_objects: true });
      expect(Object.keys(protocolConfig.attributes)).toHaveLength(301);
      expect(protocolConfig.attributes).toMatchObject({
        max_tx_gas: '50000000000000',
        storage_gas_price: '76',
        storage_rebate_rate: '9900',
        max_txn_cost_overage_per_object_in_commit: '18446744073709551615',
      });
      const { systemState } = await client().core.getCurrentSystemState();
      expect(systemState.protocolVersion).toBe(protocolConfig.protocolVersion);
    });

    it('funds an address with five 200-SUI faucet coins, as Sui does, so one can be sent whole', async () => {
      const c = client();
      const fresh = Ed25519Keypair.generate();
      const response = await requestSuiFromFaucetV2({
        host: node.faucetUrl,
        recipient: fresh.toSuiAddress(),
      });
      expect(response.status).toBe('Success');
      const sent = response.coins_sent ?? [];
      expect(sent.map((coin) => coin.amount)).toEqual(new Array(5).fill(Number(200n * SUI)));
      const { objects: coins } = await c.core.listCoins({ owner: fresh.toSuiAddress() });
      expect(coins.map((coin) => coin.objectId).sort()).toEqual(sent.map((s) => s.id).sort());
      expect(coins.every((coin) => coin.balance === (200n * SUI).toString())).toBe(true);

      // Transfer one faucet coin as it is; gas comes from another one.
      const recipient = Ed25519Keypair.generate().toSuiAddress();
      const tx = new Transaction();
      tx.transferObjects([tx.object(coins[0]!.objectId)], recipient);
      const result = await c.core.signAndExecuteTransaction({
        transaction: tx,
        signer: fresh,
        include: { effects: true, balanceChanges: true },
      });
      expect(result.$kind).toBe('Transaction');
      await c.core.waitForTransaction({ result });
      expect((await c.core.getBalance({ owner: recipient })).balance.balance).toBe((200n * SUI).toString());
      const after = BigInt((await c.core.getBalance({ owner: fresh.toSuiAddress() })).balance.balance);
      const effects = result.Transaction!.effects!;
      const gas =
        BigInt(effects.gasUsed.computationCost) +
        BigInt(effects.gasUsed.storageCost) -
        BigInt(effects.gasUsed.storageRebate);
      expect(after).toBe(800n * SUI - gas);
      const fetched = await c.core.getTransaction({
        digest: result.Transaction!.digest,
        include: { effects: true },
      });
      expect(fetched.Transaction?.digest).toBe(result.Transaction!.digest);
    });

    it('getObject with include.json serves the Move fields as Sui does (Coin, Clock)', async () => {
      const c = client();
      const owner = node.accounts[0]!.address;
      const [coin] = (await c.core.listCoins({ owner })).objects;
      const { object } = await c.core.getObject({ objectId: coin!.objectId, include: { json: true } });
      expect(object.json).toEqual({ id: coin!.objectId, balance: coin!.balance });
      const clock = await c.core.getObject({ objectId: '0x6', include: { json: true } });
      expect(clock.object.json).toEqual({
        id: `0x${'0'.repeat(63)}6`,
        timestamp_ms: expect.stringMatching(/^\d+$/),
      });
      // Without the include, the reply carries no JSON (as Sui's default read mask).
      expect((await c.core.getObject({ objectId: coin!.objectId })).object.json).toBeUndefined();
    });

    it('splits and merges coins, lists coins, balances and objects', async () => {
      const c = client();
      const signer = accountKeypair(node.accounts[mode === 'http' ? 1 : 2]!);
      const owner = signer.toSuiAddress();
      const split = new Transaction();
      const parts = split.splitCoins(split.gas, [SUI, SUI, SUI]);
      split.transferObjects([parts[0]!, parts[1]!, parts[2]!], owner);
      await c.core.signAndExecuteTransaction({ transaction: split, signer });
      const { objects: coins } = await c.core.listCoins({ owner });
      expect(coins.length).toBeGreaterThanOrEqual(4);
      const small = coins.filter((coin) => coin.balance === SUI.toString());
      expect(small).toHaveLength(3);

      const merge = new Transaction();
      merge.mergeCoins(merge.object(small[0]!.objectId), [
        merge.object(small[1]!.objectId),
        merge.object(small[2]!.objectId),
      ]);
      await c.core.signAndExecuteTransaction({ transaction: merge, signer });
      const afterMerge = await c.core.listCoins({ owner });
      expect(afterMerge.objects.some((coin) => coin.balance === (3n * SUI).toString())).toBe(true);

      const { balances } = await c.core.listBalances({ owner });
      expect(balances).toHaveLength(1);
      expect(balances[0]!.coinType).toContain('::sui::SUI');
      const owned = await c.core.listOwnedObjects({ owner, type: '0x2::coin::Coin' });
      expect(owned.objects.length).toBe(afterMerge.objects.length);
      const { objects } = await c.core.getObjects({ objectIds: [owned.objects[0]!.objectId, '0x1234'] });
      expect(objects[0]).not.toBeInstanceOf(Error);
      expect(objects[1]).toBeInstanceOf(Error);
    });

    it('simulates with and without a gas payment', async () => {
      const c = client();
      const signer = accountKeypair(node.accounts[0]!);
      const tx = new Transaction();
      tx.setSender(signer.toSuiAddress());
      const [coin] = tx.splitCoins(tx.gas, [SUI]);
      tx.transferObjects([coin!], signer.toSuiAddress());
      const simulated = await c.core.simulateTransaction({ transaction: tx, include: { effects: true } });
      expect(simulated.$kind).toBe('Transaction');
      const bytes = await tx.build({ client: c });
      const data = bcs.TransactionData.parse(bytes);
      expect(Number(data.V1!.gasData.budget)).toBeGreaterThan(0);
      expect(data.V1!.gasData.payment.length).toBeGreaterThan(0);

      const kindOnly = new Transaction();
      kindOnly.setSender(signer.toSuiAddress());
      kindOnly.splitCoins(kindOnly.gas, [1n]);
      const probe = await c.core.simulateTransaction({ transaction: kindOnly, include: { effects: true } });
      // An unused coin without drop fails, exactly as on Sui, and the client sees the failure.
      expect(probe.$kind).toBe('FailedTransaction');
    });

    it('describes native Move functions', async () => {
      const c = client();
      const { function: fn } = await c.core.getMoveFunction({
        packageId: '0x2',
        moduleName: 'coin',
        name: 'split',
      });
      expect(fn.parameters).toHaveLength(3);
      expect(fn.parameters[0]!.reference).toBe('mutable');
      expect(fn.returns[0]!.body.$kind).toBe('datatype');
      await expect(
        c.core.getMoveFunction({ packageId: '0x2', moduleName: 'coin', name: 'nope' }),
      ).rejects.toThrow(/NOT_FOUND|not found/i);
    });

    it('lists and reads dynamic fields', async () => {
      const c = client();
      const signer = accountKeypair(node.accounts[0]!);
      const create = new Transaction();
      const holder = create.moveCall({ target: `${TEST_PKG}::holder::new` });
      create.moveCall({
        target: `${TEST_PKG}::holder::set`,
        arguments: [holder, create.pure.u64(7), create.pure.u64(42)],
      });
      create.transferObjects([holder], signer.toSuiAddress());
      const result = await c.core.signAndExecuteTransaction({
        transaction: create,
        signer,
        include: { effects: true },
      });
      const holderId = result
        .Transaction!.effects!.changedObjects.filter((o) => o.idOperation === 'Created')
        .map((o) => o.objectId)
        .find((id) => node.ledger.state.object(id)?.type.endsWith('::holder::Holder'))!;
      const { dynamicFields } = await c.core.listDynamicFields({ parentId: holderId });
      expect(dynamicFields).toHaveLength(1);
      const { dynamicField } = await c.core.getDynamicField({
        parentId: holderId,
        name: { type: 'u64', bcs: bcs.u64().serialize(7).toBytes() },
      });
      expect(bcs.u64().parse(dynamicField.value.bcs)).toBe('42');

      // Send a coin to the holder object's address, then receive it through a Receiving input.
      const send = new Transaction();
      send.transferObjects([send.splitCoins(send.gas, [123n])[0]!], holderId);
      const sent = await c.core.signAndExecuteTransaction({
        transaction: send,
        signer,
        include: { effects: true },
      });
      const coinId = sent.Transaction!.effects!.changedObjects.find(
        (o) => o.idOperation === 'Created' && o.objectId !== holderId,
      )!.objectId;
      const receive = new Transaction();
      const coin = receive.moveCall({
        target: `${TEST_PKG}::holder::take_coin`,
        arguments: [receive.object(holderId), receive.object(coinId)],
      });
      receive.transferObjects([coin], signer.toSuiAddress());
      const received = await c.core.signAndExecuteTransaction({ transaction: receive, signer });
      expect(received.$kind).toBe('Transaction');
      const owner = node.ledger.state.object(coinId)!.owner;
      expect(owner).toEqual({ kind: 'address', address: signer.toSuiAddress() });
    });

    it('simulates pre-built bytes that carry their gas payment', async () => {
      const c = client();
      const signer = accountKeypair(node.accounts[0]!);
      const { objects: coins } = await c.core.listCoins({ owner: signer.toSuiAddress() });
      const objects = [...coins].sort((a, b) => Number(BigInt(b.balance) - BigInt(a.balance)));
      const tx = new Transaction();
      tx.setSender(signer.toSuiAddress());
      tx.setGasPrice(1000);
      tx.setGasBudget(10_000_000);
      tx.setGasPayment([
        { objectId: objects[0]!.objectId, version: objects[0]!.version, digest: objects[0]!.digest },
      ]);
      tx.transferObjects([tx.splitCoins(tx.gas, [5n])[0]!], signer.toSuiAddress());
      const bytes = await tx.build();
      const result = await c.core.simulateTransaction({ transaction: bytes, include: { effects: true } });
      expect(result.$kind).toBe('Transaction');
      expect(result.Transaction!.effects!.gasObject?.objectId).toBe(objects[0]!.objectId);
      // A simulation changes nothing.
      expect(node.ledger.state.object(objects[0]!.objectId)!.version.toString()).toBe(objects[0]!.version);
    });
  });
}

describe('forking service', () => {
  it('advances the clock through SuiGrpcClient.forkingService', async () => {
    const c = new SuiGrpcClient({ network: 'localnet', baseUrl: node.rpcUrl });
    const before = (await c.forkingService.getStatus({})).response;
    await c.forkingService.advanceClock({ durationMs: 60_000n });
    const after = (await c.forkingService.getStatus({})).response;
    expect(after.timestampMs - before.timestampMs).toBeGreaterThanOrEqual(60_000n);
    expect(after.checkpointSequenceNumber).toBeGreaterThan(before.checkpointSequenceNumber);
  });
});

describe('subscriptions', () => {
  it('streams new checkpoints with their transactions and events', async () => {
    const c = new SuiGrpcClient({ network: 'localnet', baseUrl: node.rpcUrl });
    const abort = new AbortController();
    const stream = c.subscriptionService.subscribeCheckpoints({}, { abort: abort.signal });
    const received: Array<{ cursor: bigint; transactions: number }> = [];
    const reading = (async () => {
      try {
        for await (const message of stream.responses) {
          received.push({
            cursor: message.cursor!,
            transactions: message.checkpoint?.transactions.length ?? 0,
          });
          if (received.length === 2) abort.abort();
        }
      } catch (error) {
        if (!abort.signal.aborted) throw error;
      }
    })();
    // The stream starts with the first checkpoint after the subscription is in place, which the client cannot
    // observe: make checkpoints (one transaction each) until two have arrived.
    const signer = accountKeypair(node.accounts[1]!);
    for (let sent = 0; received.length < 2 && sent < 50; sent++) {
      const tx = new Transaction();
      tx.transferObjects([tx.splitCoins(tx.gas, [1n])[0]!], signer.toSuiAddress());
      await c.core.signAndExecuteTransaction({ transaction: tx, signer });
    }
    await reading;
    expect(received).toHaveLength(2);
    expect(received.map((m) => m.transactions)).toEqual([1, 1]);
    expect(received[1]!.cursor - received[0]!.cursor).toBe(1n);
    const { response } = await c.ledgerService.getCheckpoint({
      checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: received[1]!.cursor },
    });
    expect(response.checkpoint?.transactions[0]?.digest).toBeDefined();
  });
});

describe('checkpoint read masks', () => {
  it('gives only the digests and events a chain follower asks for, and everything without a mask', async () => {
    const c = new SuiGrpcClient({ network: 'localnet', baseUrl: node.rpcUrl });
    const signer = accountKeypair(node.accounts[1]!);
    const tx = new Transaction();
    tx.transferObjects([tx.splitCoins(tx.gas, [1n])[0]!], signer.toSuiAddress());
    const executed = await c.core.signAndExecuteTransaction({ transaction: tx, signer });
    const digest = executed.Transaction!.digest;
    const sequence = node.ledger.state.transaction(digest)!.checkpoint;
    const checkpointId = { oneofKind: 'sequenceNumber' as const, sequenceNumber: sequence };

    const full = (await c.ledgerService.getCheckpoint({ checkpointId })).response.checkpoint!;
    const masked = (
      await c.ledgerService.getCheckpoint({
        checkpointId,
        readMask: {
          paths: ['sequence_number', 'digest', 'summary', 'transactions.digest', 'transactions.events'],
        },
      })
    ).response.checkpoint!;
    expect(full.transactions[0]?.effects).toBeDefined();
    expect(full.transactions[0]?.transaction).toBeDefined();
    expect(masked.digest).toBe(full.digest);
    expect(masked.summary).toEqual(full.summary);
    expect(masked.transactions.map((t) => t.digest)).toEqual([digest]);
    expect(masked.transactions[0]?.events).toEqual(full.transactions[0]?.events);
    expect(masked.transactions[0]?.effects).toBeUndefined();
    expect(masked.transactions[0]?.transaction).toBeUndefined();

    // A mask that asks for effects gets them.
    const withEffects = (
      await c.ledgerService.getCheckpoint({
        checkpointId,
        readMask: { paths: ['transactions.digest', 'transactions.effects'] },
      })
    ).response.checkpoint!;
    expect(withEffects.transactions[0]?.effects).toEqual(full.transactions[0]?.effects);
  });
});
