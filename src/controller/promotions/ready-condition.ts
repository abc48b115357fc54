// The Stage's `Ready` condition, summarised from the others as Kargo's
// summarizeConditions does: promoting → not Ready (its reason); a last
// Promotion that did not succeed → LastPromotion<Phase>; then not Healthy;
// then not Verified; else Ready with Verified's words, `Reconciling` dropped
// and `observedGeneration` caught up. Pure; changes `status`.

import type { Condition, Stage, StageStatus } from '../../model/kargo.js';
import { isTerminalPromotionPhase } from '../../model/phases.js';
import { deleteCondition, setCondition } from './conditions.js';

interface Words {
  reason?: string | undefined;
  message?: string | undefined;
}

export function summarizeReady(stage: Stage, status: StageStatus, now: string): void {
  const generation = stage.metadata.generation;
  const observed = generation !== undefined ? { observedGeneration: generation } : {};
  const blocker = notReadyBecause(status);
  const words = blocker ?? conditionOf(status, 'Verified') ?? {};
  setCondition(
    status,
    {
      type: 'Ready',
      status: blocker ? 'False' : 'True',
      ...(words.reason ? { reason: words.reason } : {}),
      ...(words.message ? { message: words.message } : {}),
      ...observed,
    },
    now,
  );
  if (blocker) return;
  deleteCondition(status, 'Reconciling');
  if (generation !== undefined) status.observedGeneration = generation;
}

/** summarizeConditions given a failed sub-reconciler: not Ready (`ReconcileError`), Reconciling to retry. */
export function summarizeError(stage: Stage, status: StageStatus, message: string, now: string): void {
  const generation = stage.metadata.generation;
  const observed = generation !== undefined ? { observedGeneration: generation } : {};
  setCondition(status, { type: 'Ready', status: 'False', reason: 'ReconcileError', message, ...observed }, now);
  setCondition(status, { type: 'Reconciling', status: 'True', reason: 'RetryAfterError', ...observed }, now);
}

function notReadyBecause(status: StageStatus): Words | undefined {
  const promoting = conditionOf(status, 'Promoting');
  if (promoting) return promoting;
  const last = status.lastPromotion?.status;
  if (last && isTerminalPromotionPhase(last.phase) && last.phase !== 'Succeeded') return { reason: `LastPromotion${last.phase}`, message: last.message };
  const healthy = conditionOf(status, 'Healthy');
  if (healthy?.status !== 'True') return healthy ?? { reason: 'Unhealthy', message: 'Stage is not healthy' };
  const verified = conditionOf(status, 'Verified');
  if (verified?.status !== 'True') return verified ?? { reason: 'PendingVerification', message: 'Stage is not verified' };
  return undefined;
}

function conditionOf(status: StageStatus, type: string): Condition | undefined {
  return status.conditions?.find((condition) => condition.type === type);
}
