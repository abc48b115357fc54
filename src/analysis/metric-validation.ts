// ValidateMetrics (utils/analysis/factory.go): checked after argument
// substitution; a failure ends the run in Error "Analysis spec invalid: …".

import type { Metric, MetricProvider } from '../model/analysis.js';
import { parseGoDuration } from './go-duration.js';
import { intValueOr } from './int-or-string.js';

/** The message of the first problem, or undefined when the metrics are valid. */
export function validateMetrics(metrics: readonly Metric[]): string | undefined {
  if (metrics.length === 0) return 'no metrics specified';
  const seen = new Set<string>();
  for (const [index, metric] of metrics.entries()) {
    if (seen.has(metric.name)) return `metrics[${index}]: duplicate name '${metric.name}'`;
    seen.add(metric.name);
    const problem = validateMetric(metric);
    if (problem) return `metrics[${index}]: ${problem}`;
  }
  return undefined;
}

export function validateMetric(metric: Metric): string | undefined {
  const count = intValueOr(metric.count, 0);
  const failureLimit = intValueOr(metric.failureLimit, 0);
  const successLimit = intValueOr(metric.consecutiveSuccessLimit, 0);
  const inconclusiveLimit = intValueOr(metric.inconclusiveLimit, 0);
  if (successLimit < 0) return 'consecutiveSuccessLimit must be >= 0';
  if (failureLimit < -1) return 'failureLimit must be >= 0, or -1 to be disabled';
  if (successLimit === 0 && failureLimit === -1) return 'failureLimit and consecutiveSuccessLimit cannot both be disabled';
  if (inconclusiveLimit < 0) return 'inconclusiveLimit must be >= 0';
  if (metric.consecutiveErrorLimit !== undefined && intValueOr(metric.consecutiveErrorLimit, 0) < 0) {
    return 'consecutiveErrorLimit must be >= 0';
  }
  if (count > 0) {
    if (failureLimit >= 0 && count < failureLimit + successLimit) {
      return `count (${count}) must be >= failureLimit + consecutiveSuccessLimit (${failureLimit} + ${successLimit}) if both >= 0`;
    }
    if (failureLimit < 0 && count < successLimit) return 'count must be >= consecutiveSuccessLimit';
    if (count < inconclusiveLimit) return 'count must be >= inconclusiveLimit';
  }
  if (count > 1 && !metric.interval) return 'interval must be specified when count > 1';
  const interval = durationProblem(metric.interval);
  if (interval) return `invalid interval string: ${interval}`;
  const initialDelay = durationProblem(metric.initialDelay);
  if (initialDelay) return `invalid startDelay string: ${initialDelay}`;
  const providers = countProviders(metric.provider);
  if (providers === 0) return 'no provider specified';
  if (providers > 1) return 'multiple providers specified';
  return undefined;
}

function durationProblem(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    parseGoDuration(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function countProviders(provider: MetricProvider | undefined): number {
  if (!provider) return 0;
  let count = 0;
  for (const [name, value] of Object.entries(provider)) {
    if (value === undefined || value === null) continue;
    count += name === 'plugin' && typeof value === 'object' ? Object.keys(value).length : 1;
  }
  return count;
}
