import { Args } from '@oclif/core';

// Positional arguments that several commands take, declared once so their wording stays the same.

/** A storage node of the devnet, by index or id (`resolveNodeIndex` reads it). */
export const nodeArg = Args.string({
  description: 'Node index (0-based, see `walrus node list`) or node id.',
  required: true,
});

/** A Blob object of the chain (`parseObjectId` reads it). */
export const blobObjectIdArg = Args.string({ description: 'The Blob object id.', required: true });
