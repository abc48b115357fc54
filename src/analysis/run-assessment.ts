// The run's phase from its metrics (assessRunStatus in analysis/analysis.go):
// Running until every metric is complete, then the worst phase among metrics
// that are not dry runs; terminating ends it at once with what is known.
// Updates each metric result's phase and message in `results` as Argo does.

import type { AnalysisPhase, Metric, MetricResult, RunSummary } from '../model/analysis.js';
import { assessMetric, limitBreach } from './metric-assessment.js';
import { isCompleted, isWorse } from './phases.js';

export interface RunAssessment {
  phase: AnalysisPhase;
  message: string;
  runSummary: RunSummary;
  dryRunSummary: RunSummary;
}

export interface RunAssessmentInput {
  metrics: readonly Metric[];
  /** Metric results by name; assessed phases and messages are written back into them. */
  results: Map<string, MetricResult>;
  dryRun: ReadonlySet<string>;
  terminate: boolean;
  terminating: boolean;
}

export function assessRun(input: RunAssessmentInput): RunAssessment {
  let worstPhase: AnalysisPhase | undefined;
  let worstMessage = input.terminate ? 'Run Terminated' : '';
  let everythingCompleted = true;
  const runSummary = emptySummary();
  const dryRunSummary = emptySummary();

  for (const metric of input.metrics) {
    const isDryRun = input.dryRun.has(metric.name);
    const summary = isDryRun ? dryRunSummary : runSummary;
    summary.count++;
    const result = input.results.get(metric.name);
    if (!result) {
      everythingCompleted = false;
      continue;
    }
    const phase = assessMetric(metric, result, input.terminating);
    if (result.phase !== phase) {
      const measurements = result.measurements ?? [];
      const last = measurements[measurements.length - 1];
      if (last) result.message = last.message || undefined;
      result.phase = phase;
    }
    if (!isCompleted(phase)) {
      everythingCompleted = false;
      continue;
    }
    const breach = limitBreach(metric, result);
    count(summary, breach?.phase);
    if (isDryRun) {
      worstPhase ??= 'Successful';
      if (breach) result.message = `Metric assessed ${phase} due to ${breach.message}`;
      continue;
    }
    if (worstPhase === undefined || isWorse(worstPhase, phase)) {
      worstPhase = phase;
      if (breach) {
        worstMessage = `Metric "${metric.name}" assessed ${phase} due to ${breach.message}`;
        if (result.message) worstMessage += `: "Error Message: ${result.message}"`;
      }
    }
  }

  worstMessage = worstMessage.trim();
  if (input.terminating) return { phase: worstPhase ?? 'Successful', message: worstMessage, runSummary, dryRunSummary };
  if (!everythingCompleted || worstPhase === undefined) return { phase: 'Running', message: '', runSummary, dryRunSummary };
  return { phase: worstPhase, message: worstMessage, runSummary, dryRunSummary };
}

function emptySummary(): Required<RunSummary> {
  return { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };
}

function count(summary: Required<RunSummary>, breached: AnalysisPhase | undefined): void {
  if (breached === 'Error') summary.error++;
  else if (breached === 'Failed') summary.failed++;
  else if (breached === 'Inconclusive') summary.inconclusive++;
  else summary.successful++;
}
