// After a step ran: its result folded into its metadata, and whether it is
// done (Kargo's reconcileResultWithMetadata and determineStepCompletion):
// terminal errors end it, other errors count against retry.errorThreshold,
// and a Running step ends when retry.timeout has passed since it started.

import type { PromotionStep, StepExecutionMetadata } from '../model/kargo.js';
import { parseGoDuration } from '../rules/duration.js';
import type { Clock } from '../runtime/clock.js';
import { formatGoDuration } from './go-duration.js';
import type { RegisteredStep } from './registry.js';
import { StepError, type StepExecution } from './step-execution.js';
import { markFinished } from './step-metadata.js';

/** Kargo's system default when neither the step nor its runner sets a threshold. */
const DEFAULT_ERROR_THRESHOLD = 1;

export interface Completion {
  done: boolean;
  /** The error to report on the Promotion while it stays Running. */
  error?: string;
}

export function completeStep(
  meta: StepExecutionMetadata,
  step: PromotionStep,
  alias: string,
  runner: RegisteredStep,
  execution: StepExecution,
  clock: Clock,
): Completion {
  const { result } = execution;
  meta.status = result.status;
  meta.message = result.message ?? '';
  let error = execution.error;
  if (error) {
    if (meta.status !== 'Failed') meta.status = 'Errored';
    meta.message = error.message;
  } else if (result.status === 'Errored') {
    error = new StepError(`step ${JSON.stringify(alias)} errored: ${meta.message || 'no details provided'}`, false);
  }

  if (meta.message === '') delete meta.message;
  if (meta.status === 'Succeeded' || meta.status === 'Skipped') return finish(meta, clock);
  if (error?.terminal) {
    if (meta.status !== 'Failed') {
      meta.status = 'Errored';
      meta.message = `an unrecoverable error occurred: ${error.message}`;
    }
    return finish(meta, clock);
  }
  if (error) {
    meta.errorCount = (meta.errorCount ?? 0) + 1;
    const threshold = step.retry?.errorThreshold || runner.defaultErrorThreshold || DEFAULT_ERROR_THRESHOLD;
    if (meta.errorCount >= threshold) {
      if (meta.status !== 'Failed') meta.status = 'Errored';
      meta.message = `step ${JSON.stringify(alias)} met error threshold of ${threshold}: ${meta.message}`;
      return finish(meta, clock);
    }
  }

  const timeoutMs = timeoutOf(step, runner);
  const startedMs = meta.startedAt ? Date.parse(meta.startedAt) : clock.now().getTime();
  if (timeoutMs > 0 && clock.now().getTime() - startedMs > timeoutMs) {
    meta.status = 'Errored';
    meta.message = `step ${JSON.stringify(alias)} timed out after ${formatGoDuration(timeoutMs)}`;
    return finish(meta, clock);
  }
  if (error) {
    meta.message = `${meta.message}; step will be retried`;
    return { done: false, error: error.message };
  }
  return { done: false };
}

function timeoutOf(step: PromotionStep, runner: RegisteredStep): number {
  const configured = step.retry?.timeout;
  if (!configured) return runner.defaultTimeoutMs ?? 0;
  try {
    return parseGoDuration(configured);
  } catch {
    // The CRD's pattern admits only valid durations; anything else means no timeout.
    return 0;
  }
}

function finish(meta: StepExecutionMetadata, clock: Clock): Completion {
  markFinished(meta, clock);
  return { done: true };
}
