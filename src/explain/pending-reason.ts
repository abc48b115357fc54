// The CLI's words for why a Promotion is still Pending (src/rules/pending-reason.ts).

import type { Promotion, Stage } from '../model/kargo.js';
import { type PendingReason, pendingReason } from '../rules/pending-reason.js';

/** One line for progress output, e.g. `queued behind prod.01j….abc1234 (1 ahead)`. */
export function describePendingReason(reason: PendingReason): string {
  switch (reason.kind) {
    case 'admitted':
      return 'admitted by the Stage; waiting for the controller to start it';
    case 'not-pending':
      return `no longer pending (${reason.phase})`;
    case 'running-ahead':
      return `waiting for Promotion ${reason.promotion} to finish (${reason.phase}); the Stage runs one Promotion at a time`;
    case 'queued-behind':
      return `queued behind Promotion ${reason.promotion} (${reason.position} ahead); the Stage runs them oldest first`;
    case 'awaiting-verification':
      return reason.verificationPhase
        ? `waiting for the verification of the Stage's current freight to finish (${reason.verificationPhase})`
        : `waiting for the Stage's current freight to be verified (verification not started yet${reason.health ? `; Stage health ${reason.health}` : ''})`;
    case 'awaiting-admission':
      return 'first in line; waiting for the Stage to admit it';
  }
}

/** pendingReason + describePendingReason; `now` is accepted for time-based hints. */
export function explainPendingPromotion(promotion: Promotion, stage: Stage, promotionsOfStage: Promotion[], now: Date): string {
  void now;
  return describePendingReason(pendingReason(promotion, stage, promotionsOfStage));
}
