// Why a Promotion is still Pending, in Kargo's queueing terms (kargo-semantics.md
// §6.1): a Stage runs one Promotion at a time, FIFO by name; and a healthy Stage
// admits the next one only after its current freight's verification has finished.

import type { Promotion, Stage } from '../model/kargo.js';
import { isTerminalPromotionPhase } from './promotion-phases.js';
import { isTerminalVerificationPhase } from './verification-tracking.js';

export function explainPendingPromotion(promotion: Promotion, stage: Stage, promotionsOfStage: Promotion[], _now: Date): string {
  const name = promotion.metadata.name ?? '';
  if (!promotion.status?.phase) return 'waiting for the Kargo controller to pick it up';
  const current = stage.status?.currentPromotion?.name;
  if (current === name) return 'admitted by the Stage; starting';
  if (current) {
    const running = promotionsOfStage.find((other) => other.metadata.name === current);
    return `queued behind promotion ${current}${running?.status?.phase ? ` (${running.status.phase})` : ''}`;
  }
  const ahead = promotionsOfStage
    .filter((other) => !isTerminalPromotionPhase(other.status?.phase) && (other.metadata.name ?? '') < name)
    .map((other) => other.metadata.name ?? '')
    .sort();
  if (ahead.length > 0) {
    const others = ahead.length > 1 ? ` and ${ahead.length - 1} more` : '';
    return `queued behind promotion ${ahead[0]}${others}`;
  }
  const top = stage.status?.freightHistory?.[0];
  const latest = top?.verificationHistory?.[0];
  const freight = Object.values(top?.items ?? {}).map((item) => item.name.slice(0, 7)).join(', ');
  if (latest && !isTerminalVerificationPhase(latest.phase)) {
    return `waiting for the verification of the Stage's current freight (${freight}) to finish (${latest.phase || 'Pending'})`;
  }
  const health = stage.status?.health?.status;
  if (top && !latest && (!health || health === 'Healthy')) {
    return `waiting for the Stage to verify its current freight (${freight}) before it admits the next promotion`;
  }
  return 'waiting for the Stage to admit it';
}
