// A metric's phase from its counters and limits (assessMetricStatus and
// assessMetricFailureInconclusiveOrError in analysis/analysis.go).

import type { AnalysisPhase, Metric, MetricResult } from '../model/analysis.js';
import { intValue } from './int-or-string.js';
import { consecutiveErrorLimit, consecutiveSuccessLimit, effectiveCount, failureLimit, inconclusiveLimit } from './metric-settings.js';
import { isCompleted } from './phases.js';

export interface LimitBreach {
  phase: AnalysisPhase;
  message: string;
}

/** The limit a metric broke, if any; Error wins over Inconclusive, which wins over Failed. */
export function limitBreach(metric: Metric, result: MetricResult): LimitBreach | undefined {
  let breach: LimitBreach | undefined;
  const failures = result.failed ?? 0;
  const maxFailures = failureLimit(metric);
  if (maxFailures >= 0 && failures > maxFailures) {
    breach = { phase: 'Failed', message: `failed (${failures}) > failureLimit (${maxFailures})` };
  }
  const inconclusive = result.inconclusive ?? 0;
  const maxInconclusive = inconclusiveLimit(metric);
  if (inconclusive > maxInconclusive) {
    breach = { phase: 'Inconclusive', message: `inconclusive (${inconclusive}) > inconclusiveLimit (${maxInconclusive})` };
  }
  const errors = result.consecutiveError ?? 0;
  const maxErrors = consecutiveErrorLimit(metric);
  if (errors > maxErrors) {
    breach = { phase: 'Error', message: `consecutiveErrors (${errors}) > consecutiveErrorLimit (${maxErrors})` };
  }
  return breach;
}

export function assessMetric(metric: Metric, result: MetricResult, terminating: boolean): AnalysisPhase {
  if (isCompleted(result.phase)) return result.phase;
  const measurements = result.measurements ?? [];
  const last = measurements[measurements.length - 1];
  if (!last) return terminating ? 'Successful' : 'Pending';
  if (!isCompleted(last.phase)) return 'Running';

  const breach = limitBreach(metric, result);
  if (breach) return breach.phase;

  const successLimit = consecutiveSuccessLimit(metric);
  if (successLimit > 0 && (result.consecutiveSuccess ?? 0) >= successLimit) return 'Successful';

  const count = effectiveCount(metric);
  if (count !== undefined && (result.count ?? 0) >= count) {
    const failureApplies = metric.failureLimit === undefined || intValue(metric.failureLimit) >= 0;
    if (successLimit > 0) return failureApplies ? 'Inconclusive' : 'Failed';
    return 'Successful';
  }
  return terminating ? 'Successful' : 'Running';
}
