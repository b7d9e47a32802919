/**
 * Storage challenges (a devnet extension) through the built binary against a detached 4-node devnet:
 * `challenge trigger` passes honest nodes and fails a corrupt one, `list`, `show` and `config` report
 * and change the settings, and a blob stays readable throughout.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANY_PORTS, assertFreshBuild, runWalrus, type WalrusResult } from './devnet-project.js';

let project: string;
const walrus = (args: string[]): WalrusResult => runWalrus(project, args);

interface Outcome {
  round: string;
  epoch: number;
  nodes: Array<{ nodeId: string; passed: boolean; signersWeight: number; nShards: number; sampled: number }>;
}
let descriptor: { nodes: Array<{ nodeId: string }> };

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'walrus-challenge-e2e-'));
  assertFreshBuild();
  writeFileSync(
    join(project, 'walrus.config.json'),
    JSON.stringify({
      devnet: { nodes: 4, shards: 12, epochDuration: '1h', accounts: { count: 1 }, ports: ANY_PORTS },
    }),
  );
  const up = walrus(['dev', 'up', '--detach', '--json']);
  expect(up.code, up.stderr).toBe(0);
  descriptor = up.json() as unknown as typeof descriptor;
}, 120_000);

afterAll(() => {
  walrus(['dev', 'down']);
  rmSync(project, { recursive: true, force: true });
});

describe('walrus challenge', () => {
  const file = () => join(project, 'a.bin');
  let blobId: string;

  it('trigger: every honest node passes with all peers signing', () => {
    writeFileSync(file(), randomBytes(3000));
    const stored = walrus(['blob', 'store', file(), '--epochs', '2', '--json']);
    expect(stored.code, stored.stderr).toBe(0);
    blobId = (stored.json().blobs as Array<{ blobId: string }>)[0]!.blobId;
    const result = walrus(['challenge', 'trigger', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const outcome = result.json() as unknown as Outcome;
    expect(outcome.nodes).toHaveLength(4);
    expect(JSON.stringify(outcome.nodes.map((n) => (n as { error?: string }).error ?? null))).toBe(
      JSON.stringify([null, null, null, null]),
    );
    for (const node of outcome.nodes) {
      expect(node).toMatchObject({ passed: true, signersWeight: 12, nShards: 12, sampled: 1 });
    }
  });

  it('trigger --node: a corrupt node fails; the blob stays readable', () => {
    expect(walrus(['node', 'corrupt', '1']).code).toBe(0);
    const result = walrus(['challenge', 'trigger', '--node', '1', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const outcome = result.json() as unknown as Outcome;
    expect(outcome.nodes).toEqual([
      expect.objectContaining({ nodeId: descriptor.nodes[1]!.nodeId, passed: false }),
    ]);
    const human = walrus(['challenge', 'show', outcome.round]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/FAILED/);
    expect(walrus(['node', 'heal', '1']).code).toBe(0);
    const copy = join(project, 'copy.bin');
    expect(walrus(['blob', 'read', blobId, '-o', copy]).code).toBe(0);
    expect(readFileSync(copy)).toEqual(readFileSync(file()));
  });

  it('node lose: a node that lost 50 % of its slivers fails; the blob stays readable', () => {
    const lose = walrus(['node', 'lose', '2', '--fraction', '0.5', '--json']);
    expect(lose.code, lose.stderr).toBe(0);
    expect(lose.json().lost).toBeGreaterThan(0);
    const result = walrus(['challenge', 'trigger', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const outcome = result.json() as unknown as Outcome;
    const passed = Object.fromEntries(outcome.nodes.map((n) => [n.nodeId, n.passed]));
    expect(passed).toEqual(Object.fromEntries(descriptor.nodes.map((n, i) => [n.nodeId, i !== 2])));
    const copy = join(project, 'copy2.bin');
    expect(walrus(['blob', 'read', blobId, '-o', copy]).code).toBe(0);
    expect(readFileSync(copy)).toEqual(readFileSync(file()));
    expect(walrus(['node', 'heal', '2']).code).toBe(0);
  });

  it('list, show and config', () => {
    const list = walrus(['challenge', 'list', '--json']);
    expect(list.code).toBe(0);
    expect((list.json().rounds as Outcome[]).map((r) => r.round)).toEqual(['1', '2', '3']);
    const missing = walrus(['challenge', 'show', '99']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No challenge round "99"/);
    const config = walrus(['challenge', 'config', '--sample', '8', '--window', '30000', '--json']);
    expect(config.code).toBe(0);
    expect(config.json()).toEqual({ sample: 8, windowMs: 30000 });
    expect(walrus(['challenge', 'config', '--json']).json()).toEqual({ sample: 8, windowMs: 30000 });
    const help = walrus(['challenge', 'trigger', '--help']);
    expect(help.stdout).toMatch(/devnet extension/i);
  });
});
