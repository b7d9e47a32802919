import type { bcs } from '@mysten/sui/bcs';
import { deriveObjectId, objectDigest } from '../digests.js';
import type { LayoutCache } from '../move/layouts.js';
import { formatMoveType, type MoveType, parseMoveType, substituteType } from '../move/type-parser.js';
import { SUI_FRAMEWORK } from '../natives/framework/values.js';
import { type ChildObjects, MoveAbortError, type NativeContext } from '../natives/native-types.js';
import type { NativeRegistry, ResolvedParam } from '../natives/registry.js';
import type {
  EventRecord,
  ExecutionStatus,
  GasCostSummary,
  ObjectChange,
  ObjectRecord,
  Owner,
} from '../types.js';
import { ExecutionError } from './execution-error.js';
import { chargeGas, gasSummary, objectStorageCost, type StorageEntry } from './gas.js';
import { abilitiesOf, copyValue, type Slot, sameType } from './values.js';

type Command = (typeof bcs.Command)['$inferType'];
type Argument = (typeof bcs.Argument)['$inferType'];

/** An input after the ledger checked and loaded it. */
export type ResolvedInput =
  | { kind: 'pure'; bytes: Uint8Array }
  | {
      kind: 'object';
      record: ObjectRecord;
      mode: 'owned' | 'immutable' | 'shared-mut' | 'shared-imm' | 'receiving';
    };

/** Everything the executor needs besides the registry. */
export interface ExecutionRequest {
  txDigest: string;
  sender: string;
  inputs: ResolvedInput[];
  commands: Command[];
  /** The (already smashed) gas coin; for simulations without payment, a stand-in coin. */
  gasCoin: ObjectRecord;
  gasPrice: bigint;
  gasBudget: bigint;
  epoch: bigint;
  epochStartMs: bigint;
  /** Objects the transaction depends on besides inputs (e.g. smashed gas coins to delete). */
  extraDeleted?: ObjectRecord[];
  /** Allow calls to private functions (module `init` at publish time; trusted genesis transactions only). */
  allowPrivate?: boolean;
}

/** What the transaction did; the ledger commits it. */
export interface ExecutionResult {
  status: ExecutionStatus;
  gasUsed: GasCostSummary;
  lamportVersion: bigint;
  /** Final records to write (created, mutated, unwrapped), with version and digest set. */
  written: ObjectRecord[];
  /** Ids removed from the store (deleted or wrapped). */
  removed: string[];
  changes: ObjectChange[];
  unchangedShared: { id: string; version: bigint; digest: string }[];
  events: EventRecord[];
  /** Per-command outputs, for simulations that ask for them. */
  commandOutputs: Array<Array<{ type: string; bytes: Uint8Array }>>;
}

/** Read access to the committed store. */
export type ObjectReader = (id: string) => ObjectRecord | undefined;

interface ChildEntry {
  parent: string;
  type: MoveType;
  value: unknown;
  original?: ObjectRecord;
  originalBytes?: Uint8Array;
  removed: boolean;
}

interface Transfer {
  type: MoveType;
  value: unknown;
  owner: Owner;
}

/** Final values by object id: what is written (with its owner), or null for what is removed. */
type Outputs = Map<string, { type: MoveType; value: unknown; owner: Owner } | null>;

interface FinalOutputs {
  outputs: Outputs;
  unchangedShared: ExecutionResult['unchangedShared'];
}

/**
 * Runs one programmable transaction block against natives, in memory. Nothing is written to the store
 * here: the result lists every change for the ledger to commit (or to discard in a simulation).
 */
export class PtbExecutor {
  readonly #request: ExecutionRequest;
  readonly #registry: NativeRegistry;
  readonly #layouts: LayoutCache;
  readonly #read: ObjectReader;
  readonly #inputSlots: Array<Slot | { pure: Uint8Array }> = [];
  readonly #gasSlot: Slot;
  readonly #results: Slot[][] = [];
  readonly #created = new Set<string>();
  readonly #deleted = new Set<string>();
  readonly #transfers = new Map<string, Transfer>();
  readonly #children = new Map<string, ChildEntry>();
  readonly #events: EventRecord[] = [];
  readonly #received = new Set<string>();
  #idCounter = 0n;
  #currentCall: { packageId: string; module: string; function: string } | undefined;

  constructor(request: ExecutionRequest, registry: NativeRegistry, layouts: LayoutCache, read: ObjectReader) {
    this.#request = request;
    this.#registry = registry;
    this.#layouts = layouts;
    this.#read = read;
    this.#gasSlot = this.#objectSlot(request.gasCoin, true, false);
  }

  /** Runs the commands and computes effects. Never throws for execution failures: they become a status. */
  run(): ExecutionResult {
    const { request } = this;
    let status: ExecutionStatus = { success: true };
    const commandOutputs: ExecutionResult['commandOutputs'] = [];
    try {
      for (const input of request.inputs) {
        this.#inputSlots.push(
          input.kind === 'pure'
            ? { pure: input.bytes }
            : input.mode === 'receiving'
              ? this.#receivingSlot(input.record)
              : this.#objectSlot(
                  input.record,
                  input.mode === 'owned' || input.mode === 'shared-mut',
                  input.mode.startsWith('shared'),
                ),
        );
      }
      request.commands.forEach((command, index) => {
        try {
          const results = this.#runCommand(command);
          this.#results.push(results);
          commandOutputs.push(
            results.map((slot) => ({
              type: formatMoveType(slot.type),
              bytes: this.#layouts.encode(slot.type, slot.value),
            })),
          );
        } catch (error) {
          throw this.#asExecutionError(error, index);
        }
      });
      this.#checkUnusedValues();
    } catch (error) {
      const failure = this.#asExecutionError(error, undefined);
      status = {
        success: false,
        kind: failure.kind,
        message: failure.message,
        ...(failure.command !== undefined ? { command: failure.command } : {}),
        ...(failure.abort ? { abort: failure.abort } : {}),
      };
    }
    return this.#finish(status, commandOutputs);
  }

  get request(): ExecutionRequest {
    return this.#request;
  }

  // ---------------------------------------------------------------- commands

  #runCommand(command: Command): Slot[] {
    if (command.MoveCall) return this.#moveCall(command.MoveCall);
    if (command.TransferObjects) {
      const { objects, address } = command.TransferObjects;
      const recipient = this.#pureOrValue(address, { kind: 'address' }) as string;
      for (const arg of objects) {
        const slot = this.#take(arg);
        if (!slot.object && !this.#isKeyType(slot.type)) {
          throw new ExecutionError('InvalidTransferObject', 'TransferObjects: argument is not an object');
        }
        if (!abilitiesOf(this.#layouts, slot.type).has('store')) {
          throw new ExecutionError(
            'InvalidTransferObject',
            `TransferObjects: ${formatMoveType(slot.type)} has no store ability`,
          );
        }
        this.#transfer(slot.type, slot.value, { kind: 'address', address: recipient });
      }
      return [];
    }
    if (command.SplitCoins) {
      const coin = this.#borrowMut(command.SplitCoins.coin);
      const coinType = this.#coinTypeOf(coin.type, 'SplitCoins');
      const balance = (coin.value as { balance: { value: bigint } }).balance;
      return command.SplitCoins.amounts.map((arg) => {
        const amount = this.#pureOrValue(arg, { kind: 'u64' }) as bigint;
        if (balance.value < amount) {
          throw new ExecutionError(
            'InsufficientCoinBalance',
            `Insufficient coin balance: SplitCoins asks for ${amount} but the coin holds ${balance.value}`,
          );
        }
        balance.value -= amount;
        const id = this.#freshId();
        return {
          type: coinType,
          value: { id: { id: { bytes: id } }, balance: { value: amount } },
          moved: false,
        };
      });
    }
    if (command.MergeCoins) {
      const destination = this.#borrowMut(command.MergeCoins.destination);
      const coinType = this.#coinTypeOf(destination.type, 'MergeCoins');
      const target = (destination.value as { balance: { value: bigint } }).balance;
      for (const arg of command.MergeCoins.sources) {
        const source = this.#take(arg);
        if (source === destination)
          throw new ExecutionError('InvalidValueUsage', 'MergeCoins: cannot merge a coin into itself');
        if (!sameType(source.type, coinType)) {
          throw new ExecutionError(
            'TypeMismatch',
            `MergeCoins: ${formatMoveType(source.type)} is not ${formatMoveType(coinType)}`,
          );
        }
        const value = source.value as { id: { id: { bytes: string } }; balance: { value: bigint } };
        target.value += value.balance.value;
        this.#deleteObject(value.id.id.bytes);
      }
      return [];
    }
    if (command.MakeMoveVec) {
      const { type, elements } = command.MakeMoveVec;
      const elementType = type ? parseMoveType(type) : elements[0] ? this.#peek(elements[0]).type : undefined;
      if (!elementType)
        throw new ExecutionError('CommandArgumentError', 'MakeMoveVec: an empty vector needs a type');
      const values = elements.map((arg) => this.#argumentAs(arg, { reference: null, type: elementType }));
      return [{ type: { kind: 'vector', element: elementType }, value: values, moved: false }];
    }
    if (command.Publish || command.Upgrade) {
      throw new ExecutionError(
        'FeatureNotYetSupported',
        'Publishing or upgrading Move bytecode is not supported by the embedded ledger (its packages are natives)',
      );
    }
    throw new ExecutionError('FeatureNotYetSupported', `Unsupported command ${Object.keys(command)[0]}`);
  }

  #moveCall(call: NonNullable<Command['MoveCall']>): Slot[] {
    const fn = this.#registry.function(call.package, call.module, call.function);
    if (!fn) {
      throw new ExecutionError(
        'FunctionNotFound',
        `Function ${call.package}::${call.module}::${call.function} does not exist`,
      );
    }
    if (fn.def.visibility !== 'public' && !fn.def.isEntry && !this.#request.allowPrivate) {
      throw new ExecutionError(
        'NonEntryFunctionInvoked',
        `${call.module}::${call.function} is not public or entry`,
      );
    }
    if (call.typeArguments.length !== fn.def.typeParams.length) {
      throw new ExecutionError(
        'TypeArityMismatch',
        `${call.module}::${call.function} takes ${fn.def.typeParams.length} type arguments, got ${call.typeArguments.length}`,
      );
    }
    const typeArgs = call.typeArguments.map((t) => parseMoveType(t));
    const params = fn.params.map((p) => ({ reference: p.reference, type: substituteType(p.type, typeArgs) }));
    const last = params[params.length - 1];
    const takesContext =
      last?.type.kind === 'struct' && last.type.module === 'tx_context' && last.type.name === 'TxContext';
    const explicit = takesContext ? params.slice(0, -1) : params;
    if (call.arguments.length !== explicit.length) {
      throw new ExecutionError(
        'ArityMismatch',
        `${call.module}::${call.function} takes ${explicit.length} arguments, got ${call.arguments.length}`,
      );
    }
    const args = call.arguments.map((arg, i) => this.#argumentAs(arg, explicit[i]!));
    if (takesContext) args.push(this.#txContextValue());
    this.#currentCall = { packageId: fn.packageId, module: call.module, function: call.function };
    // #currentCall stays set after a throw so the abort can name its location.
    const returned = fn.def.impl(this.#context(), args, typeArgs);
    return fn.returns.map((r, i) => {
      const type = substituteType(r.type, typeArgs);
      return r.reference
        ? { type, value: returned[i], moved: false, reference: r.reference }
        : { type, value: returned[i], moved: false };
    });
  }

  // ---------------------------------------------------------------- arguments

  #slotOf(arg: Argument): Slot | { pure: Uint8Array } {
    if (arg.GasCoin) return this.#gasSlot;
    if (arg.Input !== undefined) {
      const slot = this.#inputSlots[arg.Input];
      if (!slot) throw new ExecutionError('CommandArgumentError', `Input ${arg.Input} does not exist`);
      return slot;
    }
    if (arg.Result !== undefined) {
      const results = this.#results[arg.Result];
      if (!results)
        throw new ExecutionError('CommandArgumentError', `Result ${arg.Result} does not exist yet`);
      if (results.length !== 1) {
        throw new ExecutionError(
          'CommandArgumentError',
          `Result ${arg.Result} has ${results.length} values; use NestedResult`,
        );
      }
      return results[0]!;
    }
    if (arg.NestedResult) {
      const [command, index] = arg.NestedResult;
      const slot = this.#results[command]?.[index];
      if (!slot)
        throw new ExecutionError('CommandArgumentError', `Result ${command}.${index} does not exist`);
      return slot;
    }
    throw new ExecutionError('CommandArgumentError', 'Unknown argument kind');
  }

  #peek(arg: Argument): Slot {
    const slot = this.#slotOf(arg);
    if ('pure' in slot) throw new ExecutionError('CommandArgumentError', 'A pure input cannot be used here');
    return slot;
  }

  /** A value of `type` from a pure input (decoded) or a copyable slot. */
  #pureOrValue(arg: Argument, type: MoveType): unknown {
    return this.#argumentAs(arg, { reference: null, type });
  }

  #argumentAs(arg: Argument, param: ResolvedParam): unknown {
    const slot = this.#slotOf(arg);
    if ('pure' in slot) {
      try {
        return this.#layouts.decode(param.type, slot.pure);
      } catch {
        throw new ExecutionError(
          'CommandArgumentError',
          `Invalid BCS for a pure argument of type ${formatMoveType(param.type)}`,
        );
      }
    }
    if (!sameType(slot.type, param.type)) {
      throw new ExecutionError(
        'TypeMismatch',
        `Expected ${formatMoveType(param.type)}, got ${formatMoveType(slot.type)}`,
      );
    }
    if (slot.moved) throw new ExecutionError('InvalidValueUsage', 'Value was already moved');
    if (param.reference) {
      if (param.reference === 'mut') {
        if (slot.object && !slot.object.mutable) {
          throw new ExecutionError('InvalidObjectByMutRef', `Object ${slot.object.id} is immutable here`);
        }
        if (slot.reference === 'imm')
          throw new ExecutionError('InvalidValueUsage', 'Cannot use an immutable reference mutably');
      }
      return slot.value;
    }
    if (slot.reference)
      throw new ExecutionError('InvalidValueUsage', 'A reference cannot be passed by value');
    if (abilitiesOf(this.#layouts, slot.type).has('copy'))
      return copyValue(this.#layouts, slot.type, slot.value);
    if (slot.object?.shared && slot.object.input && !slot.object.mutable) {
      throw new ExecutionError('InvalidObjectByValue', `Shared object ${slot.object.id} is read-only`);
    }
    if (slot.object && !slot.object.mutable) {
      throw new ExecutionError(
        'InvalidObjectByValue',
        `Immutable object ${slot.object.id} cannot be taken by value`,
      );
    }
    slot.moved = true;
    return slot.value;
  }

  #take(arg: Argument): Slot {
    const slot = this.#peek(arg);
    if (slot.moved) throw new ExecutionError('InvalidValueUsage', 'Value was already moved');
    if (slot.reference)
      throw new ExecutionError('InvalidValueUsage', 'A reference cannot be passed by value');
    if (slot.object && !slot.object.mutable) {
      throw new ExecutionError('InvalidObjectByValue', `Object ${slot.object.id} cannot be taken by value`);
    }
    slot.moved = true;
    return slot;
  }

  #borrowMut(arg: Argument): Slot {
    const slot = this.#peek(arg);
    if (slot.moved) throw new ExecutionError('InvalidValueUsage', 'Value was already moved');
    if (slot.object && !slot.object.mutable) {
      throw new ExecutionError('InvalidObjectByMutRef', `Object ${slot.object.id} is immutable here`);
    }
    return slot;
  }

  #coinTypeOf(type: MoveType, command: string): MoveType {
    if (
      type.kind !== 'struct' ||
      type.module !== 'coin' ||
      type.name !== 'Coin' ||
      type.address !== SUI_FRAMEWORK
    ) {
      throw new ExecutionError('TypeMismatch', `${command}: ${formatMoveType(type)} is not a Coin`);
    }
    return type;
  }

  #isKeyType(type: MoveType): boolean {
    return abilitiesOf(this.#layouts, type).has('key');
  }

  // ---------------------------------------------------------------- natives' world

  #objectSlot(record: ObjectRecord, mutable: boolean, shared: boolean): Slot {
    const type = parseMoveType(record.type);
    return {
      type,
      value: this.#layouts.decode(type, record.contents),
      moved: false,
      object: { id: record.id, mutable, shared, input: true },
    };
  }

  /** A `Receiving<T>` value for an object sent to another object's address. */
  #receivingSlot(record: ObjectRecord): Slot {
    return {
      type: {
        kind: 'struct',
        address: SUI_FRAMEWORK,
        module: 'transfer',
        name: 'Receiving',
        typeArgs: [parseMoveType(record.type)],
      },
      value: { id: { bytes: record.id }, version: record.version },
      moved: false,
    };
  }

  /** Takes an object sent to `parent` out of its Receiving ticket (transfer::receive). */
  #receive(parent: string, ticket: { id: { bytes: string }; version: bigint }, type: MoveType): unknown {
    const input = this.#request.inputs.find(
      (i): i is Extract<ResolvedInput, { kind: 'object' }> =>
        i.kind === 'object' && i.mode === 'receiving' && i.record.id === ticket.id.bytes,
    );
    if (!input || input.record.version !== ticket.version) {
      throw new ExecutionError(
        'InvalidValueUsage',
        `Object ${ticket.id.bytes} is not a receiving input of this transaction`,
      );
    }
    if (input.record.owner.kind !== 'address' || input.record.owner.address !== parent) {
      throw new ExecutionError('InvalidValueUsage', `Object ${ticket.id.bytes} was not sent to ${parent}`);
    }
    if (this.#received.has(input.record.id))
      throw new ExecutionError('InvalidValueUsage', 'Object already received');
    this.#received.add(input.record.id);
    return this.#layouts.decode(type, input.record.contents);
  }

  #freshId(): string {
    const id = deriveObjectId(this.#request.txDigest, this.#idCounter++);
    this.#created.add(id);
    return id;
  }

  #transfer(type: MoveType, value: unknown, owner: Owner): void {
    const id = (value as { id?: { id?: { bytes?: string } } }).id?.id?.bytes;
    if (typeof id !== 'string')
      throw new ExecutionError('InvalidTransferObject', 'Only objects can be transferred');
    this.#transfers.set(id, { type, value, owner });
  }

  #deleteObject(id: string): void {
    this.#deleted.add(id);
    this.#transfers.delete(id);
  }

  #txContextValue(): unknown {
    return {
      sender: this.#request.sender,
      tx_hash: new Uint8Array(32),
      epoch: this.#request.epoch,
      epoch_timestamp_ms: this.#request.epochStartMs,
      ids_created: this.#idCounter,
    };
  }

  #context(): NativeContext {
    const call = this.#currentCall!;
    return {
      sender: this.#request.sender,
      txDigest: this.#request.txDigest,
      epoch: this.#request.epoch,
      epochTimestampMs: this.#request.epochStartMs,
      layouts: this.#layouts,
      freshId: () => this.#freshId(),
      transfer: (type, value, owner) => this.#transfer(type, value, owner),
      deleteObject: (id) => this.#deleteObject(id),
      emit: (type, value) => {
        this.#events.push({
          packageId: call.packageId,
          module: call.module,
          sender: this.#request.sender,
          type: formatMoveType(type),
          contents: this.#layouts.encode(type, value),
        });
      },
      abort: (code) => {
        throw new MoveAbortError(BigInt(code));
      },
      children: this.#childObjects(),
      receive: (parent, ticket, type) =>
        this.#receive(parent, ticket as { id: { bytes: string }; version: bigint }, type),
    };
  }

  #childObjects(): ChildObjects {
    const load = (parent: string, child: string): ChildEntry | undefined => {
      const cached = this.#children.get(child);
      if (cached) return cached.parent === parent ? cached : undefined;
      const record = this.#read(child);
      if (record?.owner.kind !== 'object' || record.owner.address !== parent) return undefined;
      const type = parseMoveType(record.type);
      const entry: ChildEntry = {
        parent,
        type,
        value: this.#layouts.decode(type, record.contents),
        original: record,
        originalBytes: record.contents,
        removed: false,
      };
      this.#children.set(child, entry);
      return entry;
    };
    return {
      exists: (parent, child) => {
        const entry = load(parent, child);
        return entry !== undefined && !entry.removed;
      },
      typeOf: (parent, child) => {
        const entry = load(parent, child);
        return entry && !entry.removed ? formatMoveType(entry.type) : undefined;
      },
      borrow: (parent, child) => {
        const entry = load(parent, child);
        if (!entry || entry.removed) throw new MoveAbortError(1n);
        return entry.value;
      },
      add: (parent, child, type, value) => {
        const entry = load(parent, child);
        if (entry && !entry.removed) throw new MoveAbortError(0n);
        this.#children.set(child, {
          parent,
          type,
          value,
          removed: false,
          ...(entry?.original ? { original: entry.original } : {}),
        });
      },
      remove: (parent, child) => {
        const entry = load(parent, child);
        if (!entry || entry.removed) throw new MoveAbortError(1n);
        entry.removed = true;
        return entry.value;
      },
    };
  }

  // ---------------------------------------------------------------- results

  #checkUnusedValues(): void {
    this.#results.forEach((results, command) => {
      results.forEach((slot, index) => {
        if (slot.moved || slot.reference) return;
        if (!abilitiesOf(this.#layouts, slot.type).has('drop')) {
          throw new ExecutionError(
            'UnusedValueWithoutDrop',
            `Unused value without drop: result ${command}.${index} of type ${formatMoveType(slot.type)} must be used (e.g. transferred)`,
            command,
          );
        }
      });
    });
  }

  #asExecutionError(error: unknown, command: number | undefined): ExecutionError {
    if (error instanceof ExecutionError) {
      return error.command === undefined && command !== undefined
        ? new ExecutionError(error.kind, error.message, command, error.abort)
        : error;
    }
    if (error instanceof MoveAbortError) {
      const called = this.#currentCall ?? { packageId: '0x0', module: '?', function: '?' };
      const call = error.location
        ? {
            packageId: error.location.address ?? called.packageId,
            module: error.location.module,
            function: error.location.function,
          }
        : called;
      const short = call.packageId.replace(/^0x0+(?=[0-9a-f])/, '0x');
      return new ExecutionError(
        'MoveAbort',
        `MoveAbort in ${short}::${call.module}::${call.function} with code ${error.code}${command !== undefined ? ` (command ${command})` : ''}`,
        command,
        { ...call, code: error.code },
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ExecutionError('ExecutionError', message, command);
  }

  /** Computes writes, gas and effects for a finished (or failed) run. */
  #finish(status: ExecutionStatus, commandOutputs: ExecutionResult['commandOutputs']): ExecutionResult {
    const req = this.#request;
    const inputRecords = new Map<string, ObjectRecord>();
    for (const input of req.inputs)
      if (input.kind === 'object') inputRecords.set(input.record.id, input.record);
    inputRecords.set(req.gasCoin.id, req.gasCoin);
    const lamportVersion =
      [...inputRecords.values(), ...(req.extraDeleted ?? [])].reduce(
        (max, r) => (r.version > max ? r.version : max),
        0n,
      ) + 1n;
    const { outputs, unchangedShared } = status.success
      ? this.#successOutputs(inputRecords, lamportVersion)
      : this.#failureOutputs();
    for (const extra of req.extraDeleted ?? []) outputs.set(extra.id, null);

    const previousOf = (id: string) =>
      inputRecords.get(id) ??
      this.#children.get(id)?.original ??
      (req.extraDeleted ?? []).find((r) => r.id === id) ??
      this.#read(id);
    const encoded = new Map<string, Uint8Array>();
    const entries: StorageEntry[] = [];
    for (const [id, out] of outputs) {
      const bytes = out ? this.#layouts.encode(out.type, out.value) : undefined;
      if (out && bytes) encoded.set(id, bytes);
      entries.push({
        previousRebate: previousOf(id)?.storageRebate,
        written: out && bytes ? { bytes: bytes.length, type: formatMoveType(out.type) } : undefined,
      });
    }
    const gasOut = outputs.get(req.gasCoin.id);
    const gasValue = (gasOut ?? this.#gasSlot).value as { balance: { value: bigint } };
    const charge = chargeGas(gasSummary(req.commands.length, req.gasPrice, entries), {
      success: status.success,
      budget: req.gasBudget,
      balance: gasValue.balance.value,
    });
    if (charge.kind === 'out-of-gas') return this.#outOfGas(charge.needed, 'InsufficientGas', charge.message);
    gasValue.balance.value -= charge.net;
    if (gasOut) encoded.set(req.gasCoin.id, this.#layouts.encode(gasOut.type, gasOut.value));

    return {
      status,
      gasUsed: charge.gasUsed,
      lamportVersion,
      ...this.#records(outputs, encoded, previousOf, lamportVersion),
      unchangedShared,
      events: status.success ? this.#events : [],
      commandOutputs,
    };
  }

  /**
   * Final values by object id of a successful run: what is written (with its owner) or removed (null); and the
   * shared objects it only read.
   */
  #successOutputs(inputRecords: Map<string, ObjectRecord>, lamportVersion: bigint): FinalOutputs {
    const req = this.#request;
    const outputs: Outputs = new Map();
    const unchangedShared: ExecutionResult['unchangedShared'] = [];
    req.inputs.forEach((input, index) => {
      if (input.kind !== 'object') return;
      const slot = this.#inputSlots[index] as Slot;
      const { record, mode } = input;
      if (mode === 'immutable') return;
      if (mode === 'receiving') {
        // Untouched unless received; a received object must have been transferred, deleted or wrapped.
        if (this.#received.has(record.id) && !this.#transfers.has(record.id) && !this.#deleted.has(record.id))
          outputs.set(record.id, null);
        return;
      }
      if (mode === 'shared-imm') {
        unchangedShared.push({ id: record.id, version: record.version, digest: record.digest });
        return;
      }
      if (!slot.moved) outputs.set(record.id, { type: slot.type, value: slot.value, owner: record.owner });
      else if (!this.#transfers.has(record.id) && !this.#deleted.has(record.id)) outputs.set(record.id, null); // wrapped
    });
    if (!this.#gasSlot.moved)
      outputs.set(req.gasCoin.id, {
        type: this.#gasSlot.type,
        value: this.#gasSlot.value,
        owner: req.gasCoin.owner,
      });
    for (const [id, transfer] of this.#transfers) {
      const inputOwner = inputRecords.get(id)?.owner;
      const owner =
        transfer.owner.kind === 'shared'
          ? {
              kind: 'shared' as const,
              initialSharedVersion:
                inputOwner?.kind === 'shared' ? inputOwner.initialSharedVersion : lamportVersion,
            }
          : transfer.owner;
      outputs.set(id, { type: transfer.type, value: transfer.value, owner });
    }
    for (const id of this.#deleted) outputs.set(id, null);
    this.#childOutputs(outputs);
    return { outputs, unchangedShared };
  }

  /** Dynamic fields the run removed, or changed (unchanged bytes are not rewritten). */
  #childOutputs(outputs: Outputs): void {
    for (const [id, child] of this.#children) {
      if (child.removed) {
        if (child.original) outputs.set(id, null);
        continue;
      }
      const bytes = this.#layouts.encode(child.type, child.value);
      if (child.originalBytes && Buffer.compare(Buffer.from(bytes), Buffer.from(child.originalBytes)) === 0)
        continue;
      outputs.set(id, {
        type: child.type,
        value: child.value,
        owner: { kind: 'object', address: child.parent },
      });
    }
  }

  /** A failed transaction still bumps every mutable input (contents unchanged) and pays gas. */
  #failureOutputs(): FinalOutputs {
    const req = this.#request;
    const outputs: Outputs = new Map();
    const unchangedShared: ExecutionResult['unchangedShared'] = [];
    const unchanged = (record: ObjectRecord) => {
      const type = parseMoveType(record.type);
      outputs.set(record.id, {
        type,
        value: this.#layouts.decode(type, record.contents),
        owner: record.owner,
      });
    };
    for (const input of req.inputs) {
      if (input.kind !== 'object' || input.mode === 'immutable' || input.mode === 'receiving') continue;
      if (input.mode === 'shared-imm') {
        const { id, version, digest } = input.record;
        unchangedShared.push({ id, version, digest });
        continue;
      }
      unchanged(input.record);
    }
    unchanged(req.gasCoin);
    return { outputs, unchangedShared };
  }

  /** The records to write, the ids to remove and the object changes of the effects. */
  #records(
    outputs: Outputs,
    encoded: Map<string, Uint8Array>,
    previousOf: (id: string) => ObjectRecord | undefined,
    lamportVersion: bigint,
  ): Pick<ExecutionResult, 'written' | 'removed' | 'changes'> {
    const req = this.#request;
    const written: ObjectRecord[] = [];
    const removed: string[] = [];
    const changes: ObjectChange[] = [];
    for (const [id, out] of outputs) {
      const previous = previousOf(id);
      const input = previous
        ? { version: previous.version, digest: previous.digest, owner: previous.owner }
        : undefined;
      if (out) {
        const typeString = formatMoveType(out.type);
        const contents = encoded.get(id)!;
        const base = {
          id,
          version: lamportVersion,
          owner: out.owner,
          type: typeString,
          contents,
          hasPublicTransfer: abilitiesOf(this.#layouts, out.type).has('store'),
          previousTransaction: req.txDigest,
          storageRebate: objectStorageCost(contents.length, typeString),
        };
        const record: ObjectRecord = { ...base, digest: objectDigest(base) };
        written.push(record);
        changes.push({
          id,
          ...(input ? { input } : {}),
          output: { version: lamportVersion, digest: record.digest, owner: out.owner, type: typeString },
          idOperation: this.#created.has(id) ? 'created' : 'none',
          type: typeString,
        });
      } else {
        if (!previous && this.#created.has(id)) continue; // created and deleted (or wrapped) in the same tx
        if (previous) removed.push(id);
        changes.push({
          id,
          ...(input ? { input } : {}),
          idOperation:
            this.#deleted.has(id) || (req.extraDeleted ?? []).some((r) => r.id === id) ? 'deleted' : 'none',
          type: previous?.type ?? '',
        });
      }
    }
    return { written, removed, changes };
  }

  #outOfGas(needed: bigint, kind = 'InsufficientGas', message?: string): ExecutionResult {
    const retry = new PtbExecutor(
      { ...this.#request, commands: [] },
      this.#registry,
      this.#layouts,
      this.#read,
    );
    return retry.#finish(
      {
        success: false,
        kind,
        message:
          message ??
          `Insufficient gas: the transaction needs ${needed} but its budget is ${this.#request.gasBudget}`,
      },
      [],
    );
  }
}
