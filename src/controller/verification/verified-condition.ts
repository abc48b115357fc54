// The Stage's `Verified` condition from its current collection's history, as
// Kargo's verifyStageFreight sets it when it returns: True once any entry
// succeeded, else from the latest entry's phase. Pure; changes `status`.

import type { Condition, StageStatus, VerificationInfo } from '../../model/kargo.js';
import { setCondition } from '../promotions/conditions.js';

export function setVerifiedCondition(status: StageStatus, generation: number | undefined, now: string): void {
  const history = status.freightHistory?.[0]?.verificationHistory ?? [];
  if (history.length === 0) return;
  const observed = generation !== undefined ? { observedGeneration: generation } : {};
  if (history.some((info) => info.phase === 'Successful')) {
    setCondition(status, { type: 'Verified', status: 'True', reason: 'Verified', message: 'Freight has been verified', ...observed }, now);
    return;
  }
  const latest = history[0] as VerificationInfo;
  const condition = conditionFor(latest);
  // Kargo leaves observedGeneration out for an unknown phase.
  setCondition(status, condition.reason === 'UnknownVerificationPhase' ? condition : { ...condition, ...observed }, now);
}

function conditionFor(latest: VerificationInfo): Omit<Condition, 'lastTransitionTime'> {
  const message = latest.message ?? '';
  switch (latest.phase) {
    case 'Pending':
      return { type: 'Verified', status: 'Unknown', reason: 'VerificationPending', message: 'Freight is pending verification' };
    case 'Running':
      return { type: 'Verified', status: 'Unknown', reason: 'VerificationRunning', message: 'Freight is currently being verified' };
    case 'Failed':
    case 'Error':
      return { type: 'Verified', status: 'False', reason: `Verification${latest.phase}`, message };
    case 'Aborted':
      return { type: 'Verified', status: 'False', reason: 'VerificationAborted', message };
    case 'Inconclusive':
      return { type: 'Verified', status: 'Unknown', reason: 'VerificationInconclusive', message };
    default:
      return {
        type: 'Verified',
        status: 'Unknown',
        reason: 'UnknownVerificationPhase',
        message: `Freight verification is in an unknown phase: ${latest.phase ?? ''}`,
      };
  }
}
