// The chaos suite's pure logic: the seeded PRNG (a seed replays), the fault budget (never more than f shards'
// worth faulty), the judging of failures, the status comparison and the report. Fast and deterministic.
import { describe, expect, it } from 'vitest';
import { chainStatus, nodeStatus, sameStatus } from '../../devnet/chaos/blob-status-summary.js';
import { Prng, parseSeed } from '../../devnet/chaos/prng.js';
import { countProblems, emptyReport, expectedCause, formatReport } from '../../devnet/chaos/report.js';
import {
  FAULT_KINDS,
  FaultBudget,
  faultTolerance,
  parseFaultKinds,
  planFault,
} from '../../devnet/chaos/schedule.js';
import {
  blobContent,
  certificateEpochEnded,
  certificateUnderweight,
  pickSize,
} from '../../devnet/chaos/workload.js';

describe('Prng', () => {
  it('replays the same sequence for the same seed, another for another seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('forks independent, reproducible streams', () => {
    const one = new Prng(7).fork('writer 0');
    const again = new Prng(7).fork('writer 0');
    const other = new Prng(7).fork('writer 1');
    const first = Array.from({ length: 10 }, () => one.int(0, 1000));
    expect(Array.from({ length: 10 }, () => again.int(0, 1000))).toEqual(first);
    expect(Array.from({ length: 10 }, () => other.int(0, 1000))).not.toEqual(first);
  });

  it('keeps int() within bounds and covers them', () => {
    const rng = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = rng.int(3, 9);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(9);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('parses --seed values and refuses others', () => {
    expect(parseSeed('42')).toBe(42);
    expect(parseSeed('0xff')).toBe(255);
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(parseSeed('4294967296')).toBeUndefined();
    expect(parseSeed('-1')).toBeUndefined();
    expect(parseSeed('abc')).toBeUndefined();
  });

  it('gives blob contents that depend only on seed and index', () => {
    expect(blobContent(5, 3, 1000)).toEqual(blobContent(5, 3, 1000));
    expect(blobContent(5, 3, 1000)).not.toEqual(blobContent(5, 4, 1000));
    expect(blobContent(5, 3, 0)).toHaveLength(0);
    expect(blobContent(5, 3, 7)).toHaveLength(7);
  });

  it('picks sizes from 0 B to the maximum', () => {
    const rng = new Prng(9);
    const sizes = Array.from({ length: 3000 }, () => pickSize(rng, 8 * 1024 * 1024));
    expect(Math.min(...sizes)).toBe(0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(sizes.some((s) => s > 2 * 1024 * 1024)).toBe(true);
  });
});

describe('fault budget', () => {
  it('is f = ⌊(n_shards − 1) / 3⌋', () => {
    expect(faultTolerance(100)).toBe(33);
    expect(faultTolerance(10)).toBe(3);
    expect(faultTolerance(4)).toBe(1);
  });

  it('never lets the scheduler fault more than f shards at once', () => {
    // 7 nodes of 100 shards, uneven as after stake moves.
    const shards = [20, 18, 15, 14, 13, 11, 9];
    const shardsOf = (node: number) => shards[node]!;
    const budget = new FaultBudget(100);
    const rng = new Prng(123);
    let planned = 0;
    for (let step = 0; step < 5000; step++) {
      const plan = planFault(rng, FAULT_KINDS, shards.length, budget, shardsOf);
      if (plan && plan.kind !== 'stake') {
        budget.mark(plan.node, plan.kind);
        planned++;
      }
      expect(budget.faultyShards(shardsOf)).toBeLessThanOrEqual(budget.f);
      // Episodes end in some order.
      if (rng.chance(0.3)) {
        const entries = budget.entries();
        if (entries.length > 0) budget.clear(rng.pick(entries)[0]);
      }
    }
    expect(planned).toBeGreaterThan(100);
  });

  it('refuses a node already faulty and one that would pass f', () => {
    const budget = new FaultBudget(100);
    const shardsOf = (node: number) => [30, 10, 5][node]!;
    expect(budget.allows(0, shardsOf)).toBe(true);
    budget.mark(0, 'kill');
    expect(budget.allows(0, shardsOf)).toBe(false);
    expect(budget.allows(1, shardsOf)).toBe(false); // 30 + 10 > 33
    expect(budget.allows(2, shardsOf)).toBe(false); // 30 + 5 > 33
    budget.clear(0);
    expect(budget.allows(1, shardsOf)).toBe(true);
    budget.mark(1, 'wipe');
    budget.mark(2, 'slow');
    // Shards moved onto faulty nodes: over f is reported (failures then are expected).
    expect(budget.over(() => 20)).toBe(true);
    expect(budget.over(shardsOf)).toBe(false);
  });

  it("with the node count, keeps the SDK's status quorum: the healthy nodes but their largest hold > 2f", () => {
    // 7 nodes of 100 shards (f = 33): one faulty node leaves 85 or 86, minus the largest 15: > 66.
    const seven = (node: number) => (node < 2 ? 15 : 14);
    const budget = new FaultBudget(100, 7);
    expect(budget.allows(0, seven)).toBe(true);
    budget.mark(0, 'kill');
    // A second (29 ≤ f shards) would leave 71 − 15 = 56: the SDK's getVerifiedBlobStatus could not resolve.
    expect(budget.allows(2, seven)).toBe(false);
    expect(new FaultBudget(100).allows(2, (node) => (node === 0 ? 15 : 14))).toBe(true);
    // 5 nodes of 20: one down leaves 80 − 20 = 60, so none may be faulty; without the node count one may.
    expect(new FaultBudget(100, 5).allows(0, () => 20)).toBe(false);
    expect(new FaultBudget(100).allows(0, () => 20)).toBe(true);
  });

  it('replays the same plans for the same seed', () => {
    const plans = (seed: number) => {
      const rng = new Prng(seed);
      const budget = new FaultBudget(100);
      return Array.from({ length: 50 }, () => planFault(rng, FAULT_KINDS, 7, budget, () => 14));
    };
    expect(plans(5)).toEqual(plans(5));
    expect(plans(5)).not.toEqual(plans(6));
  });

  it('parses --faults and names what is not a fault', () => {
    expect(parseFaultKinds('kill, wipe,kill')).toEqual({ kinds: ['kill', 'wipe'] });
    expect(parseFaultKinds('kill,explode')).toEqual({ unknown: 'explode' });
  });
});

describe('judging failures', () => {
  const outages = { ledger: [{ from: 100, to: 200 }], overF: [{ from: 500, to: undefined }] };

  it('expects failures overlapping a ledger outage or an over-f time, and nothing else', () => {
    expect(expectedCause(150, 160, outages)).toBe('ledger-down');
    expect(expectedCause(50, 100, outages)).toBe('ledger-down');
    expect(expectedCause(600, 700, outages)).toBe('over-f');
    expect(expectedCause(201, 499, outages)).toBeUndefined();
  });

  it('counts findings and inconsistencies as problems, and prints the seed to replay', () => {
    const report = emptyReport({
      seed: 77,
      replay: 'walrus dev chaos --seed 77',
      nodes: 7,
      shards: 100,
      f: 33,
      epochDurationMs: 5000,
      faultKinds: ['kill'],
      ledgerKill: true,
    });
    expect(countProblems(report)).toBe(0);
    report.failures.findings.push({ operation: 'read', atMs: 1000, error: 'NotEnoughSliversReceivedError' });
    report.consistency.statusMismatches.push('node-1 on X: …');
    report.reads.byteMismatches = 1;
    expect(countProblems(report)).toBe(3);
    report.problems = countProblems(report);
    const text = formatReport(report);
    expect(text).toContain('FAIL (3 problems)');
    expect(text).toContain('walrus dev chaos --seed 77');
    expect(text).toContain('NotEnoughSliversReceivedError');
  });
});

describe('blob status summary', () => {
  it("aggregates the chain's objects as nodes do, and reads a node's JSON the same way", () => {
    const objects = [
      { deletable: false, certifiedEpoch: 3, endEpoch: 9 },
      { deletable: false, certifiedEpoch: null, endEpoch: 12 },
      { deletable: true, certifiedEpoch: 4, endEpoch: 8 },
    ];
    const chain = chainStatus(objects, 5);
    expect(chain).toEqual({
      kind: 'permanent',
      endEpoch: 9,
      isCertified: true,
      deletableTotal: 1,
      deletableCertified: 1,
    });
    const node = nodeStatus({
      permanent: {
        endEpoch: 9,
        isCertified: true,
        statusEvent: { txDigest: 'x', eventSeq: '0' },
        deletableCounts: { count_deletable_total: 1, count_deletable_certified: 1 },
        initialCertifiedEpoch: 3,
      },
    });
    expect(sameStatus(node, chain)).toBe(true);
    expect(sameStatus(nodeStatus('nonexistent'), chain)).toBe(false);
    expect(chainStatus(objects, 12)).toEqual({ kind: 'nonexistent' });
    expect(chainStatus([{ deletable: true, certifiedEpoch: null, endEpoch: 9 }], 5)).toEqual({
      kind: 'deletable',
      deletableTotal: 1,
      deletableCertified: 0,
    });
  });
});

describe('write retries', () => {
  it("recognises a certificate whose epoch ended (certify_blob's EIncorrectEpoch), and nothing else", () => {
    const stale = new Error(
      "Transaction resolution failed: MoveAbort in 1st command, abort code: 1, in '0xc9f1::messages::new_certified_message' (instruction 27)",
    );
    expect(certificateEpochEnded(stale)).toBe(true);
    expect(
      certificateEpochEnded(
        new Error("MoveAbort in 1st command, abort code: 2, in '0xc9f1::messages::new_certified_message'"),
      ),
    ).toBe(false);
    expect(certificateEpochEnded(new Error("abort code: 1, in '0x2::coin::split'"))).toBe(false);
    const underweight = new Error(
      "Transaction resolution failed: MoveAbort in 1st command, abort code: 2, in '0xc9f1::bls_aggregate::verify_certificate_and_weight'",
    );
    expect(certificateUnderweight(underweight)).toBe(true);
    expect(certificateEpochEnded(underweight)).toBe(false);
    expect(certificateUnderweight(stale)).toBe(false);
  });
});
