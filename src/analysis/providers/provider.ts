// What a metric provider does for the reconciler (metric.Provider in Argo
// Rollouts): take a measurement, and for measurements that stay in flight
// (jobs), resume or terminate them.

import type { Measurement, Metric } from '../../model/analysis.js';
import type { Clock } from '../../runtime/clock.js';

export interface MeasurementContext {
  clock: Clock;
  /** The AnalysisRun's namespace, name and uid. */
  namespace: string;
  runName: string;
  runUid: string;
  /** Measurements already taken for this metric (count + error), for naming jobs. */
  attempt: number;
}

export interface MetricProviderDriver {
  run(metric: Metric, context: MeasurementContext): Promise<Measurement>;
  resume(metric: Metric, measurement: Measurement, context: MeasurementContext): Promise<Measurement>;
  terminate(metric: Metric, measurement: Measurement, context: MeasurementContext): Promise<Measurement>;
  /** Stored on the metric result when it is first created (e.g. ResolvedPrometheusQuery). */
  metadata(metric: Metric): Record<string, string> | undefined;
}

/** A driver for the metric, or the reason none can be built (the measurement then ends in Error). */
export type ProviderFactory = (metric: Metric) => MetricProviderDriver | { error: string };

export function errorMeasurement(startedAt: string, message: string, finishedAt: string): Measurement {
  return { phase: 'Error', message, startedAt, finishedAt };
}
