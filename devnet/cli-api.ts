/**
 * The part of the devnet's public API that the CLI loads on ordinary commands: the descriptor (where a running
 * devnet's endpoints are written), the state directory's recorded settings and checks, and the RedStuff blob
 * encoder (`walrus blob id`; loaded on first use). None of it loads the ledger, the RPC server or the storage nodes
 * (test/project/layers.test.ts holds that), so `walrus blob read` does not pay for booting code it never runs.
 * `devnet/index.ts` (`walrus-devkit/devnet`) re-exports all of it; `src/` imports the devnet through these two
 * files only.
 */

export type { DescriptorAccount, DescriptorNode, DevnetDescriptor } from './descriptor.js';
export { isProcessAlive, readDescriptor, removeDescriptor, serializeDescriptor } from './descriptor.js';
export {
  DevnetStateMismatchError,
  type DevnetStateSettings,
  isReplaceableStateDir,
  NotAStateDirError,
  readDevnetState,
  type StateConflict,
  stateConflicts,
} from './devnet-state.js';

/** The RedStuff blob encoder (the devnet's kernels), loaded on first use: most commands never encode. */
export async function loadBlobEncoder(): Promise<typeof import('./redstuff/blob-encoder.js').encodeBlob> {
  return (await import('./redstuff/blob-encoder.js')).encodeBlob;
}

/**
 * The RedStuff kernels the CLI's store and read use (encoder, decoder, one-sliver check, and the symbol decoder that
 * rebuilds one sliver from recovery symbols), loaded on first use.
 */
export async function loadRedStuffKernels(): Promise<{
  encodeBlob: typeof import('./redstuff/blob-encoder.js').encodeBlob;
  decodeBlob: typeof import('./redstuff/blob-decoder.js').decodeBlob;
  expandSliver: typeof import('./redstuff/sliver.js').expandSliver;
  decodeSymbols: typeof import('./redstuff/kernel.js').decodeSymbols;
}> {
  const [encoder, decoder, sliver, kernel] = await Promise.all([
    import('./redstuff/blob-encoder.js'),
    import('./redstuff/blob-decoder.js'),
    import('./redstuff/sliver.js'),
    import('./redstuff/kernel.js'),
  ]);
  return {
    encodeBlob: encoder.encodeBlob,
    decodeBlob: decoder.decodeBlob,
    expandSliver: sliver.expandSliver,
    decodeSymbols: kernel.decodeSymbols,
  };
}
