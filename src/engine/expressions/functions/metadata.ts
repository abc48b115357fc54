// Kargo's freightMetadata() and stageMetadata(): the metadata the
// set-metadata step wrote into a Freight's or Stage's status; nil when the
// object or its metadata is missing.

import type { Freight, Stage } from '../../../model/kargo.js';
import { expectCount, expectString } from './args.js';

type Lookup = (...args: unknown[]) => Record<string, unknown> | null;

export function freightMetadataLookup(freight: readonly Freight[] = []): Lookup {
  return (...args) => {
    expectCount(args, 1);
    const name = expectString(args[0], 'first argument');
    if (name === '') throw new Error('freight ref name must not be empty');
    return freight.find((candidate) => candidate.metadata.name === name)?.status?.metadata ?? null;
  };
}

export function stageMetadataLookup(stages: readonly Stage[] = []): Lookup {
  return (...args) => {
    expectCount(args, 1);
    const name = expectString(args[0], 'argument');
    if (name === '') throw new Error('stage name must not be empty');
    return stages.find((candidate) => candidate.metadata.name === name)?.status?.metadata ?? null;
  };
}
