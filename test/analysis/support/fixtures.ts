// Shared fixtures for the analysis tests: a fixed clock, times relative to it,
// runs and metrics shaped like Argo Rollouts' own test fixtures, a scripted
// provider (Argo's tests use a mock provider the same way) and secrets in memory.

import type { AnalysisPhase, AnalysisRun, Measurement, Metric, MetricResult } from '../../../src/model/analysis.js';
import type { MetricProviderDriver, ProviderFactory } from '../../../src/analysis/providers/provider.js';
import type { SecretSource } from '../../../src/analysis/secrets.js';
import type { Clock } from '../../../src/runtime/clock.js';

export const NOW = new Date('2026-03-01T12:00:00Z');

export function fixedClock(now: Date = NOW): Clock & { set(date: Date): void } {
  let current = now;
  return {
    now: () => current,
    sleep: async () => undefined,
    set(date) {
      current = date;
    },
  };
}

/** NOW plus `seconds` (negative for the past), as Kubernetes writes a time. */
export function at(seconds: number): string {
  return new Date(NOW.getTime() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function metric(name: string, fields: Partial<Metric> = {}): Metric {
  return { name, provider: { web: { url: 'http://127.0.0.1:1/unused' } }, ...fields };
}

export function measured(phase: AnalysisPhase, secondsAgo = 60, fields: Partial<Measurement> = {}): Measurement {
  return { phase, value: '99', startedAt: at(-secondsAgo), finishedAt: at(-secondsAgo), ...fields };
}

export function inFlight(secondsAgo = 60, fields: Partial<Measurement> = {}): Measurement {
  return { phase: 'Running', startedAt: at(-secondsAgo), ...fields };
}

export function result(name: string, fields: Partial<MetricResult> = {}): MetricResult {
  return { name, phase: 'Running', ...fields };
}

export function analysisRun(metrics: Metric[], status?: AnalysisRun['status'], spec: Partial<AnalysisRun['spec']> = {}): AnalysisRun {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name: 'run', namespace: 'default', uid: 'run-uid' },
    spec: { metrics, ...spec },
    ...(status ? { status } : {}),
  };
}

/**
 * Argo's newTerminatingRun: "run-forever" has a measurement in flight and
 * "failed-metric" already ended with `phase`.
 */
export function terminatingRun(phase: AnalysisPhase, dryRun: boolean): AnalysisRun {
  const failed: MetricResult = { name: 'failed-metric', count: 1, phase, measurements: [measured(phase, 60)] };
  if (dryRun) failed.dryRun = true;
  if (phase === 'Failed') failed.failed = 1;
  if (phase === 'Inconclusive') failed.inconclusive = 1;
  if (phase === 'Error') {
    failed.error = 1;
    failed.measurements = [{ phase: 'Error', startedAt: at(-120), finishedAt: at(-120) }];
  }
  const forever: MetricResult = { name: 'run-forever', phase: 'Running', measurements: [inFlight(60)], ...(dryRun ? { dryRun: true } : {}) };
  return analysisRun(
    [metric('run-forever'), metric('failed-metric')],
    { phase: 'Running', metricResults: [forever, failed] },
    dryRun ? { dryRun: [{ metricName: 'run-forever' }, { metricName: 'failed-metric' }] } : {},
  );
}

export interface ScriptedProvider {
  factory: ProviderFactory;
  calls: { action: 'run' | 'resume' | 'terminate'; metric: Metric }[];
}

/** Every action answers Argo's newMeasurement(phase): value "100", started and finished now. */
export function scriptedProvider(
  answers: Partial<Record<'run' | 'resume' | 'terminate', AnalysisPhase | Measurement>>,
  metadata?: Record<string, string>,
): ScriptedProvider {
  const calls: ScriptedProvider['calls'] = [];
  const answer = (action: 'run' | 'resume' | 'terminate', target: Metric): Promise<Measurement> => {
    calls.push({ action, metric: target });
    const planned = answers[action];
    if (planned === undefined) throw new Error(`unexpected ${action} of ${target.name}`);
    return Promise.resolve(typeof planned === 'string' ? { phase: planned, value: '100', startedAt: at(0), finishedAt: at(0) } : planned);
  };
  const driver: MetricProviderDriver = {
    run: (target) => answer('run', target),
    resume: (target) => answer('resume', target),
    terminate: (target) => answer('terminate', target),
    metadata: () => metadata,
  };
  return { factory: () => driver, calls };
}

export function memorySecrets(secrets: Record<string, Record<string, string>>): SecretSource {
  return { read: async (_namespace, name) => secrets[name] };
}
