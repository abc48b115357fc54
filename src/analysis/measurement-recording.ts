// Folding a measurement into its metric result (runMeasurements in
// analysis/analysis.go): counters for completed measurements (an Error does
// not count towards `count`), a new one appended, a resumed one replaced.

import type { Measurement, MetricResult } from '../model/analysis.js';
import { isCompleted } from './phases.js';

export function recordMeasurement(result: MetricResult, measurement: Measurement, replacesLast: boolean, finishedAt: string): MetricResult {
  const next: MetricResult = { ...result, measurements: [...(result.measurements ?? [])] };
  const recorded: Measurement = { ...measurement };
  if (isCompleted(recorded.phase)) {
    recorded.finishedAt ??= finishedAt;
    switch (recorded.phase) {
      case 'Successful':
        next.successful = (next.successful ?? 0) + 1;
        next.count = (next.count ?? 0) + 1;
        next.consecutiveError = 0;
        next.consecutiveSuccess = (next.consecutiveSuccess ?? 0) + 1;
        break;
      case 'Failed':
        next.failed = (next.failed ?? 0) + 1;
        next.count = (next.count ?? 0) + 1;
        next.consecutiveError = 0;
        next.consecutiveSuccess = 0;
        break;
      case 'Inconclusive':
        next.inconclusive = (next.inconclusive ?? 0) + 1;
        next.count = (next.count ?? 0) + 1;
        next.consecutiveError = 0;
        next.consecutiveSuccess = 0;
        break;
      case 'Error':
        next.error = (next.error ?? 0) + 1;
        next.consecutiveError = (next.consecutiveError ?? 0) + 1;
        next.consecutiveSuccess = 0;
        break;
    }
  }
  const measurements = next.measurements ?? [];
  if (replacesLast && measurements.length > 0) measurements[measurements.length - 1] = recorded;
  else measurements.push(recorded);
  return next;
}
