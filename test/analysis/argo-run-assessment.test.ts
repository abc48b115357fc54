// The run's phase, message and summaries from its metrics (assessRunStatus,
// IsWorse, IsTerminating) against Argo Rollouts v1.9.1's expectations
// (analysis/analysis_test.go, utils/analysis/helpers_test.go).

import { describe, expect, it } from 'vitest';
import { isWorse } from '../../src/analysis/phases.js';
import { assessRun, type RunAssessment } from '../../src/analysis/run-assessment.js';
import { isTerminating } from '../../src/analysis/run-status.js';
import type { AnalysisPhase, AnalysisRun, MetricResult, RunSummary } from '../../src/model/analysis.js';
import { analysisRun, measured, metric, result, terminatingRun } from './support/fixtures.js';

function assess(run: AnalysisRun, dryRun: string[] = []): RunAssessment & { results: Map<string, MetricResult> } {
  const results = new Map((run.status?.metricResults ?? []).map((entry) => [entry.name, entry]));
  const assessment = assessRun({
    metrics: run.spec.metrics,
    results,
    dryRun: new Set(dryRun),
    terminate: run.spec.terminate === true,
    terminating: isTerminating(run),
  });
  return { ...assessment, results };
}

const summary = (count: number, successful = 0, failed = 0): RunSummary => ({ count, successful, failed, inconclusive: 0, error: 0 });

interface Row {
  test: string;
  run: () => AnalysisRun;
  dryRun?: string[];
  phase: AnalysisPhase;
  message: string;
  dryRunSummary?: RunSummary;
}

/** newTerminatingRun(Failed) with run-forever already Successful (StartAssessRunStatusErrorMessageAnalysisPhaseFail). */
function failedWithSiblingDone(dryRun: boolean, providerMessage?: string): AnalysisRun {
  const run = terminatingRun('Failed', dryRun);
  const [forever, failed] = run.status?.metricResults ?? [];
  if (forever) forever.phase = 'Successful';
  if (failed && providerMessage) failed.message = providerMessage;
  return run;
}

function bothFailed(dryRun: boolean): AnalysisRun {
  const run = terminatingRun('Failed', dryRun);
  const forever = run.status?.metricResults?.[0];
  if (forever) Object.assign(forever, { phase: 'Failed', failed: 1 });
  return run;
}

const BOTH = ['run-forever', 'failed-metric'];

const ROWS: Row[] = [
  {
    test: 'TestAssessRunStatus (one metric still running)',
    run: () =>
      analysisRun([metric('latency'), metric('success-rate')], {
        phase: 'Running',
        metricResults: [result('latency', { phase: 'Successful' }), result('success-rate')],
      }),
    phase: 'Running',
    message: '',
  },
  {
    test: 'TestAssessRunStatus (worst of the completed metrics)',
    run: () =>
      analysisRun([metric('latency'), metric('success-rate')], {
        phase: 'Running',
        metricResults: [result('latency', { phase: 'Successful' }), result('success-rate', { phase: 'Failed' })],
      }),
    phase: 'Failed',
    message: '',
  },
  {
    test: 'TestAssessRunStatusErrorMessageAnalysisPhaseFail',
    run: () => failedWithSiblingDone(false),
    phase: 'Failed',
    message: 'Metric "failed-metric" assessed Failed due to failed (1) > failureLimit (0)',
    dryRunSummary: summary(0),
  },
  {
    test: 'TestAssessRunStatusErrorMessageAnalysisPhaseFailInDryRunMode',
    run: () => failedWithSiblingDone(true),
    dryRun: BOTH,
    phase: 'Successful',
    message: '',
    dryRunSummary: summary(2, 1, 1),
  },
  {
    test: 'TestAssessRunStatusErrorMessageFromProvider',
    run: () => failedWithSiblingDone(false, 'Provider Error'),
    phase: 'Failed',
    message: 'Metric "failed-metric" assessed Failed due to failed (1) > failureLimit (0): "Error Message: Provider Error"',
    dryRunSummary: summary(0),
  },
  {
    test: 'TestAssessRunStatusErrorMessageFromProviderInDryRunMode',
    run: () => failedWithSiblingDone(true, 'Provider Error'),
    dryRun: BOTH,
    phase: 'Successful',
    message: '',
    dryRunSummary: summary(2, 1, 1),
  },
  {
    test: 'TestAssessRunStatusMultipleFailures',
    run: () => bothFailed(false),
    phase: 'Failed',
    message: 'Metric "run-forever" assessed Failed due to failed (1) > failureLimit (0)',
    dryRunSummary: summary(0),
  },
  {
    test: 'TestAssessRunStatusMultipleFailuresInDryRunMode',
    run: () => bothFailed(true),
    dryRun: BOTH,
    phase: 'Successful',
    message: '',
    dryRunSummary: summary(2, 0, 2),
  },
  {
    test: 'analysis-semantics §1.5.1 (Failed beats Error across metrics)',
    run: () =>
      analysisRun([metric('x'), metric('y')], {
        phase: 'Running',
        metricResults: [
          result('x', { phase: 'Error', consecutiveError: 5, measurements: [measured('Error')] }),
          result('y', { phase: 'Failed', failed: 1, measurements: [measured('Failed')] }),
        ],
      }),
    phase: 'Failed',
    message: 'Metric "y" assessed Failed due to failed (1) > failureLimit (0)',
  },
];

describe("the run's phase (assessRunStatus)", () => {
  it.each(ROWS)('$test', (row) => {
    const assessment = assess(row.run(), row.dryRun);
    expect(assessment.phase).toBe(row.phase);
    expect(assessment.message).toBe(row.message);
    if (row.dryRunSummary) expect(assessment.dryRunSummary).toEqual(row.dryRunSummary);
  });

  it('TestAssessRunStatusUpdateResult: a metric over its failure limit flips to Failed while a sibling runs', () => {
    const run = analysisRun([metric('sleep-infinity'), metric('fail-after-30')], {
      phase: 'Running',
      metricResults: [
        result('sleep-infinity', { measurements: [{ phase: 'Running', startedAt: '2026-03-01T11:59:00Z' }] }),
        result('fail-after-30', { count: 1, failed: 1, measurements: [measured('Failed')] }),
      ],
    });
    const assessment = assess(run);
    expect(assessment.phase).toBe('Running');
    expect(assessment.message).toBe('');
    expect(assessment.results.get('fail-after-30')?.phase).toBe('Failed');
  });

  it('TestAssessRunStatusWorstMessageInReconcileAnalysisRunInDryRunMode: dry-run metrics get their own message', () => {
    const assessment = assess(bothFailed(true), BOTH);
    expect(assessment.results.get('run-forever')?.message).toBe('Metric assessed Failed due to failed (1) > failureLimit (0)');
    expect(assessment.results.get('failed-metric')?.message).toBe('Metric assessed Failed due to failed (1) > failureLimit (0)');
  });
});

describe('phase order (IsWorse) and terminating (IsTerminating)', () => {
  const WORSE: [AnalysisPhase, AnalysisPhase, boolean][] = [
    ['Successful', 'Successful', false],
    ['Successful', 'Inconclusive', true],
    ['Successful', 'Error', true],
    ['Successful', 'Failed', true],
    ['Inconclusive', 'Successful', false],
    ['Inconclusive', 'Inconclusive', false],
    ['Inconclusive', 'Error', true],
    ['Inconclusive', 'Failed', true],
    ['Error', 'Error', false],
    ['Error', 'Successful', false],
    ['Error', 'Inconclusive', false],
    ['Error', 'Failed', true],
    ['Failed', 'Successful', false],
    ['Failed', 'Inconclusive', false],
    ['Failed', 'Error', false],
    ['Failed', 'Failed', false],
  ];
  it.each(WORSE)('TestIsWorst: IsWorse(%s, %s) = %s', (current, next, expected) => {
    expect(isWorse(current, next)).toBe(expected);
  });

  const four = (phases: Partial<Record<string, AnalysisPhase>>, terminate = false): AnalysisRun =>
    analysisRun(
      [metric('other-metric'), metric('success-rate'), metric('dry-run-metric'), metric('yet-another-metric')],
      {
        phase: 'Running',
        metricResults: ['other-metric', 'success-rate', 'dry-run-metric', 'yet-another-metric'].map((name) =>
          result(name, { phase: phases[name] ?? 'Running', ...(name === 'dry-run-metric' ? { dryRun: true } : {}) }),
        ),
      },
      { terminate },
    );
  it.each([
    { test: 'TestIsFastFailTerminating', case: 'nothing failing', run: four({}), expected: false },
    { test: 'TestIsFastFailTerminating', case: 'only a dry-run metric in Error', run: four({ 'dry-run-metric': 'Error' }), expected: false },
    {
      test: 'TestIsFastFailTerminating',
      case: 'a metric in Error after a dry-run one',
      run: four({ 'dry-run-metric': 'Error', 'yet-another-metric': 'Error' }),
      expected: true,
    },
    { test: 'TestIsFastFailTerminating', case: 'a metric Failed', run: four({ 'success-rate': 'Failed' }), expected: true },
    { test: 'TestIsFastFailTerminating', case: 'a metric Inconclusive', run: four({ 'success-rate': 'Inconclusive' }), expected: true },
    { test: 'TestIsFastFailTerminating', case: 'no status', run: analysisRun([metric('m')]), expected: false },
    { test: 'TestIsTerminating', case: 'spec.terminate', run: four({}, true), expected: true },
  ])('$test: $case', ({ run, expected }) => {
    expect(isTerminating(run)).toBe(expected);
  });
});
