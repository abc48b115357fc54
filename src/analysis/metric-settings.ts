// A metric's limits with Argo Rollouts' defaults (failureLimit 0,
// inconclusiveLimit 0, consecutiveErrorLimit 4, consecutiveSuccessLimit off).

import type { Metric } from '../model/analysis.js';
import { intValue, intValueOr } from './int-or-string.js';

export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
/** DefaultErrorRetryInterval: an Error measurement is retried after this, whatever the interval. */
export const ERROR_RETRY_INTERVAL_MS = 10_000;
/** DefaultMeasurementHistoryLimit. */
export const DEFAULT_MEASUREMENT_HISTORY_LIMIT = 10;

/**
 * How many measurements complete the metric (EffectiveCount): unset or 0
 * without an interval means 1; unset or 0 with an interval means no end.
 */
export function effectiveCount(metric: Metric): number | undefined {
  if (metric.count === undefined || intValue(metric.count) === 0) {
    return metric.interval ? undefined : 1;
  }
  return intValue(metric.count);
}

export function failureLimit(metric: Metric): number {
  return intValueOr(metric.failureLimit, 0);
}

export function inconclusiveLimit(metric: Metric): number {
  return intValueOr(metric.inconclusiveLimit, 0);
}

export function consecutiveErrorLimit(metric: Metric): number {
  return intValueOr(metric.consecutiveErrorLimit, DEFAULT_CONSECUTIVE_ERROR_LIMIT);
}

export function consecutiveSuccessLimit(metric: Metric): number {
  return intValueOr(metric.consecutiveSuccessLimit, 0);
}
