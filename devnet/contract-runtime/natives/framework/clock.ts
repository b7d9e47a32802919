/** `0x2::clock` (contracts/sui/sources/clock.move): the shared Clock at 0x6, moved by the ledger. */
import { field, implement } from '../support/implement.js';

/** The natives of `0x2::clock`. */
export const clockNatives = implement('clock', { timestamp_ms: field('timestamp_ms') });
