// Reading a run's status the way utils/analysis/helpers.go does.

import type { AnalysisRun, Measurement, MetricResult } from '../model/analysis.js';

export function metricResult(run: AnalysisRun, name: string): MetricResult | undefined {
  return run.status?.metricResults?.find((result) => result.name === name);
}

export function lastMeasurement(result: MetricResult | undefined): Measurement | undefined {
  const measurements = result?.measurements ?? [];
  return measurements[measurements.length - 1];
}

/**
 * Terminating: asked to (spec.terminate), or a metric that is not a dry run
 * already ended Failed, Error or Inconclusive; no new measurements are taken.
 */
export function isTerminating(run: AnalysisRun): boolean {
  if (run.spec.terminate) return true;
  return (run.status?.metricResults ?? []).some(
    (result) => !result.dryRun && (result.phase === 'Failed' || result.phase === 'Error' || result.phase === 'Inconclusive'),
  );
}
