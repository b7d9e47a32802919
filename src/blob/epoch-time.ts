import { bcs } from '@mysten/sui/bcs';
import { guard, type WalrusSession } from '../clients/walrus-session.js';

/** Sui's shared Clock object, and its layout (`id: UID, timestamp_ms: u64`). */
const CLOCK_ID = '0x6';
const ClockBcs = bcs.struct('Clock', { id: bcs.Address, timestamp_ms: bcs.u64() });

/** When Walrus epochs start, from the Staking object: the current epoch's start and the epoch length. */
export interface EpochClock {
  epoch: number;
  durationMs: number;
  /** Start of the current epoch, in wall-clock ms since 1970. */
  startMs: number;
  /** Start of epoch `n` in wall-clock ms, assuming every epoch from here on lasts `durationMs` as scheduled. */
  startOf(n: number): number;
}

/**
 * Reads the epoch schedule the contract keeps (`epoch_duration`, and the time of the last epoch change in
 * `epoch_state`; during an epoch change, `first_epoch_start` plus whole epochs). Expiry times derived from it are
 * estimates: epochs change when the network runs the change, close to the schedule.
 */
export async function epochClock(session: WalrusSession): Promise<EpochClock> {
  const [state, chainNow] = await Promise.all([
    guard(() => session.walrus.stakingState()),
    chainTime(session),
  ]);
  const durationMs = Number(state.epoch_duration);
  const epochState = state.epoch_state as {
    EpochChangeDone?: string | number;
    NextParamsSelected?: string | number;
  };
  const last = epochState.EpochChangeDone ?? epochState.NextParamsSelected;
  const chainStart =
    last !== undefined
      ? Number(last)
      : Number(state.first_epoch_start) + Math.max(0, state.epoch - 1) * durationMs;
  // Epoch times are chain times; `walrus epoch advance` moves a devnet's chain clock ahead of the wall clock.
  const startMs = chainStart + (Date.now() - chainNow);
  return {
    epoch: state.epoch,
    durationMs,
    startMs,
    startOf: (n) => startMs + (n - state.epoch) * durationMs,
  };
}

/** The chain's time now (the Clock object), in ms; the wall clock if it cannot be read. */
async function chainTime(session: WalrusSession): Promise<number> {
  const { object } = await guard(() =>
    session.sui.core.getObject({ objectId: CLOCK_ID, include: { content: true } }),
  );
  const content = object.content as Uint8Array | undefined;
  return content ? Number(ClockBcs.parse(content).timestamp_ms) : Date.now();
}
