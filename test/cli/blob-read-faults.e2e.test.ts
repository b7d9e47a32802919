/**
 * Issue #9 items 5–6 end to end: the built `walrus` against a detached devnet of the default topology
 * (src/config/defaults.ts). With f shards' worth of nodes stopped `blob read` returns the blob; with one node
 * serving corrupted slivers it returns the right bytes 20 of 20 times, refuses slivers from that node only (by
 * their hash against the metadata), and names the node on stderr and in `--json`; with too few nodes it fails
 * at once (exit 2) instead of retrying.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config/defaults.js';
import { shardForPair } from '../../src/protocol/encoding.js';
import {
  detachedProject,
  QUIET_DEVNET,
  removeDevnetProject,
  runWalrus,
  type WalrusResult,
} from './devnet-project.js';

let project: string;
let blobId: string;
const file = () => join(project, 'asset.bin');
const walrus = (args: string[]): WalrusResult => runWalrus(project, args);

type ListedNode = { index: number; nodeId: string; name: string; shards: number[] };

beforeAll(() => {
  // No `nodes` key: the default topology is what is under test.
  ({ project } = detachedProject('walrus-read-faults-e2e-', QUIET_DEVNET));
  writeFileSync(file(), randomBytes(200 * 1024));
  const stored = walrus(['blob', 'store', file(), '--epochs', '2', '--json']);
  expect(stored.code, stored.stderr).toBe(0);
  blobId = (stored.json().blobs as Array<{ blobId: string }>)[0]!.blobId;
}, 180_000);

afterAll(() => removeDevnetProject(project));

function nodes(): ListedNode[] {
  const listed = walrus(['node', 'list', '--json']);
  expect(listed.code, listed.stderr).toBe(0);
  return listed.json().nodes as ListedNode[];
}

function readBack(): { result: WalrusResult; same: boolean } {
  const copy = join(project, 'copy.bin');
  rmSync(copy, { force: true });
  const result = walrus(['blob', 'read', blobId, '-o', copy, '--json']);
  const same = result.code === 0 && readFileSync(copy).equals(readFileSync(file()));
  return { result, same };
}

describe('blob read on the default devnet', () => {
  it(`runs ${DEFAULTS.devnet.nodes} nodes`, () => {
    expect(nodes()).toHaveLength(DEFAULTS.devnet.nodes);
  });

  it("returns the blob with f shards' worth of nodes stopped", () => {
    const all = nodes();
    const f = Math.floor((DEFAULTS.devnet.shards - 1) / 3);
    const down: ListedNode[] = [];
    let shards = 0;
    for (const n of [...all].sort((a, b) => a.shards.length - b.shards.length)) {
      if (shards + n.shards.length > f) break;
      down.push(n);
      shards += n.shards.length;
    }
    expect(down.length).toBeGreaterThanOrEqual(3);
    for (const n of down) expect(walrus(['node', 'stop', String(n.index)]).code).toBe(0);
    try {
      for (let i = 0; i < 5; i++) {
        const { result, same } = readBack();
        expect(result.code, result.stderr).toBe(0);
        expect(same).toBe(true);
      }
    } finally {
      for (const n of down) walrus(['node', 'start', String(n.index)]);
    }
  }, 120_000);

  it('with one node corrupt: the right bytes 20 of 20 times, refusing only that node’s slivers', () => {
    // The node holding systematic sliver 0, which every read of the whole blob fetches first.
    const shard = shardForPair(0, Buffer.from(blobId, 'base64url'), DEFAULTS.devnet.shards);
    const corrupt = nodes().find((n) => n.shards.includes(shard))!;
    expect(walrus(['node', 'corrupt', String(corrupt.index)]).code).toBe(0);
    try {
      let refused = 0;
      for (let i = 0; i < 20; i++) {
        const { result, same } = readBack();
        expect(result.code, result.stderr).toBe(0);
        expect(same).toBe(true);
        const slivers = result.json().refusedSlivers as Array<{ node: string; nodeId: string }>;
        expect(slivers.every((s) => s.nodeId === corrupt.nodeId)).toBe(true);
        // Each refused sliver is named on stderr with its node.
        const warnings = result.stderr.split('\n').filter((l) => l.startsWith('warning: sliver pair'));
        expect(warnings).toHaveLength(slivers.length);
        expect(warnings.every((l) => l.includes(` from ${corrupt.name} (`))).toBe(true);
        refused += slivers.length;
      }
      // Every read fetches systematic sliver 0 first: each read refuses it, then decodes from the other nodes.
      expect(refused).toBeGreaterThanOrEqual(20);
    } finally {
      walrus(['node', 'heal', String(corrupt.index)]);
    }
  }, 360_000);

  it('with more than 2f shards down: exit 2 naming what is missing, no retry (no masking)', () => {
    const all = nodes();
    const f = Math.floor((DEFAULTS.devnet.shards - 1) / 3);
    const down: ListedNode[] = [];
    let shards = 0;
    for (const n of [...all].sort((a, b) => b.shards.length - a.shards.length)) {
      if (DEFAULTS.devnet.shards - shards <= f) break;
      down.push(n);
      shards += n.shards.length;
    }
    for (const n of down) expect(walrus(['node', 'stop', String(n.index)]).code).toBe(0);
    try {
      const result = walrus(['blob', 'read', blobId, '-o', join(project, 'none.bin'), '--json', '--verbose']);
      expect(result.code).toBe(2);
      expect(result.json().error).toMatchObject({ code: 'NETWORK_ERROR' });
      expect(result.json().error!.message).toMatch(/Only \d+ of the 34 primary slivers/);
      expect(result.stderr).not.toMatch(/again/);
      // The streamed read failed: no output file, no temporary file left.
      expect(readdirSync(project).filter((name) => name.includes('none.bin'))).toEqual([]);
    } finally {
      for (const n of down) walrus(['node', 'start', String(n.index)]);
    }
  }, 120_000);

  it('a blob no node knows is a user error (exit 1) that says so', () => {
    const result = walrus(['blob', 'read', 'A'.repeat(43), '-o', join(project, 'none.bin'), '--json']);
    expect(result.code).toBe(1);
    expect(result.json().error).toMatchObject({ code: 'NOT_FOUND' });
    expect(result.json().error!.message).toMatch(/does not exist or is not certified/);
  });
});
