// Kargo re-checks, every time it runs a Promotion, that its Freight may
// still go to the Stage (Stage.IsFreightAvailable); this is that check.

import type { Freight, Stage } from '../model/kargo.js';
import { explainAvailability } from '../rules/availability.js';
import type { ClusterSnapshot } from './snapshot.js';

export function freightUnavailableMessage(freight: Freight, stage: Stage, snapshot: ClusterSnapshot, now: Date): string | undefined {
  const stagesByName = new Map((snapshot.stages ?? []).map((candidate) => [candidate.metadata.name ?? '', candidate]));
  if (explainAvailability(freight, stage, { now, stagesByName }).available) return undefined;
  return (
    `Freight ${JSON.stringify(freight.metadata.name ?? '')} is not available to Stage ` +
    `${JSON.stringify(stage.metadata.name ?? '')} in namespace ${JSON.stringify(stage.metadata.namespace ?? '')}`
  );
}
