// The status of a control-flow Stage (Kargo's ControlFlowStageReconciler
// initializeStatus and the end of its reconcile): only the Ready and
// Reconciling conditions survive, no history, health or promotions, the
// summary "N/A"; Ready is True once its Freight is verified, else False with
// why. Pure.

import type { Stage, StageStatus } from '../../model/kargo.js';
import { REFRESH_ANNOTATION } from '../../model/annotations.js';
import { deleteCondition, setCondition } from '../promotions/conditions.js';

export function controlFlowStatus(stage: Stage, now: string, failure?: { reason: string; retryReason: string; message: string }): StageStatus {
  const before = stage.status ?? {};
  const status: StageStatus = structuredClone(before);
  const generation = stage.metadata.generation ?? 0;
  if (generation > (before.observedGeneration ?? 0)) status.observedGeneration = generation;
  const refresh = stage.metadata.annotations?.[REFRESH_ANNOTATION];
  if (refresh !== undefined) status.lastHandledRefresh = refresh;
  status.conditions = (before.conditions ?? []).filter((condition) => condition.type === 'Ready' || condition.type === 'Reconciling');
  delete status.freightHistory;
  delete status.health;
  delete status.currentPromotion;
  delete status.lastPromotion;
  status.freightSummary = 'N/A';
  delete status.autoPromotionEnabled;
  if (failure) {
    setCondition(status, { type: 'Reconciling', status: 'True', reason: failure.retryReason, message: failure.message }, now);
    setCondition(status, { type: 'Ready', status: 'False', reason: failure.reason, message: failure.message }, now);
    return status;
  }
  setCondition(status, { type: 'Ready', status: 'True', reason: 'Ready' }, now);
  deleteCondition(status, 'Reconciling');
  return status;
}
