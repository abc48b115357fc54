// A metric's phase from its counters and limits, case by case against Argo
// Rollouts v1.9.1's own expectations (analysis/analysis_test.go); each row
// names the Go test it comes from.

import { describe, expect, it } from 'vitest';
import { assessMetric, limitBreach } from '../../src/analysis/metric-assessment.js';
import type { AnalysisPhase, Metric, MetricResult } from '../../src/model/analysis.js';
import { inFlight, measured, metric } from './support/fixtures.js';

interface Row {
  test: string;
  case: string;
  metric: Metric;
  result: Omit<MetricResult, 'name' | 'phase'>;
  running: AnalysisPhase;
  terminating: AnalysisPhase;
}

const lastFailed = [measured('Failed')];
const withCounts = (failed: number, successful: number, count: number, consecutiveSuccess: number): Row['result'] => ({
  failed,
  successful,
  count,
  consecutiveSuccess,
  measurements: lastFailed,
});
const bothLimits = (count?: number): Metric =>
  metric('success-rate', { failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s', ...(count ? { count } : {}) });
const successLimit = (limit: number, count?: number): Metric =>
  metric('success-rate', { failureLimit: -1, consecutiveSuccessLimit: limit, interval: '60s', ...(count ? { count } : {}) });

const ROWS: Row[] = [
  {
    test: 'TestAssessMetricStatusNoMeasurements',
    case: 'no measurement yet',
    metric: metric('success-rate'),
    result: {},
    running: 'Pending',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusInFlightMeasurement',
    case: 'last measurement in flight',
    metric: metric('success-rate'),
    result: { measurements: [measured('Successful'), inFlight(0)] },
    running: 'Running',
    terminating: 'Running',
  },
  {
    test: 'TestAssessMetricStatusFailureLimit',
    case: 'failed 3 > failureLimit 2',
    metric: metric('success-rate', { failureLimit: 2, interval: '60s' }),
    result: { failed: 3, count: 3, measurements: lastFailed },
    running: 'Failed',
    terminating: 'Failed',
  },
  {
    test: 'TestAssessMetricStatusFailureLimit',
    case: 'failed 3 = failureLimit 3',
    metric: metric('success-rate', { failureLimit: 3, interval: '60s' }),
    result: { failed: 3, count: 3, measurements: lastFailed },
    running: 'Running',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusConsecutiveSuccessLimit',
    case: 'no count: consecutiveSuccess reaches the limit',
    metric: successLimit(3),
    result: withCounts(3, 4, 7, 3),
    running: 'Successful',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusConsecutiveSuccessLimit',
    case: 'no count: consecutiveSuccess below the limit',
    metric: successLimit(5),
    result: withCounts(3, 4, 7, 3),
    running: 'Running',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusConsecutiveSuccessLimit',
    case: 'count reached, limit not reached, failureLimit disabled',
    metric: successLimit(5, 7),
    result: withCounts(3, 4, 7, 3),
    running: 'Failed',
    terminating: 'Failed',
  },
  {
    test: 'TestAssessMetricStatusConsecutiveSuccessLimit',
    case: 'count reached and limit reached',
    metric: successLimit(3, 7),
    result: withCounts(3, 4, 7, 3),
    running: 'Successful',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusConsecutiveSuccessLimit',
    case: 'count not reached, limit reached',
    metric: successLimit(3, 9),
    result: withCounts(3, 4, 7, 3),
    running: 'Successful',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'no count: neither limit reached',
    metric: bothLimits(),
    result: withCounts(3, 4, 7, 3),
    running: 'Running',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'no count: failureLimit violated',
    metric: bothLimits(),
    result: withCounts(5, 9, 9, 0),
    running: 'Failed',
    terminating: 'Failed',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'no count: success limit reached',
    metric: bothLimits(),
    result: withCounts(3, 5, 8, 4),
    running: 'Successful',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'no count: both (failure wins)',
    metric: bothLimits(),
    result: withCounts(5, 5, 10, 4),
    running: 'Failed',
    terminating: 'Failed',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'count reached: neither limit reached → Inconclusive',
    metric: bothLimits(10),
    result: withCounts(4, 6, 10, 3),
    running: 'Inconclusive',
    terminating: 'Inconclusive',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'count reached: failureLimit violated',
    metric: bothLimits(10),
    result: withCounts(5, 5, 10, 3),
    running: 'Failed',
    terminating: 'Failed',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'count reached: success limit reached',
    metric: bothLimits(10),
    result: withCounts(4, 6, 10, 4),
    running: 'Successful',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'count not reached: neither limit reached',
    metric: bothLimits(10),
    result: withCounts(3, 5, 8, 3),
    running: 'Running',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit',
    case: 'count not reached: failureLimit violated with success limit reached',
    metric: bothLimits(10),
    result: withCounts(5, 4, 9, 4),
    running: 'Failed',
    terminating: 'Failed',
  },
  {
    test: 'TestAssessMetricStatusInconclusiveLimit',
    case: 'inconclusive 3 > inconclusiveLimit 2',
    metric: metric('success-rate', { inconclusiveLimit: 2, interval: '60s' }),
    result: { inconclusive: 3, count: 3, measurements: [measured('Inconclusive')] },
    running: 'Inconclusive',
    terminating: 'Inconclusive',
  },
  {
    test: 'TestAssessMetricStatusInconclusiveLimit',
    case: 'inconclusive 3 = inconclusiveLimit 3',
    metric: metric('success-rate', { inconclusiveLimit: 3, interval: '60s' }),
    result: { inconclusive: 3, count: 3, measurements: [measured('Inconclusive')] },
    running: 'Running',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusConsecutiveErrors',
    case: '5 consecutive errors > default limit 4',
    metric: metric('success-rate', { interval: '60s' }),
    result: { consecutiveError: 5, count: 5, measurements: [measured('Error')] },
    running: 'Error',
    terminating: 'Error',
  },
  {
    test: 'TestAssessMetricStatusConsecutiveErrors',
    case: '4 consecutive errors = default limit 4',
    metric: metric('success-rate', { interval: '60s' }),
    result: { consecutiveError: 4, count: 5, measurements: [measured('Error')] },
    running: 'Running',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusCountReached',
    case: 'count 10 reached, all successful',
    metric: metric('success-rate', { count: 10 }),
    result: { successful: 10, count: 10, measurements: [measured('Successful')] },
    running: 'Successful',
    terminating: 'Successful',
  },
  {
    test: 'TestAssessMetricStatusCountReached',
    case: 'count 10 reached with 5 inconclusive (limit 0)',
    metric: metric('success-rate', { count: 10 }),
    result: { successful: 5, inconclusive: 5, count: 10, measurements: [measured('Successful')] },
    running: 'Inconclusive',
    terminating: 'Inconclusive',
  },
  {
    test: 'own case, IntOrString.IntValue',
    case: 'consecutiveErrorLimit "6" read with Atoi',
    metric: metric('success-rate', { interval: '60s', consecutiveErrorLimit: '6' }),
    result: { consecutiveError: 5, measurements: [measured('Error')] },
    running: 'Running',
    terminating: 'Successful',
  },
];

describe("a metric's phase (assessMetricStatus)", () => {
  it.each(ROWS)('$test: $case', (row) => {
    const result: MetricResult = { name: row.metric.name, phase: 'Running', ...row.result };
    expect(assessMetric(row.metric, result, false)).toBe(row.running);
    expect(assessMetric(row.metric, result, true)).toBe(row.terminating);
  });

  it('TestAssessMetricStatusNoMeasurements: a completed metric keeps its phase', () => {
    expect(assessMetric(metric('m'), { name: 'm', phase: 'Failed', failed: 0 }, false)).toBe('Failed');
  });
});

describe('limit messages (assessMetricFailureInconclusiveOrError)', () => {
  it.each([
    { counters: { failed: 1 }, phase: 'Failed', message: 'failed (1) > failureLimit (0)' },
    { counters: { inconclusive: 1 }, phase: 'Inconclusive', message: 'inconclusive (1) > inconclusiveLimit (0)' },
    { counters: { consecutiveError: 5 }, phase: 'Error', message: 'consecutiveErrors (5) > consecutiveErrorLimit (4)' },
    { counters: { failed: 1, inconclusive: 1, consecutiveError: 5 }, phase: 'Error', message: 'consecutiveErrors (5) > consecutiveErrorLimit (4)' },
    { counters: { failed: 2, inconclusive: 1 }, phase: 'Inconclusive', message: 'inconclusive (1) > inconclusiveLimit (0)' },
  ] as const)('TestAssessMetricFailureInconclusiveOrError: $counters → $phase', ({ counters, phase, message }) => {
    const target = metric('m');
    const result: MetricResult = { name: 'm', phase: 'Running', ...counters, measurements: [measured(phase)] };
    expect(limitBreach(target, result)).toEqual({ phase, message });
    expect(assessMetric(target, result, true)).toBe(phase);
  });

  it('no breach within the limits', () => {
    expect(limitBreach(metric('m', { failureLimit: 2 }), { name: 'm', phase: 'Running', failed: 2 })).toBeUndefined();
  });
});
