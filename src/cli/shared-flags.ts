import { Flags } from '@oclif/core';

// Flags that several commands take, declared once so their wording stays the same.

/** The devnet's state directory (`dev up`, `dev reset`). */
export const stateDirFlag = Flags.string({
  description: 'State directory (default devnet.stateDir, else devnet/ in .walrus or $WALRUS_HOME).',
});
