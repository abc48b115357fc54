// Kargo v1.11.2's auto-promotion holds (webhook syncHoldAnnotations and the Stage
// controller's computeEffectiveAutoPromotionHolds): on a Stage that auto-promotes,
// a person's Promotion of Freight other than the origin's candidate (a rollback,
// say) holds auto-promotion for that origin; promoting the candidate resumes it.
// The newest Succeeded Promotion carrying either intent decides.

import { AUTO_PROMOTION_HOLD_ANNOTATION, AUTO_PROMOTION_RESUME_ANNOTATION } from '../model/annotations.js';
import { type Freight, type FreightOrigin, originKey, type Promotion } from '../model/kargo.js';
import { compareStrings } from '../runtime/compare-strings.js';

/** The annotation a person's Promotion of `freight` carries, given the origin's current candidate. */
export function autoPromotionIntent(freight: Freight, candidate: Freight | undefined): Record<string, string> {
  if (!freight.origin) return {};
  const key = originKey(freight.origin);
  const isCandidate = candidate?.metadata.name === freight.metadata.name;
  return { [isCandidate ? AUTO_PROMOTION_RESUME_ANNOTATION : AUTO_PROMOTION_HOLD_ANNOTATION]: key };
}

/** Whether auto-promotion of `origin` is held for the Stage these Promotions belong to. */
export function autoPromotionHeld(promotions: readonly Promotion[], stage: string, origin: FreightOrigin): boolean {
  const key = originKey(origin);
  const deciding = promotions
    .filter((promotion) => promotion.spec.stage === stage && promotion.status?.phase === 'Succeeded')
    .filter((promotion) => {
      const annotations = promotion.metadata.annotations ?? {};
      return annotations[AUTO_PROMOTION_HOLD_ANNOTATION] === key || annotations[AUTO_PROMOTION_RESUME_ANNOTATION] === key;
    })
    // Promotion names carry a ULID after the Stage's name: name order is creation order.
    .sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''))
    .pop();
  return deciding?.metadata.annotations?.[AUTO_PROMOTION_HOLD_ANNOTATION] === key;
}
