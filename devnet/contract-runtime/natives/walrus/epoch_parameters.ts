/**
 * Natives of `walrus::epoch_parameters`: the capacity and prices the committee's votes select for
 * the next epoch. No public functions; `system_state_inner` reads the parameters' fields.
 */
import type { NativeContext } from '../../../ledger/core/natives/native-types.js';
import type { EpochParamsValue } from '../../generated/move-types.js';

/** Creates the parameters (Move `epoch_parameters::new`; exported as `new` and `newEpochParams`). */
export function newEpochParams(
  _ctx: NativeContext,
  totalCapacitySize: bigint,
  storagePricePerUnitSize: bigint,
  writePricePerUnitSize: bigint,
): EpochParamsValue {
  return {
    total_capacity_size: totalCapacitySize,
    storage_price_per_unit_size: storagePricePerUnitSize,
    write_price_per_unit_size: writePricePerUnitSize,
  };
}
export { newEpochParams as new };
