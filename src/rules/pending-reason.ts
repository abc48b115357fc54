// Why a Promotion is still Pending, as the Stage controller's queueing decides
// (kargo-semantics.md §6.1): one Promotion at a time per Stage, Running first, then
// the other non-terminal ones oldest first by the ULID in their names, and a healthy
// Stage finishes verifying its current Freight before admitting the next one.

import type { Promotion, Stage } from '../model/kargo.js';
import { promotionOrder } from './promotion-order.js';
import { isTerminalPromotionPhase, isTerminalVerification } from '../model/phases.js';

export type PendingReason =
  | { kind: 'admitted' } // currentPromotion names it: the controller will start it shortly
  | { kind: 'not-pending'; phase: string }
  | { kind: 'running-ahead'; promotion: string; phase: string } // another Promotion is running / admitted
  | { kind: 'queued-behind'; promotion: string; position: number } // `position` Promotions run before it; `promotion` is the next
  | { kind: 'awaiting-verification'; collection?: string; verificationPhase: string; health?: string } // '' phase: not started
  | { kind: 'awaiting-admission' }; // head of the queue, stage has not admitted it yet

export function pendingReason(promotion: Promotion, stage: Stage, promotionsOfStage: Promotion[]): PendingReason {
  const name = promotion.metadata.name ?? '';
  const phase = promotion.status?.phase ?? '';
  if (phase !== '' && phase !== 'Pending') return { kind: 'not-pending', phase };
  const admitted = stage.status?.currentPromotion?.name;
  if (admitted === name) return { kind: 'admitted' };

  const others = promotionsOfStage.filter((other) => other.metadata.name !== name && other.spec.stage === promotion.spec.stage);
  const running = others.find((other) => other.status?.phase === 'Running') ?? others.find((other) => other.metadata.name === admitted);
  if (running?.metadata.name) return { kind: 'running-ahead', promotion: running.metadata.name, phase: running.status?.phase || 'Pending' };

  const queue = [...others.filter((other) => !isTerminalPromotionPhase(other.status?.phase)), promotion].sort(promotionOrder);
  const position = queue.indexOf(promotion);
  if (position > 0) return { kind: 'queued-behind', promotion: queue[position - 1]?.metadata.name ?? '', position };

  return verificationGate(stage) ?? { kind: 'awaiting-admission' };
}

/**
 * The Stage holds the head of the queue back while any verification of its current
 * collection is unfinished, and, when it is Healthy (or not yet assessed), until
 * the latest verification has a result.
 */
function verificationGate(stage: Stage): PendingReason | undefined {
  const current = stage.status?.freightHistory?.[0];
  if (!current) return undefined;
  const history = current.verificationHistory ?? [];
  const health = stage.status?.health?.status;
  const context = { ...(current.id ? { collection: current.id } : {}), ...(health ? { health } : {}) };
  const unfinished = history.find((info) => !isTerminalVerification(info.phase));
  if (unfinished) return { kind: 'awaiting-verification', ...context, verificationPhase: unfinished.phase || 'Pending' };
  const healthyOrUnknown = health === undefined || health === 'Healthy';
  if (healthyOrUnknown && history.length === 0) return { kind: 'awaiting-verification', ...context, verificationPhase: '' };
  return undefined;
}
