import { GrpcTypes } from '@mysten/sui/grpc';
import { describe, expect, it } from 'vitest';
import { checkpointToProto } from '../../../devnet/ledger/rpc/convert/index.js';
import { fakeDigest } from './helpers.js';

describe('checkpointToProto', () => {
  it('carries sequence number, digest, summary and contents', () => {
    const record = {
      sequenceNumber: 5n,
      digest: fakeDigest('cp5'),
      epoch: 2n,
      timestampMs: 1_700_000_000_250n,
      transactions: [fakeDigest('tx1'), fakeDigest('tx2')],
      previousDigest: fakeDigest('cp4'),
    };
    const proto = checkpointToProto(record, {
      totalNetworkTransactions: 42n,
      effectsDigests: new Map([[fakeDigest('tx1'), fakeDigest('fx1')]]),
    });
    const decoded = GrpcTypes.Checkpoint.fromBinary(GrpcTypes.Checkpoint.toBinary(proto));
    expect(decoded).toEqual(proto);
    expect(decoded.sequenceNumber).toBe(5n);
    expect(decoded.digest).toBe(record.digest);
    expect(decoded.summary).toMatchObject({
      digest: record.digest,
      epoch: 2n,
      sequenceNumber: 5n,
      previousDigest: fakeDigest('cp4'),
      totalNetworkTransactions: 42n,
      timestamp: { seconds: 1_700_000_000n, nanos: 250_000_000 },
    });
    expect(decoded.contents?.transactions.map((t) => [t.transaction, t.effects])).toEqual([
      [fakeDigest('tx1'), fakeDigest('fx1')],
      [fakeDigest('tx2'), undefined],
    ]);
    expect(
      checkpointToProto({ ...record, previousDigest: undefined }).summary?.previousDigest,
    ).toBeUndefined();
  });
});
