// A status as Go's encoding/json writes it: zero counters, empty strings and
// false flags are omitted (omitempty), so a status read back compares equal.

import type { AnalysisRunStatus, Measurement, MetricResult, RunSummary } from '../model/analysis.js';

export function storedStatus(status: AnalysisRunStatus): AnalysisRunStatus {
  return dropEmpty(
    {
      phase: status.phase,
      message: status.message,
      metricResults: status.metricResults?.map(storedResult),
      startedAt: status.startedAt,
      runSummary: status.runSummary ? storedSummary(status.runSummary) : undefined,
      dryRunSummary: status.dryRunSummary ? storedSummary(status.dryRunSummary) : undefined,
      completedAt: status.completedAt,
    },
    ['phase', 'runSummary', 'dryRunSummary'],
  );
}

function storedResult(result: MetricResult): MetricResult {
  return dropEmpty(
    {
      name: result.name,
      phase: result.phase,
      measurements: result.measurements?.map(storedMeasurement),
      message: result.message,
      count: result.count,
      successful: result.successful,
      failed: result.failed,
      inconclusive: result.inconclusive,
      error: result.error,
      consecutiveError: result.consecutiveError,
      consecutiveSuccess: result.consecutiveSuccess,
      dryRun: result.dryRun,
      metadata: result.metadata,
    },
    ['name', 'phase'],
  );
}

function storedMeasurement(measurement: Measurement): Measurement {
  return dropEmpty({ ...measurement }, ['phase']);
}

function storedSummary(summary: RunSummary): RunSummary {
  return dropEmpty({ ...summary }, []);
}

function dropEmpty<T extends object>(object: T, keep: readonly string[]): T {
  const record = object as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (keep.includes(key)) continue;
    const empty =
      value === undefined ||
      value === null ||
      value === '' ||
      value === 0 ||
      value === false ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
    if (empty) delete record[key];
  }
  return object;
}
