// Which metrics are measured now, and when the run is looked at again:
// generateMetricTasks and calculateNextReconcileTime against Argo Rollouts
// v1.9.1's expectations (analysis/analysis_test.go); each row names its test.

import { describe, expect, it } from 'vitest';
import { metricTasks } from '../../src/analysis/metric-tasks.js';
import { nextReconcileTime } from '../../src/analysis/next-reconcile.js';
import type { AnalysisRun } from '../../src/model/analysis.js';
import { NOW, analysisRun, at, inFlight, measured, metric, result } from './support/fixtures.js';

interface TaskRow {
  test: string;
  case: string;
  run: AnalysisRun;
  /** Names of the metrics measured now; `resume` marks an in-flight measurement. */
  expected: { name: string; resume?: boolean }[];
}

const intervalRun = (secondsAgo: number): AnalysisRun =>
  analysisRun([metric('success-rate', { interval: '60s' })], {
    phase: 'Running',
    metricResults: [result('success-rate', { measurements: [measured('Successful', secondsAgo)] })],
  });

const delayedRun = (startedSecondsAgo: number | undefined, initialDelay = '20s'): AnalysisRun =>
  analysisRun([metric('success-rate', { initialDelay })], {
    phase: 'Running',
    ...(startedSecondsAgo === undefined ? {} : { startedAt: at(-startedSecondsAgo) }),
  });

const erroredRun = (interval?: string): AnalysisRun =>
  analysisRun([metric('success-rate', interval ? { interval } : {})], {
    phase: 'Running',
    metricResults: [result('success-rate', { error: 1, measurements: [{ phase: 'Error', startedAt: at(-120), finishedAt: at(-120) }] })],
  });

const TASKS: TaskRow[] = [
  { test: 'TestGenerateMetricTasksInterval', case: 'within the interval', run: intervalRun(50), expected: [] },
  { test: 'TestGenerateMetricTasksInterval', case: 'past the interval', run: intervalRun(61), expected: [{ name: 'success-rate' }] },
  {
    test: 'TestGenerateMetricTasksFailing',
    case: 'a sibling already Failed',
    run: analysisRun([metric('success-rate'), metric('latency')], { phase: 'Running', metricResults: [result('latency', { phase: 'Failed' })] }),
    expected: [],
  },
  {
    test: 'TestGenerateMetricTasksFailing',
    case: 'no result failed yet',
    run: analysisRun([metric('success-rate'), metric('latency')], { phase: 'Running' }),
    expected: [{ name: 'success-rate' }, { name: 'latency' }],
  },
  {
    test: 'TestGenerateMetricTasksNoIntervalOrCount',
    case: 'the one measurement is taken',
    run: analysisRun([metric('success-rate')], {
      phase: 'Running',
      metricResults: [result('success-rate', { count: 1, measurements: [measured('Successful', 50)] })],
    }),
    expected: [],
  },
  {
    test: 'TestGenerateMetricTasksNoIntervalOrCount',
    case: 'no measurement yet',
    run: analysisRun([metric('success-rate')], { phase: 'Running', metricResults: [result('success-rate', { count: 0 })] }),
    expected: [{ name: 'success-rate' }],
  },
  {
    test: 'TestGenerateMetricTasksIncomplete',
    case: 'a measurement in flight is resumed',
    run: analysisRun([metric('success-rate')], {
      phase: 'Running',
      metricResults: [result('success-rate', { measurements: [{ phase: 'Successful', value: '99', startedAt: at(-50) }] })],
    }),
    expected: [{ name: 'success-rate', resume: true }],
  },
  { test: 'TestGenerateMetricTasksHonorInitialDelay', case: 'startedAt not set yet', run: delayedRun(undefined), expected: [] },
  { test: 'TestGenerateMetricTasksHonorInitialDelay', case: 'delay not over (10s of 20s)', run: delayedRun(10), expected: [] },
  { test: 'TestGenerateMetricTasksHonorInitialDelay', case: 'delay over (20s of 20s)', run: delayedRun(20), expected: [{ name: 'success-rate' }] },
  { test: 'TestGenerateMetricTasksHonorInitialDelay', case: 'invalid initialDelay', run: delayedRun(20, 'invalid-start-delay'), expected: [] },
  {
    test: 'TestGenerateMetricTasksHonorResumeAt',
    case: 'only the measurement whose resumeAt passed',
    run: analysisRun([metric('success-rate'), metric('success-rate2')], {
      phase: 'Running',
      metricResults: [
        result('success-rate', { measurements: [{ phase: 'Successful', startedAt: at(-50), resumeAt: at(10) }] }),
        result('success-rate2', { measurements: [{ phase: 'Successful', startedAt: at(-50), resumeAt: at(-10) }] }),
      ],
    }),
    expected: [{ name: 'success-rate2', resume: true }],
  },
  { test: 'TestGenerateMetricTasksError', case: 'retry an Error after 10s', run: erroredRun(), expected: [{ name: 'success-rate' }] },
  { test: 'TestGenerateMetricTasksError', case: 'retry an Error after 10s despite a 5m interval', run: erroredRun('5m'), expected: [{ name: 'success-rate' }] },
  {
    test: 'TestReconcileAnalysisRunTerminateSiblingAfterFail',
    case: 'terminating: in-flight measurements are still handled',
    run: analysisRun([metric('run-forever'), metric('failed-metric')], {
      phase: 'Running',
      metricResults: [
        result('run-forever', { measurements: [inFlight()] }),
        result('failed-metric', { phase: 'Failed', failed: 1, count: 1, measurements: [measured('Failed')] }),
      ],
    }),
    expected: [{ name: 'run-forever', resume: true }],
  },
];

describe('measurements due now (generateMetricTasks)', () => {
  it.each(TASKS)('$test: $case', ({ run, expected }) => {
    const tasks = metricTasks(run, run.spec.metrics, NOW).map((task) => ({
      name: run.spec.metrics[task.index]?.name,
      ...(task.incomplete ? { resume: true } : {}),
    }));
    expect(tasks).toEqual(expected);
  });
});

interface TimeRow {
  test: string;
  case: string;
  run: AnalysisRun;
  /** Seconds from NOW, or undefined for no requeue. */
  expected: number | undefined;
}

const TIMES: TimeRow[] = [
  { test: 'TestCalculateNextReconcileTimeInterval', case: 'interval 60s, measured 30s ago', run: intervalRun(30), expected: 30 },
  {
    test: 'TestCalculateNextReconcileTimeInterval',
    case: 'in flight without resumeAt',
    run: analysisRun([metric('success-rate', { interval: '60s' })], {
      phase: 'Running',
      metricResults: [result('success-rate', { measurements: [inFlight(30)] })],
    }),
    expected: undefined,
  },
  {
    test: 'TestCalculateNextReconcileTimeInterval',
    case: 'completed metric',
    run: analysisRun([metric('success-rate', { interval: '60s' })], {
      phase: 'Running',
      metricResults: [result('success-rate', { phase: 'Successful', measurements: [measured('Successful', 120)] })],
    }),
    expected: undefined,
  },
  {
    test: 'TestCalculateNextReconcileTimeInitialDelay',
    case: 'initialDelay 40s ends before the other interval',
    run: analysisRun([metric('success-rate', { interval: '60s' }), metric('start-delay', { interval: '60s', initialDelay: '40s' })], {
      phase: 'Running',
      startedAt: at(-30),
      metricResults: [result('success-rate', { measurements: [measured('Successful', 30)] })],
    }),
    expected: 10,
  },
  {
    test: 'TestCalculateNextReconcileTimeInitialDelay',
    case: 'an invalid initialDelay is skipped',
    run: analysisRun([metric('success-rate', { interval: '60s' }), metric('start-delay', { interval: '60s', initialDelay: 'not-valid-start-delay' })], {
      phase: 'Running',
      startedAt: at(-30),
      metricResults: [result('success-rate', { measurements: [measured('Successful', 30)] })],
    }),
    expected: 30,
  },
  {
    test: 'TestCalculateNextReconcileTimeNoInterval',
    case: 'count 1 without interval, done',
    run: analysisRun([metric('success-rate', { count: 1 })], {
      phase: 'Running',
      metricResults: [result('success-rate', { phase: 'Successful', measurements: [measured('Successful', 0)] })],
    }),
    expected: undefined,
  },
  {
    test: 'TestCalculateNextReconcileEarliestMetric',
    case: 'the earliest of two metrics',
    run: analysisRun([metric('success-rate', { interval: '60s' }), metric('latency', { interval: '60s' })], {
      phase: 'Running',
      metricResults: [
        result('success-rate', { measurements: [measured('Successful', 30)] }),
        result('latency', { measurements: [measured('Successful', 50)] }),
      ],
    }),
    expected: 10,
  },
  {
    test: 'TestCalculateNextReconcileHonorResumeAt',
    case: 'resumeAt of a measurement in flight',
    run: analysisRun([metric('success-rate', { interval: '60s' })], {
      phase: 'Running',
      metricResults: [result('success-rate', { measurements: [inFlight(30, { resumeAt: at(10) })] })],
    }),
    expected: 10,
  },
  {
    test: 'TestCalculateNextReconcileUponError',
    case: 'after an Error, without interval',
    run: analysisRun([metric('success-rate')], {
      phase: 'Running',
      metricResults: [result('success-rate', { error: 1, measurements: [measured('Error', 0)] })],
    }),
    expected: 10,
  },
  {
    test: 'TestCalculateNextReconcileUponError',
    case: 'after an Error, with a 5m interval',
    run: analysisRun([metric('success-rate', { interval: '5m' })], {
      phase: 'Running',
      metricResults: [result('success-rate', { error: 1, measurements: [measured('Error', 0)] })],
    }),
    expected: 10,
  },
];

describe('the next reconcile (calculateNextReconcileTime)', () => {
  it.each(TIMES)('$test: $case', ({ run, expected }) => {
    const next = nextReconcileTime(run, run.spec.metrics, NOW);
    expect(next === undefined ? undefined : (next.getTime() - NOW.getTime()) / 1000).toBe(expected);
  });
});
