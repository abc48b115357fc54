// Kargo's mustPerformUpdate: whether argocd-update must (re)start a sync of
// the Application, judging its current operation — someone else's still
// running (wait), one of this Promotion's running (wait) or finished (done if
// it synced the desired revisions, else sync again).

import { isCompleted, sourcesOf, type Application, type OperationPhase } from './application.js';
import { operationPromotion } from './sync-request.js';

export interface OperationCheck {
  /** The phase to report when no update is needed ('' when unknown). */
  phase: OperationPhase | '';
  mustUpdate: boolean;
  /** Why it waits, or why it syncs again. */
  reason?: string;
}

export function checkOperation(app: Application, promotion: string, desiredRevisions: readonly string[]): OperationCheck {
  const state = app.status?.operationState;
  if (!state) return { phase: '', mustUpdate: true };
  const phase = state.phase ?? 'Running';
  const startedFor = operationPromotion(state.operation);
  if (startedFor === undefined) {
    if (!isCompleted(phase)) {
      const by = state.operation?.initiatedBy?.username ?? '';
      return { phase, mustUpdate: false, reason: `current operation was initiated by ${JSON.stringify(by)}: waiting for operation to complete` };
    }
    return { phase: '', mustUpdate: true };
  }
  if (startedFor !== promotion) {
    if (!isCompleted(phase)) {
      return { phase, mustUpdate: false, reason: `current operation was not initiated for Promotion ${promotion}: waiting for operation to complete` };
    }
    return { phase: '', mustUpdate: true };
  }
  if (!isCompleted(phase)) return { phase, mustUpdate: false };
  if (!state.syncResult) return { phase: '', mustUpdate: true, reason: 'operation completed without a sync result' };
  if (desiredRevisions.length === 0 || sourcesOf(app).length === 0) return { phase, mustUpdate: false };
  const observed = state.syncResult.revisions?.length ? state.syncResult.revisions : [state.syncResult.revision ?? ''];
  const mismatch = observed.some((revision, index) => desiredRevisions[index] && revision !== desiredRevisions[index]);
  if (mismatch) {
    return {
      phase: '',
      mustUpdate: true,
      reason: `sync result revisions [${observed.join(' ')}] do not match desired revisions [${desiredRevisions.join(' ')}]`,
    };
  }
  return { phase, mustUpdate: false };
}
