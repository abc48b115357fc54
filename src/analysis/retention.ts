// Measurement history: the newest `limit` measurements of each metric are kept
// (10 unless a measurementRetention rule with a positive limit says otherwise).

import type { MetricResult } from '../model/analysis.js';
import { DEFAULT_MEASUREMENT_HISTORY_LIMIT } from './metric-settings.js';

export function trimMeasurements(result: MetricResult, retention: ReadonlyMap<string, number>, defaultLimit = DEFAULT_MEASUREMENT_HISTORY_LIMIT): MetricResult {
  const ruleLimit = retention.get(result.name);
  const limit = ruleLimit !== undefined && ruleLimit > 0 ? ruleLimit : defaultLimit;
  const measurements = result.measurements ?? [];
  if (measurements.length <= limit) return result;
  return { ...result, measurements: measurements.slice(measurements.length - limit) };
}
