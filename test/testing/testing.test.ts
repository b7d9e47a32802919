/**
 * `walrus-devkit/testing` the way a user runs it: vitest with the global setup (one devnet for the run) over the
 * test files in fixture/, which check fresh state per test, the helpers and the matchers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { serializeDescriptor } from '../../devnet/descriptor.js';
import { registerDevnetControls, startDevnet } from '../../devnet/index.js';
import { abortOf, unknownAbortName } from '../../src/testing/abort-name.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(REPO, 'test', 'testing', 'fixture');

/**
 * Runs the fixture's test files as a user's vitest run, with `env` added; returns the failures and counts. Async, so
 * that a devnet this process runs keeps answering the run.
 */
async function runFixture(env: Record<string, string>) {
  const out = mkdtempSync(join(tmpdir(), 'walrus-testing-test-'));
  try {
    const reportFile = join(out, 'report.json');
    const result = await execa(
      process.execPath,
      [
        join(REPO, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        join(FIXTURE, 'vitest.config.ts'),
        '--reporter',
        'json',
        '--outputFile',
        reportFile,
      ],
      // The fixture directory is the user's project: its walrus.config.json sets the devnet's topology.
      { cwd: FIXTURE, env: { ...process.env, ...env }, reject: false },
    );
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      numPassedTests: number;
      testResults: Array<{ assertionResults: Array<{ title: string; failureMessages: string[] }> }>;
    };
    const failures = report.testResults.flatMap((file) =>
      file.assertionResults.filter((test) => test.failureMessages.length > 0),
    );
    return { failures, passed: report.numPassedTests, status: result.exitCode, stderr: result.stderr };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('walrus-devkit/testing', () => {
  it('runs a user test file against one devnet with fresh state per test', async () => {
    const run = await runFixture({ WALRUS_TEST_DEVNET: 'new' });
    expect(run.failures, run.stderr).toEqual([]);
    expect(run.passed).toBe(11);
    expect(run.status).toBe(0);
  }, 120_000);

  it("attaches to the project's running devnet (its descriptor in the walrus home) instead of starting one", async () => {
    const devnet = await startDevnet({
      nodes: 4,
      accounts: 2,
      autoEpochs: false,
      fsync: false,
      ports: { rpc: 0, faucet: 0, admin: 0, storageNodeBase: 0 },
    });
    registerDevnetControls(devnet, devnet.ledger.addAdminRoute);
    const home = mkdtempSync(join(tmpdir(), 'walrus-testing-home-'));
    try {
      writeFileSync(join(home, 'devnet.json'), serializeDescriptor(devnet.descriptor));
      const run = await runFixture({
        WALRUS_TEST_DEVNET: '', // anything but "new": attach when a devnet runs
        WALRUS_HOME: home,
        WALRUS_EXPECT_ADMIN_URL: devnet.descriptor.adminUrl,
        WALRUS_EXPECT_ACCOUNTS: '2',
      });
      expect(run.failures, run.stderr).toEqual([]);
      expect(run.passed).toBe(11);
      // Every test reverted what it did: the attached devnet has no snapshot left.
      expect(devnet.ledger.ledger.state.snapshotCount).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
      await devnet.stop();
    }
  }, 180_000);
});

describe('abortOf', () => {
  it("names the constant of an SDK-formatted abort from the aborting module's codes", () => {
    expect(
      abortOf("MoveAbort in 1st command, abort code: 2, in '0x9f::system_state_inner::reserve_space'"),
    ).toEqual({ module: 'system_state_inner', code: 2, name: 'EInvalidEpochsAhead' });
  });

  it('reads the ledger format, and leaves an unknown code unnamed', () => {
    expect(abortOf('MoveAbort in 0x2::storage_resource::split_by_epoch with code 0')?.name).toBe(
      'EInvalidEpoch',
    );
    expect(abortOf('MoveAbort in 0x2::storage_resource::split_by_epoch with code 99')?.name).toBeUndefined();
    expect(abortOf('InsufficientGas')).toBeUndefined();
  });
});

describe('unknownAbortName', () => {
  it('accepts a declared constant, and names the declared ones an unknown name resembles', () => {
    expect(unknownAbortName('EInvalidEpochsAhead')).toBeUndefined();
    expect(unknownAbortName('EInvalidEpochs')).toMatch(/did you mean .*EInvalidEpochsAhead/);
    expect(unknownAbortName('ENoSuchThingAtAll')).toBe(
      'no Walrus contract declares an abort constant ENoSuchThingAtAll',
    );
  });
});
