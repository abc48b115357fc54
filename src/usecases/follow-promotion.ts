// `--wait` for a Promotion: follows it by watch until its phase is terminal, and
// while it is Pending keeps asking the Stage why (queued, waiting for verification,
// not admitted yet), so a CI log never sits silent on "Pending".

import type { ReconnectInfo } from '../kube/informer.js';
import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Promotion, Stage } from '../model/kargo.js';
import { explainPendingPromotion } from '../explain/pending-reason.js';
import { STAGE_LABEL } from '../model/labels.js';
import { shortenLabelValue } from '../rules/promotion-name.js';
import { isTerminalPromotionPhase } from '../model/phases.js';
import { watchObject } from './watch-object.js';

export interface PromotionSnapshot {
  promotion: Promotion;
  /** Set while the Promotion is Pending (or not yet picked up by the controller). */
  pendingReason?: string;
}

export interface FollowPromotionOptions {
  signal: AbortSignal;
  onChange(snapshot: PromotionSnapshot): void;
  /** How often the pending reason is re-read while Pending. */
  pendingRefreshMs?: number;
  now(): Date;
  /** The cluster stopped answering; the watch is being re-opened. */
  onReconnecting?(info: ReconnectInfo): void;
  onReconnected?(): void;
}

export type FollowPromotionResult = { kind: 'terminal'; promotion: Promotion } | { kind: 'deleted'; last?: Promotion } | { kind: 'stopped'; last?: Promotion };

export async function followPromotion(client: KubeClient, namespace: string, name: string, options: FollowPromotionOptions): Promise<FollowPromotionResult> {
  let latest: Promotion | undefined;
  let reason: string | undefined;
  const emit = () => {
    if (latest) options.onChange({ promotion: latest, ...(reason ? { pendingReason: reason } : {}) });
  };

  const refreshReason = async () => {
    if (!latest || !isWaitingToRun(latest)) {
      reason = undefined;
      return;
    }
    const next = await readPendingReason(client, namespace, latest, options.now()).catch(() => reason);
    if (next !== reason) {
      reason = next;
      emit();
    }
  };
  const reasonLoop = pollWhilePending(options, refreshReason);

  try {
    for await (const promotion of watchObject<Promotion>(client, resources.promotion, namespace, name, {
      signal: options.signal,
      ...(options.onReconnecting ? { onReconnecting: (info: ReconnectInfo) => options.onReconnecting?.(info) } : {}),
      ...(options.onReconnected ? { onReconnected: () => options.onReconnected?.() } : {}),
    })) {
      if (!promotion) return { kind: 'deleted', ...(latest ? { last: latest } : {}) };
      latest = promotion;
      if (!isWaitingToRun(promotion)) reason = undefined;
      emit();
      if (isTerminalPromotionPhase(promotion.status?.phase)) return { kind: 'terminal', promotion };
      if (isWaitingToRun(promotion) && reason === undefined) await refreshReason();
    }
    return { kind: 'stopped', ...(latest ? { last: latest } : {}) };
  } catch (error) {
    if (options.signal.aborted) return { kind: 'stopped', ...(latest ? { last: latest } : {}) };
    throw error;
  } finally {
    reasonLoop.stop();
  }
}

function isWaitingToRun(promotion: Promotion): boolean {
  const phase = promotion.status?.phase;
  return !phase || phase === 'Pending';
}

async function readPendingReason(client: KubeClient, namespace: string, promotion: Promotion, now: Date): Promise<string> {
  const [stage, promotions] = await Promise.all([
    client.get<Stage>(resources.stage, promotion.spec.stage, namespace),
    client.list<Promotion>(resources.promotion, namespace, { labelSelector: `${STAGE_LABEL}=${shortenLabelValue(promotion.spec.stage)}` }),
  ]);
  const siblings = promotions.items.filter((other) => other.spec.stage === promotion.spec.stage);
  return explainPendingPromotion(promotion, stage, siblings, now);
}

function pollWhilePending(options: FollowPromotionOptions, refresh: () => Promise<void>): { stop(): void } {
  const interval = options.pendingRefreshMs ?? 5_000;
  const timer = setInterval(() => void refresh(), interval);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
