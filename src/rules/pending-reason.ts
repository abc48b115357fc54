// Why a Promotion is still Pending, as the Stage controller's queueing decides
// (kargo-semantics.md §6.1): one Promotion at a time per Stage, FIFO by name, and
// a healthy Stage finishes verifying its current Freight before admitting the next.

import type { Promotion, Stage } from '../model/kargo.js';

export type PendingReason =
  | { kind: 'admitted' } // currentPromotion names it: the controller will start it shortly
  | { kind: 'not-pending'; phase: string }
  | { kind: 'running-ahead'; promotion: string } // another Promotion is running / admitted
  | { kind: 'queued-behind'; promotion: string; position: number } // older non-terminal Promotions first
  | { kind: 'awaiting-verification'; collection?: string; verificationPhase: string }
  | { kind: 'awaiting-admission' }; // head of the queue, stage has not admitted it yet

export function pendingReason(promotion: Promotion, stage: Stage, promotionsOfStage: Promotion[]): PendingReason {
  throw new Error(`not implemented: ${promotion.metadata.name} ${stage.metadata.name} ${promotionsOfStage.length}`);
}

/** One line for progress output, e.g. `queued behind prod.01j….abc1234 (running)`. */
export function describePendingReason(reason: PendingReason): string {
  throw new Error(`not implemented: ${reason.kind}`);
}

/** pendingReason + describePendingReason; `now` is accepted for future time-based hints. */
export function explainPendingPromotion(promotion: Promotion, stage: Stage, promotionsOfStage: Promotion[], now: Date): string {
  throw new Error(`not implemented: ${promotion.metadata.name} ${stage.metadata.name} ${promotionsOfStage.length} ${now.toISOString()}`);
}
