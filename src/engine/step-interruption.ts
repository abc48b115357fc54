// What the step loop returns when its signal fired: a termination (the
// Promotion is Aborted, a step in progress too) or the engine stopping
// (Errored, as Kargo words a cancelled context).

import type { StepExecutionMetadata } from '../model/kargo.js';
import type { Clock } from '../runtime/clock.js';
import { PromotionTermination, terminationMessage } from './abort-request.js';
import type { HealthCheck } from './step.js';
import type { StepLoopResult } from './step-loop.js';
import { markFinished } from './step-metadata.js';

/** The signal fired: a termination (Aborted) or the engine stopping (Errored, as Kargo's cancelled context). */
export function stoppedBySignal(
  reason: unknown,
  meta: StepExecutionMetadata,
  alias: string,
  index: number,
  healthChecks: HealthCheck[],
  clock: Clock,
): StepLoopResult {
  if (reason instanceof PromotionTermination) {
    if (meta.startedAt && !meta.finishedAt) {
      meta.status = 'Aborted';
      markFinished(meta, clock);
    }
    return { phase: 'Aborted', message: terminationMessage(reason.actor), currentStep: index, healthChecks };
  }
  const cause = reason instanceof Error ? reason.message : 'context canceled';
  if (meta.startedAt && !meta.finishedAt) {
    meta.status = 'Errored';
    meta.message = `step ${JSON.stringify(alias)} was canceled due to context cancellation: ${cause}`;
    markFinished(meta, clock);
  }
  return { phase: 'Errored', message: `execution canceled: ${cause}`, currentStep: index, healthChecks };
}
