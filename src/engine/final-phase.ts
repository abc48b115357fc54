// Kargo's DetermineFinalPhase: the worst status among steps without
// continueOnError decides the Promotion's phase, and its message is the
// Promotion's message.

import type { PromotionPhase, StepExecutionMetadata, StepStatus } from '../model/kargo.js';

const SEVERITY: Record<StepStatus, number> = { Succeeded: 0, Skipped: 1, Running: 2, Aborted: 3, Failed: 4, Errored: 5 };

export function finalPhase(continueOnError: readonly boolean[], metas: readonly StepExecutionMetadata[]): { phase: PromotionPhase; message: string } {
  let worst = 'Succeeded' as StepStatus;
  let message = '';
  for (const [index, meta] of metas.entries()) {
    if (continueOnError[index]) continue;
    const status = meta.status ?? 'Succeeded';
    if (SEVERITY[status] > SEVERITY[worst]) {
      worst = status;
      message = meta.message ?? '';
    }
  }
  switch (worst) {
    case 'Succeeded':
    case 'Skipped':
      return { phase: 'Succeeded', message };
    case 'Aborted':
      return { phase: 'Aborted', message };
    case 'Failed':
      return { phase: 'Failed', message };
    default:
      return { phase: 'Errored', message };
  }
}
