import { describe, expect, it } from 'vitest';
import { exitRequest, normalizeCliError } from '../../src/cli/normalize-error.js';
import { renderError, stackTrace } from '../../src/cli/render-error.js';
import {
  ConfigError,
  ErrorCode,
  NetworkError,
  networkErrorFrom,
  toWalrusError,
  UserError,
  WalrusError,
} from '../../src/errors/index.js';
import { expectUserError } from '../user-error.js';

describe('error classes', () => {
  it('carry a stable code, an exit code and a hint', () => {
    const user = new UserError(ErrorCode.UnknownNetwork, 'Unknown network "x".', { hint: 'Try testnet.' });
    expect(user).toBeInstanceOf(WalrusError);
    expect(user).toMatchObject({
      name: 'UserError',
      code: 'UNKNOWN_NETWORK',
      exitCode: 1,
      hint: 'Try testnet.',
    });
    expect(user.toJSON()).toEqual({
      code: 'UNKNOWN_NETWORK',
      message: 'Unknown network "x".',
      hint: 'Try testnet.',
    });

    const network = new NetworkError(ErrorCode.NetworkTimeout, 'Timed out.');
    expect(network).toMatchObject({ name: 'NetworkError', exitCode: 2, hint: undefined });
    expect(network.toJSON()).toEqual({ code: 'NETWORK_TIMEOUT', message: 'Timed out.' });

    const config = ConfigError.invalid('/a.ts', [{ path: 'x', message: 'x is wrong' }]);
    expect(config).toBeInstanceOf(UserError);
    expect(config).toMatchObject({ name: 'ConfigError', code: 'CONFIG_INVALID', exitCode: 1, file: '/a.ts' });
  });
});

describe('networkErrorFrom', () => {
  it('recognises a refused connection deep in the cause chain (fetch failed)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9000'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 9000,
    });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    const error = networkErrorFrom(new Error('RPC call failed', { cause: fetchFailed }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      code: 'NETWORK_UNREACHABLE',
      exitCode: 2,
      message: 'Could not reach 127.0.0.1:9000 (ECONNREFUSED).',
    });
  });

  it('recognises timeouts and DNS failures', () => {
    expect(networkErrorFrom(new DOMException('The operation timed out.', 'TimeoutError'))?.code).toBe(
      'NETWORK_TIMEOUT',
    );
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), {
      code: 'ENOTFOUND',
      hostname: 'nowhere.invalid',
    });
    expect(networkErrorFrom(dns)?.message).toBe('Could not reach nowhere.invalid (ENOTFOUND).');
    expect(networkErrorFrom(new TypeError('fetch failed'))?.code).toBe('NETWORK_UNREACHABLE');
  });

  it('ignores other errors', () => {
    expect(networkErrorFrom(new Error('boom'))).toBeUndefined();
    expect(networkErrorFrom('text')).toBeUndefined();
  });
});

describe('toWalrusError', () => {
  it('passes WalrusErrors through and wraps the rest as INTERNAL_ERROR (exit 1)', () => {
    const user = new UserError('X', 'x');
    expect(toWalrusError(user)).toBe(user);
    const bug = new RangeError('index out of range');
    const wrapped = toWalrusError(bug);
    expect(wrapped).toMatchObject({ code: 'INTERNAL_ERROR', exitCode: 1, message: 'index out of range' });
    expect(wrapped.cause).toBe(bug);
    expect(toWalrusError('a string').message).toBe('a string');
    expect(toWalrusError(Object.assign(new Error('x'), { code: 'ECONNRESET' })).exitCode).toBe(2);
  });
});

describe('normalizeCliError', () => {
  it('maps oclif parse errors to INVALID_ARGUMENTS with exit 1', () => {
    const parseError = Object.assign(new Error('Nonexistent flag: --bogus\nSee more help with --help'), {
      oclif: { exit: 2 },
      parse: {},
    });
    const error = normalizeCliError(parseError);
    expectUserError(error, {
      code: 'INVALID_ARGUMENTS',
      message: 'Nonexistent flag: --bogus',
    });
  });

  it('maps other oclif errors to COMMAND_FAILED and recognises exits', () => {
    expect(normalizeCliError(Object.assign(new Error('nope'), { oclif: { exit: 1 } })).code).toBe(
      'COMMAND_FAILED',
    );
    expect(exitRequest(Object.assign(new Error('EEXIT: 3'), { code: 'EEXIT', oclif: { exit: 3 } }))).toBe(3);
    expect(exitRequest(new Error('x'))).toBeUndefined();
  });
});

describe('renderError', () => {
  const error = new UserError('UNKNOWN_COMMAND', 'Unknown command "walrus x".', {
    hint: 'Run "walrus --help".',
  });

  it('renders one message and a hint on stderr', () => {
    expect(renderError(error, { json: false, verbose: false, color: false })).toEqual({
      stdout: '',
      stderr: 'Error: Unknown command "walrus x".\nHint: Run "walrus --help".\n',
    });
  });

  it('renders the JSON document on stdout under --json', () => {
    const rendered = renderError(error, { json: true, verbose: false });
    expect(rendered.stderr).toBe('');
    expect(JSON.parse(rendered.stdout)).toEqual({
      error: {
        code: 'UNKNOWN_COMMAND',
        message: 'Unknown command "walrus x".',
        hint: 'Run "walrus --help".',
      },
    });
  });

  it('adds the stack and causes only with --verbose', () => {
    const withCause = new UserError('X', 'outer', { cause: new Error('inner') });
    expect(renderError(withCause, { json: false, verbose: false, color: false }).stderr).not.toMatch(
      /\n\s+at /,
    );
    const verbose = renderError(withCause, { json: false, verbose: true, color: false }).stderr;
    expect(verbose).toMatch(/\n\s+at /);
    expect(verbose).toContain('Caused by: Error: inner');
    const verboseJson = renderError(withCause, { json: true, verbose: true });
    expect(JSON.parse(verboseJson.stdout).error.message).toBe('outer');
    expect(verboseJson.stderr).toContain('Caused by: Error: inner');
  });

  it('colours only when asked', () => {
    expect(renderError(error, { json: false, verbose: false, color: true }).stderr).toContain(
      '\u001b[1;31mError:',
    );
  });

  it('stackTrace survives cause cycles and non-errors', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(stackTrace(b).match(/Caused by/g)).toHaveLength(1);
    expect(stackTrace(42)).toBe('42');
  });
});
