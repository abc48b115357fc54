// The Stage's `freightSummary` (Kargo's buildFreightSummary): the Freight's
// name when one of one is there, else `<have>/<requested> Fulfilled`.

import type { Stage, StageStatus } from '../../model/kargo.js';

export function freightSummary(stage: Stage, status: StageStatus): string {
  const requested = stage.spec.requestedFreight?.length ?? 0;
  const current = status.freightHistory?.[0];
  if (!current) return `0/${requested} Fulfilled`;
  const names = Object.values(current.items ?? {});
  if (requested === 1 && names.length === 1) return names[0]?.name ?? '';
  return `${names.length}/${requested} Fulfilled`;
}
