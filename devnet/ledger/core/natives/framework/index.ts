import type { NativeModule } from '../native-types.js';
import { balanceModule } from './balance.js';
import { clockModule, suiModule } from './clock-and-sui.js';
import { coinModule, urlModule } from './coin.js';
import { dynamicFieldModule, dynamicObjectFieldModule } from './dynamic-field.js';
import { objectModule, txContextModule } from './object.js';
import { asciiModule, optionModule, stringModule } from './std.js';
import { transferModule } from './transfer.js';

/** The Move standard library and Sui framework modules the ledger implements natively. */
export const frameworkModules: NativeModule[] = [
  optionModule,
  stringModule,
  asciiModule,
  objectModule,
  txContextModule,
  transferModule,
  balanceModule,
  coinModule,
  urlModule,
  suiModule,
  clockModule,
  dynamicFieldModule,
  dynamicObjectFieldModule,
];
