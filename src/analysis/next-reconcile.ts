// When the run should be looked at again (calculateNextReconcileTime in
// analysis/analysis.go): the earliest initialDelay end, resumeAt, or next
// measurement due time among metrics that are not complete.

import type { AnalysisRun, Metric } from '../model/analysis.js';
import { tryParseGoDuration } from './go-duration.js';
import { ERROR_RETRY_INTERVAL_MS, effectiveCount } from './metric-settings.js';
import { isCompleted } from './phases.js';
import { lastMeasurement, metricResult } from './run-status.js';
import { parseKubeTime } from './time-format.js';

export function nextReconcileTime(run: AnalysisRun, metrics: readonly Metric[], now: Date): Date | undefined {
  let earliest: number | undefined;
  const consider = (time: number): void => {
    if (earliest === undefined || time < earliest) earliest = time;
  };
  for (const metric of metrics) {
    const result = metricResult(run, metric.name);
    if (isCompleted(result?.phase)) continue;
    const last = lastMeasurement(result);
    if (!last) {
      const delay = metric.initialDelay ? tryParseGoDuration(metric.initialDelay) : undefined;
      if (delay === undefined) continue;
      const startedAt = parseKubeTime(run.status?.startedAt) ?? now;
      consider(startedAt.getTime() + delay);
      continue;
    }
    if (!last.finishedAt) {
      const resumeAt = parseKubeTime(last.resumeAt);
      if (resumeAt) consider(resumeAt.getTime());
      continue;
    }
    const count = effectiveCount(metric);
    if (count !== undefined && (result?.count ?? 0) >= count) continue;
    let gap: number | undefined;
    if (last.phase === 'Error') gap = ERROR_RETRY_INTERVAL_MS;
    else if (metric.interval) gap = tryParseGoDuration(metric.interval);
    const finishedAt = parseKubeTime(last.finishedAt);
    if (gap === undefined || !finishedAt) continue;
    consider(finishedAt.getTime() + gap);
  }
  return earliest === undefined ? undefined : new Date(earliest);
}
