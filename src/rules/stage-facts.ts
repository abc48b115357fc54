// Facts about a Stage's shape that several rules depend on (kargo-semantics.md §1.5).

import type { FreightOrigin, FreightRequest, Stage } from '../model/kargo.js';

/** A Stage without promotion steps only routes Freight: Kargo's Stage.IsControlFlow(). */
export function isControlFlowStage(stage: Stage): boolean {
  return (stage.spec.promotionTemplate?.spec?.steps ?? []).length === 0;
}

/** A target-aware Stage is promoted with a PromotionRequest, never a plain Promotion. */
export function selectsTargets(stage: Stage): boolean {
  return stage.spec.targets !== undefined && stage.spec.targets !== null;
}

export function sameOrigin(a: FreightOrigin | undefined, b: FreightOrigin | undefined): boolean {
  return a !== undefined && b !== undefined && a.kind === b.kind && a.name === b.name;
}

/** The Stage's requestedFreight entry for an origin (Kargo forbids duplicates). */
export function requestFor(stage: Stage, origin: FreightOrigin | undefined): FreightRequest | undefined {
  return (stage.spec.requestedFreight ?? []).find((request) => sameOrigin(request.origin, origin));
}
