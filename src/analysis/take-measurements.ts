// Taking the due measurements (runMeasurements in analysis/analysis.go): args
// resolved with secrets, new measurements run, in-flight ones resumed or (when
// the run is terminating) terminated, all in parallel; secret values are
// redacted before anything is recorded.

import type { AnalysisRun, Measurement, Metric, MetricResult } from '../model/analysis.js';
import type { Clock } from '../runtime/clock.js';
import { recordMeasurement } from './measurement-recording.js';
import { resolveMetric } from './metric-args.js';
import type { MetricTask } from './metric-tasks.js';
import type { MeasurementContext, MetricProviderDriver, ProviderFactory } from './providers/provider.js';
import { redact } from './redact.js';
import { isTerminating, metricResult } from './run-status.js';
import { resolveArgValues, type SecretSource } from './secrets.js';
import { formatKubeTime } from './time-format.js';

export interface MeasurementDeps {
  clock: Clock;
  providers: ProviderFactory;
  secrets: SecretSource;
}

export type MeasurementOutcome = { ok: true; results: MetricResult[] } | { ok: false; message: string };

/** The metric results the tasks produced (only those that changed), or an argument error. */
export async function takeMeasurements(
  run: AnalysisRun,
  tasks: readonly MetricTask[],
  dryRun: ReadonlySet<string>,
  deps: MeasurementDeps,
): Promise<MeasurementOutcome> {
  const args = await resolveArgValues(run.spec.args, run.metadata.namespace ?? '', deps.secrets);
  if (!args.ok) return args;
  const metrics: Metric[] = [];
  for (const task of tasks) {
    const spec = run.spec.metrics[task.index];
    if (!spec) continue;
    const resolved = resolveMetric(spec, args.values);
    if (!resolved.ok) return { ok: false, message: redact(resolved.message, args.secretValues) ?? '' };
    metrics.push(...resolved.metrics);
  }
  const terminating = isTerminating(run);
  const results = await Promise.all(
    tasks.map((task, position) => {
      const metric = metrics[position];
      return metric ? measureOne(run, metric, task, { terminating, dryRun, deps, secretValues: args.secretValues }) : undefined;
    }),
  );
  return { ok: true, results: results.filter((result): result is MetricResult => result !== undefined) };
}

interface MeasureOptions {
  terminating: boolean;
  dryRun: ReadonlySet<string>;
  deps: MeasurementDeps;
  secretValues: readonly string[];
}

async function measureOne(run: AnalysisRun, metric: Metric, task: MetricTask, options: MeasureOptions): Promise<MetricResult> {
  const { deps, secretValues } = options;
  const existing = metricResult(run, metric.name);
  const driver = deps.providers(metric);
  const context: MeasurementContext = {
    clock: deps.clock,
    namespace: run.metadata.namespace ?? '',
    runName: run.metadata.name ?? '',
    runUid: run.metadata.uid ?? '',
    attempt: (existing?.count ?? 0) + (existing?.error ?? 0) + 1,
  };
  let measurement: Measurement;
  if ('error' in driver) {
    measurement = { ...(task.incomplete ?? { startedAt: formatKubeTime(deps.clock.now()) }), phase: 'Error', message: driver.error };
  } else {
    measurement = await measureWith(driver, metric, task, context, options.terminating);
  }
  const result: MetricResult = existing ?? {
    name: metric.name,
    phase: 'Running',
    ...(options.dryRun.has(metric.name) ? { dryRun: true } : {}),
    ...metadataOf(driver, metric),
  };
  const redacted: Measurement = { ...measurement, message: redact(measurement.message, secretValues), value: redact(measurement.value, secretValues) };
  if (redacted.message === undefined || redacted.message === '') delete redacted.message;
  if (redacted.value === undefined) delete redacted.value;
  const recorded = recordMeasurement(result, redacted, task.incomplete !== undefined, formatKubeTime(deps.clock.now()));
  if (recorded.metadata) recorded.metadata = redactValues(recorded.metadata, secretValues);
  return recorded;
}

async function measureWith(
  driver: MetricProviderDriver,
  metric: Metric,
  task: MetricTask,
  context: MeasurementContext,
  terminating: boolean,
): Promise<Measurement> {
  const startedAt = task.incomplete?.startedAt ?? formatKubeTime(context.clock.now());
  try {
    if (!task.incomplete) return await driver.run(metric, context);
    if (!terminating) return await driver.resume(metric, task.incomplete, context);
    const terminated = await driver.terminate(metric, task.incomplete, context);
    return terminated.phase === 'Successful' ? { ...terminated, message: 'Metric Terminated' } : terminated;
  } catch (error) {
    return { startedAt, phase: 'Error', message: error instanceof Error ? error.message : String(error) };
  }
}

function metadataOf(driver: MetricProviderDriver | { error: string }, metric: Metric): { metadata?: Record<string, string> } {
  if ('error' in driver) return {};
  const metadata = driver.metadata(metric);
  return metadata && Object.keys(metadata).length > 0 ? { metadata } : {};
}

function redactValues(record: Record<string, string>, secretValues: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, redact(value, secretValues) ?? '']));
}
