// Phase order and completion, as Argo Rollouts' utils/analysis/helpers.go
// defines them.

import type { AnalysisPhase } from '../model/analysis.js';

/** Best to worst (analysisStatusOrder). */
const ORDER: readonly AnalysisPhase[] = ['Successful', 'Running', 'Pending', 'Inconclusive', 'Error', 'Failed'];

export function isCompleted(phase: AnalysisPhase | '' | undefined): boolean {
  return phase === 'Successful' || phase === 'Failed' || phase === 'Error' || phase === 'Inconclusive';
}

/** Whether `next` is a worse outcome than `current` (IsWorse); an unknown phase ranks as Successful. */
export function isWorse(current: AnalysisPhase, next: AnalysisPhase): boolean {
  return Math.max(ORDER.indexOf(next), 0) > Math.max(ORDER.indexOf(current), 0);
}

export function worst(left: AnalysisPhase, right: AnalysisPhase): AnalysisPhase {
  return isWorse(left, right) ? right : left;
}
