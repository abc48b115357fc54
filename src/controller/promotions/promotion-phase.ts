// The Promotion's own early phases (Kargo's promotions reconciler): a new
// Promotion becomes Pending; one with an abort request ends Aborted, even
// while Pending, its Running step (if any) Aborted with it.

import { abortRequestOf, terminationMessage } from '../../engine/abort-request.js';
import type { Promotion, PromotionStatus } from '../../model/kargo.js';
import { isTerminalPromotionPhase } from '../../model/phases.js';

/** The status to write before admission, or undefined when there is nothing to do. */
export function earlyPhase(promotion: Promotion, now: string): PromotionStatus | undefined {
  const status = promotion.status ?? {};
  if (isTerminalPromotionPhase(status.phase)) return undefined;
  const abort = abortRequestOf(promotion);
  if (abort?.action === 'terminate') return terminated(status, abort.actor, now);
  if (!status.phase) return { ...structuredClone(status), phase: 'Pending' };
  return undefined;
}

export function terminated(current: PromotionStatus, actor: string | undefined, now: string): PromotionStatus {
  const status = structuredClone(current);
  const step = status.stepExecutionMetadata?.[status.currentStep ?? 0];
  if (step?.status === 'Running') {
    step.status = 'Aborted';
    step.finishedAt = now;
  }
  return { ...status, phase: 'Aborted', message: terminationMessage(actor), finishedAt: now };
}
