// The Stage's side of promotions (Kargo's RegularStageReconciler.syncPromotions):
// admit the highest-priority Promotion as `currentPromotion`, one at a time,
// not while the current Freight is still being verified; when it ends, record
// every newly finished Promotion as `lastPromotion` and each Succeeded one's
// collection on top of `freightHistory`. Pure: returns the Stage's new status.

import type { Promotion, PromotionReference, Stage, StageStatus } from '../../model/kargo.js';
import { isTerminalPromotionPhase } from '../../model/phases.js';
import { pendingReason } from '../../rules/pending-reason.js';
import { promotionOrder } from '../../rules/promotion-order.js';
import { deleteCondition, setCondition } from './conditions.js';

const MAX_FREIGHT_HISTORY = 10;

export function syncPromotions(stage: Stage, promotions: readonly Promotion[], now: string): StageStatus {
  const status: StageStatus = structuredClone(stage.status ?? {});
  const generation = stage.metadata.generation;
  const own = promotions.filter((promotion) => promotion.spec.stage === stage.metadata.name);
  if (own.length === 0) {
    deleteCondition(status, 'Promoting');
    delete status.currentPromotion;
    return status;
  }
  const sorted = [...own].sort(promotionOrder);
  const head = sorted[0] as Promotion;
  const current = stage.status?.currentPromotion;

  if (current && (current.name !== head.metadata.name || isTerminalPromotionPhase(head.status?.phase))) {
    deleteCondition(status, 'Promoting');
    delete status.currentPromotion;
    for (const promotion of newlyFinished(sorted, stage.status?.lastPromotion?.name)) record(status, promotion, generation, now);
    return status;
  }

  if (isTerminalPromotionPhase(head.status?.phase) || verificationHolds(head, stage, own)) {
    deleteCondition(status, 'Promoting');
    return status;
  }

  const name = head.metadata.name ?? '';
  setCondition(
    status,
    {
      type: 'Promoting',
      status: 'True',
      reason: 'ActivePromotion',
      message: `Promotion ${JSON.stringify(name)} is currently ${head.status?.phase ?? ''}`,
      ...(generation !== undefined ? { observedGeneration: generation } : {}),
    },
    now,
  );
  status.currentPromotion = { name, ...(head.status?.freight ? { freight: structuredClone(head.status.freight) } : {}) };
  return status;
}

/** The verification gate of the rules' queueing decision, for the head of the queue. */
function verificationHolds(head: Promotion, stage: Stage, own: readonly Promotion[]): boolean {
  const withoutAdmission: Stage = { ...stage, status: { ...stage.status } };
  delete withoutAdmission.status?.currentPromotion;
  return pendingReason({ ...head, status: { ...head.status, phase: 'Pending' } }, withoutAdmission, [...own]).kind === 'awaiting-verification';
}

/** Terminal Promotions newer (by name) than the last one recorded, oldest first. */
function newlyFinished(sorted: readonly Promotion[], lastName: string | undefined): Promotion[] {
  const finished: Promotion[] = [];
  for (const promotion of sorted) {
    const name = promotion.metadata.name ?? '';
    if (lastName !== undefined && name <= lastName) break;
    if (isTerminalPromotionPhase(promotion.status?.phase)) finished.push(promotion);
  }
  return finished.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

function record(status: StageStatus, promotion: Promotion, generation: number | undefined, now: string): void {
  const promotionStatus = structuredClone(promotion.status ?? {});
  const reference: PromotionReference = {
    name: promotion.metadata.name ?? '',
    status: promotionStatus,
    ...(promotionStatus.finishedAt ? { finishedAt: promotionStatus.finishedAt } : {}),
    ...(promotionStatus.freight ? { freight: structuredClone(promotionStatus.freight) } : {}),
  };
  // Aborted before it ever ran: keep the collection the Stage already had.
  const inherited = status.lastPromotion?.status?.freightCollection;
  if (!promotionStatus.startedAt && !promotionStatus.freightCollection && inherited) promotionStatus.freightCollection = inherited;
  status.lastPromotion = reference;
  if (promotion.status?.phase !== 'Succeeded') return;
  const collection = promotionStatus.freightCollection;
  if (collection) status.freightHistory = [structuredClone(collection), ...(status.freightHistory ?? [])].slice(0, MAX_FREIGHT_HISTORY);
  delete status.health;
  const observed = generation !== undefined ? { observedGeneration: generation } : {};
  setCondition(
    status,
    {
      type: 'Healthy',
      status: 'Unknown',
      reason: 'WaitingForHealthCheck',
      message: 'Waiting for health check to be performed after successful promotion',
      ...observed,
    },
    now,
  );
  setCondition(
    status,
    {
      type: 'Verified',
      status: 'Unknown',
      reason: 'WaitingForVerification',
      message: 'Waiting for verification to be performed after successful promotion',
      ...observed,
    },
    now,
  );
}
