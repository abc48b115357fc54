// Kargo's verifyStageFreight for a Stage without `spec.verification`: once
// the Stage is Healthy and nothing is promoting, its current collection is
// verified at once (a Successful VerificationInfo with no AnalysisRun).
// Stages with AnalysisTemplates are left to the verification reconciler
// (not built yet). Also the `Verified` condition. Pure; changes `status`.

import { randomUUID } from 'node:crypto';
import type { Stage, StageStatus } from '../../model/kargo.js';
import { isTerminalVerification } from '../../model/phases.js';
import { setCondition } from './conditions.js';

export function verifyImplicitly(stage: Stage, status: StageStatus, now: string, newId: () => string = randomUUID): void {
  const observed = stage.metadata.generation !== undefined ? { observedGeneration: stage.metadata.generation } : {};
  const current = status.freightHistory?.[0];
  if (!current) {
    setCondition(status, { type: 'Verified', status: 'Unknown', reason: 'NoFreight', message: 'Stage has no current Freight to verify', ...observed }, now);
    return;
  }
  if (status.currentPromotion) return;
  const history = current.verificationHistory ?? [];
  const latest = history[0];
  if (latest && !isTerminalVerification(latest.phase)) return;
  if (!latest && status.health?.status === 'Healthy' && !stage.spec.verification) {
    current.verificationHistory = [{ id: newId(), startTime: now, finishTime: now, phase: 'Successful' as const }, ...history].slice(0, 10);
  }
  if ((current.verificationHistory ?? []).some((info) => info.phase === 'Successful')) {
    setCondition(status, { type: 'Verified', status: 'True', reason: 'Verified', message: 'Freight has been verified', ...observed }, now);
  }
}

/** Kargo's markFreightVerifiedForStage: which Freight to mark verified in the Stage, and when. */
export function verifiedFreight(status: StageStatus): { names: string[]; verifiedAt: string } | undefined {
  if (status.health?.status !== 'Healthy') return undefined;
  const current = status.freightHistory?.[0];
  const history = current?.verificationHistory ?? [];
  if (!current || history.length === 0 || history.some((info) => !isTerminalVerification(info.phase))) return undefined;
  const latest = history[0];
  if (latest?.phase !== 'Successful' || !latest.finishTime) return undefined;
  return { names: Object.values(current.items ?? {}).map((reference) => reference.name), verifiedAt: latest.finishTime };
}

/** `freightSummary` (buildFreightSummary). */
export function freightSummary(stage: Stage, status: StageStatus): string {
  const requested = stage.spec.requestedFreight?.length ?? 0;
  const current = status.freightHistory?.[0];
  if (!current) return `0/${requested} Fulfilled`;
  const names = Object.values(current.items ?? {});
  if (requested === 1 && names.length === 1) return names[0]?.name ?? '';
  return `${names.length}/${requested} Fulfilled`;
}
