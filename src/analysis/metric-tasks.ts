// Which metrics to measure in this reconcile (generateMetricTasks in
// analysis/analysis.go).

import type { AnalysisRun, Measurement, Metric } from '../model/analysis.js';
import { tryParseGoDuration } from './go-duration.js';
import { ERROR_RETRY_INTERVAL_MS, effectiveCount } from './metric-settings.js';
import { isCompleted } from './phases.js';
import { isTerminating, lastMeasurement, metricResult } from './run-status.js';
import { parseKubeTime } from './time-format.js';

export interface MetricTask {
  /** Index into run.spec.metrics. */
  index: number;
  /** The in-flight measurement to resume (or terminate), when there is one. */
  incomplete?: Measurement;
}

/** `metrics` are the run's metrics with plain args substituted, in spec order. */
export function metricTasks(run: AnalysisRun, metrics: readonly Metric[], now: Date): MetricTask[] {
  const tasks: MetricTask[] = [];
  const terminating = isTerminating(run);
  for (const [index, metric] of metrics.entries()) {
    const result = metricResult(run, metric.name);
    if (isCompleted(result?.phase)) continue;
    const last = lastMeasurement(result);
    if (last && !last.finishedAt) {
      const resumeAt = parseKubeTime(last.resumeAt);
      if (resumeAt && resumeAt > now) continue;
      tasks.push({ index, incomplete: last });
      continue;
    }
    if (terminating) continue;
    if (!last) {
      if (metric.initialDelay && !initialDelayPassed(run, metric.initialDelay, now)) continue;
      tasks.push({ index });
      continue;
    }
    const count = effectiveCount(metric);
    if (count !== undefined && (result?.count ?? 0) >= count) continue;
    const gap = measurementGap(metric, last);
    const finishedAt = parseKubeTime(last.finishedAt);
    if (gap === undefined || !finishedAt) continue;
    if (now.getTime() > finishedAt.getTime() + gap) tasks.push({ index });
  }
  return tasks;
}

/** The wait after `last` before the next measurement: 10 s after an Error, else the interval. */
export function measurementGap(metric: Metric, last: Measurement): number | undefined {
  if (last.phase === 'Error' || !metric.interval) return ERROR_RETRY_INTERVAL_MS;
  return tryParseGoDuration(metric.interval);
}

function initialDelayPassed(run: AnalysisRun, initialDelay: string, now: Date): boolean {
  const startedAt = parseKubeTime(run.status?.startedAt);
  const delay = tryParseGoDuration(initialDelay);
  if (!startedAt || delay === undefined) return false;
  return startedAt.getTime() + delay <= now.getTime();
}
