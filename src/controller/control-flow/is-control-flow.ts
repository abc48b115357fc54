// Kargo's Stage.IsControlFlow: a Stage with no promotion steps only
// gathers Freight for the Stages downstream of it.

import type { Stage } from '../../model/kargo.js';

export function isControlFlow(stage: Stage): boolean {
  return (stage.spec.promotionTemplate?.spec?.steps?.length ?? 0) === 0;
}
