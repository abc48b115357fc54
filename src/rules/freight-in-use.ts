// Freight a Stage currently holds cannot be deleted: Kargo's Freight webhook
// refuses with "freight is in-use by stages (…)", finding the Stages through its
// index of each Stage's current freight collection (pkg/indexer StagesByFreight).

import type { Stage } from '../model/kargo.js';

/** Names of the Stages whose current freight collection holds `freight`, in the order given. */
export function stagesUsingFreight(stages: Stage[], freight: string): string[] {
  return stages
    .filter((stage) => Object.values(stage.status?.freightHistory?.[0]?.items ?? {}).some((reference) => reference.name === freight))
    .map((stage) => stage.metadata.name ?? '');
}
