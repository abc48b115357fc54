// The Promotion-wide part of the expression environment (Kargo's BuildCtxMap
// inputs and the freight functions' data); the runner adds per-step parts.

import { ANNOTATION_TRUE, CREATE_ACTOR_ANNOTATION, ROLLBACK_ANNOTATION } from '../model/annotations.js';
import type { FreightCollection, FreightReference } from '../model/kargo.js';
import { collectionReferences } from './freight-collection.js';
import type { PromotionRunInput } from './runner.js';
import type { PromotionExpressionData } from './step-evaluation.js';

export function promotionExpressionData(input: PromotionRunInput, freight: FreightReference, collection: FreightCollection): PromotionExpressionData {
  const { promotion } = input;
  const annotations = promotion.metadata.annotations ?? {};
  const actor = annotations[CREATE_ACTOR_ANNOTATION];
  return {
    ...input.snapshot,
    project: promotion.metadata.namespace ?? '',
    stage: promotion.spec.stage,
    promotion: promotion.metadata.name ?? '',
    ...(input.uiBaseUrl ? { uiBaseUrl: input.uiBaseUrl } : {}),
    ...(actor ? { promotionActor: actor } : {}),
    rollback: annotations[ROLLBACK_ANNOTATION] === ANNOTATION_TRUE,
    targetFreight: { name: freight.name, alias: input.freight?.alias ?? '', origin: { name: freight.origin?.name ?? '' } },
    freightRequests: input.stage.spec.requestedFreight ?? [],
    freight: collectionReferences(collection),
  };
}
