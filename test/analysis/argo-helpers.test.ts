// Metric validation, `{{args}}` substitution, dryRun / measurementRetention
// rules, TTL and durations against Argo Rollouts v1.9.1's expectations
// (utils/analysis/factory_test.go, utils/template/template_test.go,
// utils/analysis/helpers_test.go, analysis/analysis_test.go).

import { describe, expect, it } from 'vitest';
import { substituteTags } from '../../src/analysis/arg-template.js';
import { parseGoDuration } from '../../src/analysis/go-duration.js';
import { argValuesWithoutSecrets, resolveMetric } from '../../src/analysis/metric-args.js';
import { dryRunMetrics, retentionLimits } from '../../src/analysis/metric-rules.js';
import { validateMetrics } from '../../src/analysis/metric-validation.js';
import { isTtlExceeded } from '../../src/analysis/ttl.js';
import type { AnalysisPhase, Metric, TtlStrategy } from '../../src/model/analysis.js';
import { NOW, analysisRun, at, metric } from './support/fixtures.js';

const prom = (name: string, fields: Partial<Metric> = {}): Metric => ({ name, provider: { prometheus: {} }, ...fields });

describe('TestValidateMetrics (utils/analysis/factory_test.go)', () => {
  it.each([
    {
      case: 'count >= failureLimit + consecutiveSuccessLimit',
      metrics: [prom('success-rate', { count: 1, failureLimit: 2 })],
      error: 'metrics[0]: count (1) must be >= failureLimit + consecutiveSuccessLimit (2 + 0) if both >= 0',
    },
    { case: 'count 0 lifts that check', metrics: [prom('success-rate', { count: 0, failureLimit: 2 })], error: undefined },
    {
      case: 'count must be >= inconclusiveLimit',
      metrics: [prom('success-rate', { count: 1, inconclusiveLimit: 2 })],
      error: 'metrics[0]: count must be >= inconclusiveLimit',
    },
    { case: 'a valid metric', metrics: [prom('success-rate', { count: 2, interval: '60s', failureLimit: 2 })], error: undefined },
    {
      case: 'a bad interval',
      metrics: [prom('success-rate', { count: 2, interval: '60s-typo', failureLimit: 2 })],
      error: 'metrics[0]: invalid interval string: time: unknown unit "s-typo" in duration "60s-typo"',
    },
    {
      case: 'a bad initialDelay',
      metrics: [prom('success-rate', { count: 2, interval: '60s', initialDelay: '60s-typo', failureLimit: 2 })],
      error: 'metrics[0]: invalid startDelay string: time: unknown unit "s-typo" in duration "60s-typo"',
    },
    { case: 'no metrics', metrics: [], error: 'no metrics specified' },
    { case: 'count > 1 needs an interval', metrics: [prom('success-rate', { count: 2 })], error: 'metrics[0]: interval must be specified when count > 1' },
    { case: 'duplicate names', metrics: [prom('success-rate'), prom('success-rate')], error: "metrics[1]: duplicate name 'success-rate'" },
    { case: 'failureLimit >= -1', metrics: [prom('success-rate', { failureLimit: -2 })], error: 'metrics[0]: failureLimit must be >= 0, or -1 to be disabled' },
    { case: 'inconclusiveLimit >= 0', metrics: [prom('success-rate', { inconclusiveLimit: -1 })], error: 'metrics[0]: inconclusiveLimit must be >= 0' },
    {
      case: 'consecutiveErrorLimit >= 0',
      metrics: [prom('success-rate', { consecutiveErrorLimit: -1 })],
      error: 'metrics[0]: consecutiveErrorLimit must be >= 0',
    },
    { case: 'a provider is required', metrics: [{ name: 'success-rate', count: 1, provider: {} }], error: 'metrics[0]: no provider specified' },
    {
      case: 'one provider only',
      metrics: [{ name: 'success-rate', provider: { prometheus: {}, web: { url: 'x' }, datadog: {} } }],
      error: 'metrics[0]: multiple providers specified',
    },
    {
      case: 'failureLimit and consecutiveSuccessLimit both disabled',
      metrics: [prom('success-rate', { failureLimit: -1 })],
      error: 'metrics[0]: failureLimit and consecutiveSuccessLimit cannot both be disabled',
    },
  ])('$case', ({ metrics, error }) => {
    expect(validateMetrics(metrics)).toBe(error);
  });
});

describe('{{args}} substitution (utils/template/template_test.go, factory_test.go)', () => {
  const values = (entries: [string, string | undefined][]): Map<string, string | undefined> => new Map(entries);
  it.each([
    { test: 'TestResolveArgsWithNoSubstitution', template: 'test', tags: [], expected: { ok: true, text: 'test' } },
    { test: 'TestResolveArgsRemoveWhiteSpace', template: 'test-{{ args.var }}', tags: [['args.var', 'foo']], expected: { ok: true, text: 'test-foo' } },
    { test: 'TestResolveArgsWithSubstitution', template: 'test-{{args.var}}', tags: [['args.var', 'foo']], expected: { ok: true, text: 'test-foo' } },
    {
      test: 'TestInvalidTemplate',
      template: 'test-{{args.var',
      tags: [],
      expected: { ok: false, message: 'Cannot find end tag="}}" in the template="test-{{args.var" starting from "args.var"' },
    },
    { test: 'TestMissingArgs', template: 'test-{{args.var}}', tags: [], expected: { ok: false, message: 'failed to resolve {{args.var}}' } },
  ] as const)('$test', ({ template, tags, expected }) => {
    expect(substituteTags(template, new Map(tags as readonly (readonly [string, string])[]))).toEqual(expected);
  });

  it('TestResolveArgsValueNotSupplied', () => {
    expect(resolveMetric(metric('m', { successCondition: '{{args.test}}' }), values([['test', undefined]]))).toEqual({
      ok: false,
      message: 'argument "test" was not supplied',
    });
  });

  it('TestResolveMetricArgs', () => {
    const args = values([
      ['metric-name', 'success-rate'],
      ['metric-name2', 'success-rate2'],
    ]);
    const first = resolveMetric(metric('metric-name', { successCondition: 'result > {{args.metric-name}}' }), args);
    const second = resolveMetric(metric('metric-name2', { successCondition: 'result < {{args.metric-name2}}' }), args);
    expect(first.ok && first.metrics[0]?.successCondition).toBe('result > success-rate');
    expect(second.ok && second.metrics[0]?.successCondition).toBe('result < success-rate2');
  });

  it.each([
    { test: 'TestResolveMetricArgsWithQuotes', value: 'foo "bar" baz' },
    { test: 'TestResolveQuotedArgs', value: 'double quotes"newline\nand tab\t' },
  ])('$test: a value survives the JSON round trip', ({ value }) => {
    const resolved = resolveMetric(metric('rate', { successCondition: '{{args.rate}}' }), values([['rate', value]]));
    expect(resolved.ok && resolved.metrics[0]?.successCondition).toBe(value);
  });

  it('TestGarbageCollectArgResolution: args reach any field, e.g. an address', () => {
    const resolved = resolveMetric(
      prom('metric1', { provider: { prometheus: { address: 'https://prometheus.kubeaddons:{{args.port}}' } } }),
      values([['port', '8080']]),
    );
    expect(resolved.ok && resolved.metrics[0]?.provider.prometheus?.address).toBe('https://prometheus.kubeaddons:8080');
  });

  it('a count given as an arg is read as IntOrString', () => {
    const resolved = resolveMetric(
      prom('m', { count: '{{args.count}}', interval: '{{args.every}}' }),
      values([
        ['count', '3'],
        ['every', '30s'],
      ]),
    );
    expect(resolved.ok && resolved.metrics[0]).toMatchObject({ count: '3', interval: '30s' });
  });

  it('getResolvedMetricsWithoutSecrets: secret args stand in as a placeholder', () => {
    const placeholders = argValuesWithoutSecrets([
      { name: 'key', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      { name: 'plain', value: 'v' },
      { name: 'field', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ]);
    expect([...placeholders]).toEqual([
      ['key', 'temp-for-secret'],
      ['plain', 'v'],
      ['field', undefined],
    ]);
  });
});

describe('dryRun and measurementRetention rules (utils/analysis/helpers_test.go)', () => {
  const two = [prom('success-rate', { count: 1, failureLimit: 2 }), prom('error-rate', { count: 1, failureLimit: 2 })];
  it.each([
    { test: 'TestGetDryRunMetrics', case: 'a metric by name', rule: 'success-rate', metrics: two.slice(0, 1), expected: ['success-rate'] },
    { test: 'TestGetDryRunMetrics', case: 'a regular expression', rule: '.*', metrics: two, expected: ['success-rate', 'error-rate'] },
    { test: 'TestGetDryRunMetrics', case: 'an unanchored match', rule: 'rate', metrics: two, expected: ['success-rate', 'error-rate'] },
  ])('$test: $case', ({ rule, metrics, expected }) => {
    expect(dryRunMetrics([{ metricName: rule }], metrics)).toEqual({ ok: true, value: new Set(expected) });
  });

  it('TestGetDryRunMetrics: a rule that matches nothing', () => {
    expect(dryRunMetrics([{ metricName: 'error-rate' }], two.slice(0, 1))).toEqual({ ok: false, message: "dryRun[0]: Rule didn't match any metric name(s)" });
  });

  it.each([
    { case: 'a metric by name', rule: { metricName: 'success-rate', limit: 10 }, metrics: two.slice(0, 1), expected: [['success-rate', 10]] },
    {
      case: 'a regular expression',
      rule: { metricName: '.*', limit: 15 },
      metrics: two,
      expected: [
        ['success-rate', 15],
        ['error-rate', 15],
      ],
    },
  ])('TestGetMeasurementRetentionMetrics: $case', ({ rule, metrics, expected }) => {
    expect(retentionLimits([rule], metrics)).toEqual({ ok: true, value: new Map(expected as [string, number][]) });
  });

  it('TestGetMeasurementRetentionMetrics: a rule that matches nothing', () => {
    expect(retentionLimits([{ metricName: 'error-rate', limit: 11 }], two.slice(0, 1))).toEqual({
      ok: false,
      message: "measurementRetention[0]: Rule didn't match any metric name(s)",
    });
  });
});

describe('TestExceededTtlChecked (analysis/analysis_test.go)', () => {
  const day = 86_400;
  it.each<{ ttl: TtlStrategy; phase: AnalysisPhase; completedSecondsAgo: number; expected: boolean }>([
    { ttl: { secondsAfterCompletion: day }, phase: 'Successful', completedSecondsAgo: day + 1, expected: true },
    { ttl: { secondsAfterCompletion: day }, phase: 'Successful', completedSecondsAgo: day, expected: false },
    { ttl: { secondsAfterCompletion: day }, phase: 'Error', completedSecondsAgo: day + 1, expected: true },
    { ttl: { secondsAfterSuccess: day }, phase: 'Successful', completedSecondsAgo: day + 1, expected: true },
    { ttl: { secondsAfterFailure: day }, phase: 'Failed', completedSecondsAgo: day, expected: false },
    { ttl: { secondsAfterSuccess: day }, phase: 'Failed', completedSecondsAgo: day + 1, expected: false },
    { ttl: { secondsAfterFailure: day }, phase: 'Successful', completedSecondsAgo: day + 1, expected: false },
  ])('$ttl, $phase completed $completedSecondsAgo s ago → $expected', ({ ttl, phase, completedSecondsAgo, expected }) => {
    const run = analysisRun([metric('m')], { phase, completedAt: at(-completedSecondsAgo) }, { ttlStrategy: ttl });
    expect(isTtlExceeded(run, NOW)).toBe(expected);
  });

  it('TestTtlNotGCInProgressAnalysisRun / NoCompletedAt: never while running or without completedAt', () => {
    expect(isTtlExceeded(analysisRun([metric('m')], { phase: 'Running', completedAt: at(-1000) }, { ttlStrategy: { secondsAfterCompletion: 1 } }), NOW)).toBe(
      false,
    );
    expect(isTtlExceeded(analysisRun([metric('m')], { phase: 'Successful' }, { ttlStrategy: { secondsAfterCompletion: 1 } }), NOW)).toBe(false);
  });
});

describe("Go's time.ParseDuration", () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
    ['0', 0],
  ])('%s = %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
  it.each([
    ['60', 'time: missing unit in duration "60"'],
    ['5d', 'time: unknown unit "d" in duration "5d"'],
    ['', 'time: invalid duration ""'],
    ['abc', 'time: invalid duration "abc"'],
  ])('%s is refused: %s', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(message);
  });
});
