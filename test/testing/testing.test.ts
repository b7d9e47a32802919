/**
 * `walrus-devkit/testing` the way a user runs it: vitest with the global setup (one devnet for the run) over the
 * test files in fixture/, which check fresh state per test, the helpers and the matchers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { abortOf } from '../../src/testing/abort-name.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('walrus-devkit/testing', () => {
  it('runs a user test file against one devnet with fresh state per test', () => {
    const out = mkdtempSync(join(tmpdir(), 'walrus-testing-test-'));
    const reportFile = join(out, 'report.json');
    const result = spawnSync(
      process.execPath,
      [
        join(REPO, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'test/testing/fixture/vitest.config.ts',
        '--reporter',
        'json',
        '--outputFile',
        reportFile,
      ],
      { cwd: REPO, encoding: 'utf8', env: { ...process.env, WALRUS_TEST_DEVNET: 'new' } },
    );
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: Array<{ assertionResults: Array<{ title: string; failureMessages: string[] }> }>;
    };
    const failures = report.testResults.flatMap((file) =>
      file.assertionResults.filter((test) => test.failureMessages.length > 0),
    );
    expect(failures, result.stderr).toEqual([]);
    expect(report.numPassedTests).toBe(9);
    expect(result.status).toBe(0);
    rmSync(out, { recursive: true, force: true });
  }, 120_000);
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
