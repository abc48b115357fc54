// One reconcile of an AnalysisRun (reconcileAnalysisRun in
// analysis/analysis.go): resolve and validate, measure what is due, assess
// metrics and the run, trim history, and say when to look again. The caller
// writes the returned status (see write-status.ts) and comes back at
// `requeueAt`, or when the run changes (e.g. spec.terminate is set).

import type { AnalysisPhase, AnalysisRun, AnalysisRunStatus, MetricResult } from '../model/analysis.js';
import type { Clock } from '../runtime/clock.js';
import { argValuesWithoutSecrets, resolveMetrics } from './metric-args.js';
import { dryRunMetrics, retentionLimits } from './metric-rules.js';
import { metricTasks } from './metric-tasks.js';
import { validateMetrics } from './metric-validation.js';
import { nextReconcileTime } from './next-reconcile.js';
import { isCompleted } from './phases.js';
import type { ProviderFactory } from './providers/provider.js';
import { trimMeasurements } from './retention.js';
import { assessRun } from './run-assessment.js';
import { isTerminating } from './run-status.js';
import type { SecretSource } from './secrets.js';
import { storedStatus } from './stored-status.js';
import { takeMeasurements } from './take-measurements.js';
import { formatKubeTime } from './time-format.js';

export interface AnalysisDeps {
  clock: Clock;
  providers: ProviderFactory;
  secrets: SecretSource;
}

export interface AnalysisReconcileResult {
  /** The status to write, or undefined when it is unchanged. */
  status: AnalysisRunStatus | undefined;
  /** When to reconcile again; undefined when only a change to the run can move it on. */
  requeueAt: Date | undefined;
}

const NOTHING: AnalysisReconcileResult = { status: undefined, requeueAt: undefined };

export async function reconcileAnalysisRun(run: AnalysisRun, deps: AnalysisDeps): Promise<AnalysisReconcileResult> {
  if (isCompleted(run.status?.phase)) return NOTHING;
  const now = deps.clock.now();
  const before = storedStatus(structuredClone(run.status ?? { phase: '' }));
  const working: AnalysisRun = structuredClone(run);
  const copy = structuredClone(before);
  working.status = { ...copy, metricResults: copy.metricResults ?? [] };

  const resolved = resolveMetrics(run.spec.metrics ?? [], argValuesWithoutSecrets(run.spec.args));
  if (!resolved.ok) return endInError(working, before, `Unable to resolve metric arguments: ${resolved.message}`, now);
  const invalid = validateMetrics(resolved.metrics);
  if (invalid) return endInError(working, before, `Analysis spec invalid: ${invalid}`, now);
  const dryRun = dryRunMetrics(run.spec.dryRun, resolved.metrics);
  if (!dryRun.ok) return endInError(working, before, `Analysis spec invalid: ${dryRun.message}`, now);
  const retention = retentionLimits(run.spec.measurementRetention, resolved.metrics);
  if (!retention.ok) return endInError(working, before, `Analysis spec invalid: ${retention.message}`, now);

  const tasks = metricTasks(working, resolved.metrics, now);
  const measured = await takeMeasurements(working, tasks, dryRun.value, deps);
  if (!measured.ok) return endInError(working, before, `Unable to resolve metric arguments: ${measured.message}`, now);
  const status = working.status;
  const results = new Map<string, MetricResult>((status.metricResults ?? []).map((result) => [result.name, result]));
  for (const result of measured.results) results.set(result.name, result);
  status.metricResults = orderedResults(status.metricResults ?? [], measured.results, results);

  const assessment = assessRun({
    metrics: resolved.metrics,
    results,
    dryRun: dryRun.value,
    terminate: run.spec.terminate === true,
    terminating: isTerminating(working),
  });
  status.startedAt ??= formatKubeTime(now);
  status.runSummary = assessment.runSummary;
  status.dryRunSummary = assessment.dryRunSummary;
  if (assessment.phase !== status.phase) setPhase(status, assessment.phase, assessment.message, now);
  status.metricResults = status.metricResults.map((result) => trimMeasurements(result, retention.value));

  const next = storedStatus(status);
  const requeueAt = isCompleted(next.phase) ? undefined : nextReconcileTime({ ...working, status: next }, resolved.metrics, now);
  return { status: sameStatus(before, next) ? undefined : next, requeueAt };
}

function setPhase(status: AnalysisRunStatus, phase: AnalysisPhase, message: string, now: Date): void {
  status.phase = phase;
  status.message = message || undefined;
  if (isCompleted(phase)) status.completedAt ??= formatKubeTime(now);
}

/**
 * Argo ends here without startedAt or completedAt; this layer sets both, since
 * Kargo reads completedAt as the verification's finish time.
 */
function endInError(working: AnalysisRun, before: AnalysisRunStatus, message: string, now: Date): AnalysisReconcileResult {
  const status: AnalysisRunStatus = { ...(working.status ?? { phase: '' }) };
  status.startedAt ??= formatKubeTime(now);
  setPhase(status, 'Error', message, now);
  const next = storedStatus(status);
  return { status: sameStatus(before, next) ? undefined : next, requeueAt: undefined };
}

/** Existing results keep their place; new ones are appended in the order they were measured. */
function orderedResults(existing: readonly MetricResult[], measured: readonly MetricResult[], latest: ReadonlyMap<string, MetricResult>): MetricResult[] {
  const names = existing.map((result) => result.name);
  for (const result of measured) if (!names.includes(result.name)) names.push(result.name);
  return names.map((name) => latest.get(name)).filter((result): result is MetricResult => result !== undefined);
}

function sameStatus(left: AnalysisRunStatus, right: AnalysisRunStatus): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}
