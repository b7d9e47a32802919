import { ErrorCode } from './codes.js';
import { MOVE_ABORTS } from './move-aborts.generated.js';
import { UserError } from './user-error.js';

/** A Move abort as reported by a Sui full node or the SDK: where it happened, its code and the constant's name. */
export interface MoveAbort {
  address: string;
  module: string;
  function: string;
  code: number;
  /** The abort constant of the Walrus Move packages with this code in this module (`EInvalidEpochsAhead`). */
  constant?: string;
  /** The constant's doc comment: what the check means. */
  meaning?: string;
}

/*
 * The two shapes an abort reaches the CLI in:
 * - SDK, failed simulation: `MoveAbort in 2nd command, abort code: 7, in '0x…::staking_inner::pool_mut'`
 * - execution status: `MoveAbort in 0x…::staking_inner::pool_mut with code 7 (command 1)`
 */
const SDK_SHAPE = /abort code: (\d+), in '(0x[0-9a-fA-F]+)::(\w+)::(\w+)'/;
const STATUS_SHAPE = /MoveAbort in (0x[0-9a-fA-F]+)::(\w+)::(\w+) with code (\d+)/;

/** Finds a Move abort in an error message (or an error's `cause` chain); undefined if there is none. */
export function parseMoveAbort(error: unknown): MoveAbort | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current && !seen.has(current); ) {
    seen.add(current);
    const message = current instanceof Error ? current.message : typeof current === 'string' ? current : '';
    const sdk = SDK_SHAPE.exec(message);
    if (sdk) return withConstant(sdk[2]!, sdk[3]!, sdk[4]!, Number(sdk[1]));
    const status = STATUS_SHAPE.exec(message);
    if (status) return withConstant(status[1]!, status[2]!, status[3]!, Number(status[4]));
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

function withConstant(address: string, module: string, fn: string, code: number): MoveAbort {
  const constant = MOVE_ABORTS[module]?.[String(code)];
  return {
    address,
    module,
    function: fn,
    code,
    ...(constant ? { constant: constant.name, ...(constant.doc ? { meaning: constant.doc } : {}) } : {}),
  };
}

/**
 * A Move abort the CLI did not check for beforehand, as a user error (exit 1): the contract's own reason, from the
 * abort constant's doc comment, and where it was raised. Commands check the limits users run into first (epochs,
 * node ids, amounts), so this names the rest clearly instead of calling them bugs.
 */
export function contractRefusedError(abort: MoveAbort, cause?: unknown): UserError {
  const where = `${abort.module}::${abort.function}`;
  const reason = abort.meaning ? abort.meaning.replace(/\.$/, '') : `abort code ${abort.code}`;
  const name = abort.constant ? ` (${abort.constant}, code ${abort.code})` : '';
  return new UserError(
    ErrorCode.ContractRefused,
    // Only aborts of the Walrus packages have a known constant; others come from the Sui framework or elsewhere.
    `${abort.constant ? 'The Walrus contract' : 'A Move call'} refused the transaction in ${where}: ${reason}${name}.`,
    {
      hint: "Check the values you passed against the command's --help.",
      cause,
    },
  );
}
