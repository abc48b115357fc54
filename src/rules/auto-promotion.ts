// The auto-promotion candidate for one origin of a Stage, which `promote --warehouse`
// promotes (kargo-semantics.md §2.4, §2.5): the newest Freight of the
// "available Freight" list, with MatchUpstream's extra rules.

import type { Freight, FreightOrigin, Stage } from '../model/kargo.js';

export type AutoPromotionOutcome =
  | { kind: 'candidate'; freight: Freight; considered: Freight[] }
  | { kind: 'none'; reason: 'origin-not-requested' | 'no-available-freight' | 'match-upstream-ambiguous'; message: string; considered: Freight[] };

export function autoPromotionCandidate(stage: Stage, origin: FreightOrigin, freight: Freight[], now: Date): AutoPromotionOutcome {
  throw new Error(`not implemented: ${stage.metadata.name} ${origin.name} ${freight.length} ${now.toISOString()}`);
}
