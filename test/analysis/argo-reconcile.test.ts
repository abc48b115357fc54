// Whole reconciles (reconcileAnalysisRun) with a scripted provider, as Argo
// Rollouts v1.9.1's analysis/analysis_test.go drives its controller with a
// mock provider; each case names its Go test.

import { describe, expect, it } from 'vitest';
import { reconcileAnalysisRun, type AnalysisReconcileResult } from '../../src/analysis/reconcile.js';
import { trimMeasurements } from '../../src/analysis/retention.js';
import type { AnalysisPhase, AnalysisRun, AnalysisRunStatus, Measurement } from '../../src/model/analysis.js';
import {
  NOW,
  analysisRun,
  at,
  fixedClock,
  inFlight,
  measured,
  memorySecrets,
  metric,
  result,
  scriptedProvider,
  terminatingRun,
  type ScriptedProvider,
} from './support/fixtures.js';

async function reconcile(
  run: AnalysisRun,
  provider: ScriptedProvider,
  secrets = memorySecrets({}),
): Promise<AnalysisReconcileResult & { next: AnalysisRunStatus }> {
  const outcome = await reconcileAnalysisRun(run, { clock: fixedClock(), providers: provider.factory, secrets });
  return { ...outcome, next: outcome.status ?? run.status ?? { phase: '' } };
}

describe('reconcileAnalysisRun (analysis/analysis_test.go)', () => {
  it.each([
    { case: 'interval 60s, no count: keeps running', fields: { interval: '60s' }, metricPhase: 'Running', runPhase: 'Running' },
    { case: 'count 1: completes at once', fields: { interval: '60s', count: 1 }, metricPhase: 'Successful', runPhase: 'Successful' },
    { case: 'neither count nor interval: completes at once', fields: { count: 0 }, metricPhase: 'Successful', runPhase: 'Successful' },
  ] as const)('TestReconcileAnalysisRunInitial: $case', async ({ fields, metricPhase, runPhase }) => {
    const { next } = await reconcile(analysisRun([metric('success-rate', fields)]), scriptedProvider({ run: 'Successful' }));
    expect(next.metricResults?.[0]?.phase).toBe(metricPhase);
    expect(next.phase).toBe(runPhase);
    expect(next.metricResults?.[0]?.measurements?.map((m) => m.phase)).toEqual(['Successful']);
    expect(next.startedAt).toBe(at(0));
  });

  it('TestReconcileAnalysisRunInitial: the next look is one interval later', async () => {
    const { requeueAt } = await reconcile(analysisRun([metric('success-rate', { interval: '60s' })]), scriptedProvider({ run: 'Successful' }));
    expect(requeueAt?.toISOString()).toBe(new Date(NOW.getTime() + 60_000).toISOString());
  });

  it('TestReconcileAnalysisRunInvalid: a metric without a provider', async () => {
    const { next } = await reconcile(analysisRun([{ name: 'success-rate', provider: {} }]), scriptedProvider({}));
    expect(next.phase).toBe('Error');
    expect(next.message).toBe('Analysis spec invalid: metrics[0]: no provider specified');
    expect(next.completedAt).toBe(at(0));
  });

  it('TestValidateMetrics through a reconcile: a run without metrics', async () => {
    const { next } = await reconcile(analysisRun([]), scriptedProvider({}));
    expect(next).toMatchObject({ phase: 'Error', message: 'Analysis spec invalid: no metrics specified' });
  });

  it.each(['Failed', 'Inconclusive', 'Error'] as const)('TestReconcileAnalysisRunTerminateSiblingAfterFail: %s', async (phase) => {
    const provider = scriptedProvider({ terminate: 'Successful' });
    const { next } = await reconcile(terminatingRun(phase, false), provider);
    expect(next.phase).toBe(phase);
    expect(next.metricResults?.[1]?.phase).toBe(phase);
    const sibling = next.metricResults?.[0];
    expect(sibling?.phase).toBe('Successful');
    expect(sibling?.message).toBe('Metric Terminated');
    expect(sibling?.measurements?.[0]).toMatchObject({ phase: 'Successful', message: 'Metric Terminated' });
    expect(sibling?.measurements?.[0]?.finishedAt).toBeDefined();
    expect(provider.calls.map((call) => call.action)).toEqual(['terminate']);
  });

  it('TestReconcileAnalysisRunResumeInProgress', async () => {
    const run = analysisRun([metric('test')], { phase: 'Running', metricResults: [result('test', { measurements: [inFlight()] })] });
    const { next } = await reconcile(run, scriptedProvider({ resume: 'Successful' }));
    expect(next.phase).toBe('Successful');
    expect(next.metricResults?.[0]?.phase).toBe('Successful');
    expect(next.metricResults?.[0]?.measurements).toHaveLength(1);
    expect(next.metricResults?.[0]?.measurements?.[0]?.finishedAt).toBeDefined();
  });

  it.each([
    { phase: 'Error', consecutiveError: 5, error: 5, count: 4 },
    { phase: 'Successful', consecutiveError: undefined, error: 4, count: 5 },
    { phase: 'Failed', consecutiveError: undefined, error: 4, count: 5 },
    { phase: 'Inconclusive', consecutiveError: undefined, error: 4, count: 5 },
  ] as const)('TestRunMeasurementsResetConsecutiveErrorCounter: $phase', async ({ phase, consecutiveError, error, count }) => {
    const run = analysisRun([metric('test')], { phase: 'Running', metricResults: [result('test', { consecutiveError: 4, count: 4, error: 4 })] });
    const { next } = await reconcile(run, scriptedProvider({ run: phase }));
    expect(next.metricResults?.[0]).toMatchObject({ error, count });
    expect(next.metricResults?.[0]?.consecutiveError).toBe(consecutiveError);
  });

  it('analysis-semantics §1.5.1: the 5th consecutive error ends the run in Error with the provider message', async () => {
    const errorAnswer: Measurement = { phase: 'Error', message: 'received non 2xx response code: 500', startedAt: at(0) };
    const run = analysisRun([metric('m')], {
      phase: 'Running',
      metricResults: [result('m', { error: 4, consecutiveError: 4, measurements: [measured('Error', 11)] })],
    });
    const { next } = await reconcile(run, scriptedProvider({ run: errorAnswer }));
    expect(next.phase).toBe('Error');
    expect(next.message).toBe(
      'Metric "m" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: received non 2xx response code: 500"',
    );
    expect(next.runSummary).toEqual({ count: 1, error: 1 });
  });

  it.each([false, true])('TestResolveMetricArgsUnableToSubstitute (dry run: %s)', async (dryRun) => {
    const run = analysisRun(
      [metric('rate', { successCondition: '{{args.does-not-exist}}', provider: { prometheus: { query: '{{args.metric-name}}' } } })],
      undefined,
      dryRun ? { dryRun: [{ metricName: '.*' }] } : {},
    );
    const { next } = await reconcile(run, scriptedProvider({}));
    expect(next.phase).toBe('Error');
    expect(next.message).toBe('Unable to resolve metric arguments: failed to resolve {{args.metric-name}}');
  });

  it('TestGetMetadataIsCalled: provider metadata lands on the new metric result', async () => {
    const run = analysisRun([metric('rate', { successCondition: 'result[0] > 0', provider: { prometheus: { query: '{{args.metric-name}}' } } })], undefined, {
      args: [{ name: 'metric-name', value: 'success-rate' }],
    });
    const provider = scriptedProvider({ run: 'Successful' }, { foo: 'bar' });
    const { next } = await reconcile(run, provider);
    expect(next.phase).toBe('Successful');
    expect(next.metricResults?.[0]?.metadata).toEqual({ foo: 'bar' });
    expect(provider.calls[0]?.metric.provider.prometheus?.query).toBe('success-rate');
  });

  const secretRun = (): AnalysisRun =>
    analysisRun(
      [
        metric('rate', {
          successCondition: 'result > {{args.metric-name}}',
          provider: { web: { url: 'http://127.0.0.1:1/', headers: [{ key: 'apikey', value: '{{args.secret}}' }] } },
        }),
      ],
      undefined,
      {
        args: [
          { name: 'secret', valueFrom: { secretKeyRef: { name: 'web-metric-secret', key: 'apikey' } } },
          { name: 'metric-name', value: 'success-rate' },
        ],
      },
    );

  it('TestSecretContentReferenceAndMultipleArgResolutionSuccess: secret and plain args reach the provider', async () => {
    const provider = scriptedProvider({ run: 'Successful' });
    const { next } = await reconcile(secretRun(), provider, memorySecrets({ 'web-metric-secret': { apikey: '12345' } }));
    expect(next.phase).toBe('Successful');
    expect(provider.calls[0]?.metric.provider.web?.headers?.[0]?.value).toBe('12345');
    expect(provider.calls[0]?.metric.successCondition).toBe('result > success-rate');
  });

  it('TestSecretContentReferenceProviderError: a secret value in a message is redacted', async () => {
    const answer: Measurement = { phase: 'Error', message: 'Error with Header Value: 12345', value: 'token 12345', startedAt: at(0) };
    const { next } = await reconcile(secretRun(), scriptedProvider({ run: answer }), memorySecrets({ 'web-metric-secret': { apikey: '12345' } }));
    expect(next.metricResults?.[0]?.measurements?.[0]?.message).toBe('Error with Header Value: *****');
    expect(JSON.stringify(next)).not.toContain('12345');
  });

  it.each<{ test: string; secrets: Record<string, Record<string, string>>; message: string }>([
    { test: 'TestSecretNotFound', secrets: {}, message: 'Unable to resolve metric arguments: secrets "web-metric-secret" not found' },
    {
      test: 'TestKeyNotInSecret',
      secrets: { 'web-metric-secret': {} },
      message: "Unable to resolve metric arguments: key 'apikey' does not exist in secret 'web-metric-secret'",
    },
  ])('$test', async ({ secrets, message }) => {
    const { next } = await reconcile(secretRun(), scriptedProvider({ run: 'Successful' }), memorySecrets(secrets));
    expect(next.phase).toBe('Error');
    expect(next.message).toBe(message);
  });

  it('TestAssessRunStatusWithOnlyDryRunMetrics: a run of dry-run metrics ends Successful', async () => {
    const run = analysisRun(
      [metric('success-metric')],
      {
        phase: 'Running',
        metricResults: [result('success-metric', { count: 1, successful: 1, dryRun: true, phase: 'Successful', measurements: [measured('Successful')] })],
      },
      { dryRun: [{ metricName: 'success-metric' }] },
    );
    const { next } = await reconcile(run, scriptedProvider({ run: 'Failed', resume: 'Successful' }));
    expect(next.phase).toBe('Successful');
  });

  it('TestAssessRunStatusWithMixedMetrics: a dry-run failure does not decide the run', async () => {
    const run = analysisRun(
      [metric('run-forever'), metric('success-metric')],
      {
        phase: 'Running',
        metricResults: [
          result('run-forever', { inconclusive: 1, measurements: [inFlight()] }),
          result('success-metric', { count: 1, failed: 1, dryRun: true, phase: 'Successful', measurements: [measured('Failed')] }),
        ],
      },
      { dryRun: [{ metricName: 'success-metric' }] },
    );
    const { next } = await reconcile(run, scriptedProvider({ run: 'Failed', resume: 'Successful' }));
    expect(next.phase).toBe('Inconclusive');
    expect(next.message).toBe('Metric "run-forever" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)');
  });

  it.each([
    { dryRun: false, phase: 'Failed', message: 'Metric "run-forever" assessed Failed due to failed (1) > failureLimit (0)' },
    { dryRun: true, phase: 'Successful', message: undefined },
  ] as const)('TestAssessRunStatusWorstMessageInReconcileAnalysisRun (dry run: $dryRun)', async ({ dryRun, phase, message }) => {
    const run = terminatingRun('Failed', dryRun);
    const forever = run.status?.metricResults?.[0];
    if (forever) Object.assign(forever, { phase: 'Failed', failed: 1 });
    const { next } = await reconcile(run, scriptedProvider({ run: 'Failed', terminate: 'Successful', resume: 'Successful' }));
    expect(next.phase).toBe(phase);
    expect(next.message).toBe(message);
    if (dryRun) expect(next.dryRunSummary).toEqual({ count: 2, failed: 2 });
  });

  it.each([
    { dryRun: false, dryRunSummary: {} },
    { dryRun: true, dryRunSummary: { count: 1 } },
  ])('TestTerminateAnalysisRun (dry run: $dryRun): Successful, "Run Terminated"', async ({ dryRun, dryRunSummary }) => {
    const run = analysisRun(
      [metric('success-rate', { initialDelay: '20s', interval: '20s', successCondition: 'result[0] > 0.90' })],
      { phase: 'Running', startedAt: at(0) },
      {
        terminate: true,
        args: [{ name: 'service', value: 'rollouts-demo-canary.default.svc.cluster.local' }],
        ...(dryRun ? { dryRun: [{ metricName: 'success-rate' }] } : {}),
      },
    );
    const provider = scriptedProvider({ run: 'Error' });
    const { next } = await reconcile(run, provider);
    expect(next.phase).toBe('Successful');
    expect(next.message).toBe('Run Terminated');
    expect(next.completedAt).toBe(at(0));
    expect(next.dryRunSummary ?? {}).toEqual(dryRunSummary);
    expect(provider.calls).toEqual([]);
  });

  it.each([
    {
      test: 'TestInvalidDryRunConfigThrowsError',
      spec: { dryRun: [{ metricName: 'error-rate' }] },
      message: "Analysis spec invalid: dryRun[0]: Rule didn't match any metric name(s)",
    },
    {
      test: 'TestInvalidMeasurementsRetentionConfigThrowsError',
      spec: { measurementRetention: [{ metricName: 'error-rate', limit: 0 }] },
      message: "Analysis spec invalid: measurementRetention[0]: Rule didn't match any metric name(s)",
    },
    {
      test: 'TestGetDryRunMetrics (a bare * is an invalid Go regexp)',
      spec: { dryRun: [{ metricName: '*' }] },
      message: "Analysis spec invalid: dryRun[0]: Rule didn't match any metric name(s)",
    },
  ])('$test', async ({ spec, message }) => {
    const run = analysisRun(
      [metric('success-rate', { initialDelay: '20s', interval: '20s' })],
      { phase: 'Running', startedAt: at(0) },
      { terminate: true, ...spec },
    );
    const { next } = await reconcile(run, scriptedProvider({}));
    expect(next.phase).toBe('Error');
    expect(next.message).toBe(message);
  });

  it('TestCompletedTimeFilled', async () => {
    const run = analysisRun([metric('metric1', { interval: '60s', count: 1 })], {
      phase: 'Running',
      startedAt: at(0),
      metricResults: [result('metric1', { phase: 'Successful', count: 1, measurements: [measured('Successful')] })],
    });
    const { next, requeueAt } = await reconcile(run, scriptedProvider({}));
    expect(next.phase).toBe('Successful');
    expect(next.completedAt).toBe(at(0));
    expect(requeueAt).toBeUndefined();
  });

  it('initialDelay: the first reconcile only starts the clock, then measures once the delay is over', async () => {
    const run = analysisRun([metric('delayed', { initialDelay: '30s' })]);
    const provider = scriptedProvider({ run: 'Successful' });
    const first = await reconcile(run, provider);
    expect(first.next).toMatchObject({ phase: 'Running', startedAt: at(0) });
    expect(first.requeueAt?.toISOString()).toBe(new Date(NOW.getTime() + 30_000).toISOString());
    expect(provider.calls).toEqual([]);
    const clock = fixedClock(new Date(NOW.getTime() + 30_000));
    const second = await reconcileAnalysisRun({ ...run, status: first.next }, { clock, providers: provider.factory, secrets: memorySecrets({}) });
    expect(second.status?.phase).toBe('Successful');
    expect(provider.calls.map((call) => call.action)).toEqual(['run']);
  });

  it('analysis-semantics §1.5.1: one metric fails while a sibling has more to take; the next reconcile ends the run Failed', async () => {
    const run = analysisRun([metric('a'), metric('b', { interval: '60s', count: 5 })]);
    const provider: ScriptedProvider = {
      calls: [],
      factory: (target) => ({
        run: async () => ({ phase: target.name === 'a' ? 'Failed' : 'Successful', value: '1', startedAt: at(0), finishedAt: at(0) }),
        resume: async (_m, measurement) => measurement,
        terminate: async (_m, measurement) => measurement,
        metadata: () => undefined,
      }),
    };
    const first = await reconcile(run, provider);
    expect(first.next.phase).toBe('Running');
    expect(first.next.metricResults?.map((entry) => entry.phase)).toEqual(['Failed', 'Running']);
    const second = await reconcile({ ...run, status: first.next }, provider);
    expect(second.next.phase).toBe('Failed');
    expect(second.next.message).toBe('Metric "a" assessed Failed due to failed (1) > failureLimit (0)');
    expect(second.next.metricResults?.map((entry) => entry.phase)).toEqual(['Failed', 'Successful']);
    expect(second.requeueAt).toBeUndefined();
  });

  it('TestAssessRunStatusUpdateResult through a reconcile: a metric result that flips is written even when the run stays Running', async () => {
    const run = analysisRun([metric('sleep-infinity'), metric('fail-after-30')], {
      phase: 'Running',
      startedAt: at(-60),
      metricResults: [
        result('sleep-infinity', { measurements: [inFlight(60, { resumeAt: at(30) })] }),
        result('fail-after-30', { count: 1, failed: 1, measurements: [measured('Failed')] }),
      ],
      // Already what this reconcile computes, so only the metric's phase differs.
      runSummary: { count: 2, failed: 1 },
      dryRunSummary: {},
    });
    const outcome = await reconcile(run, scriptedProvider({}));
    expect(outcome.status?.metricResults?.[1]?.phase).toBe('Failed');
    expect(outcome.status?.phase).toBe('Running');
    expect(run.status?.metricResults?.[1]?.phase).toBe('Running');
  });

  it('a completed run is left alone', async () => {
    const run = analysisRun([metric('m')], { phase: 'Failed', completedAt: at(-5) });
    expect(await reconcileAnalysisRun(run, { clock: fixedClock(), providers: scriptedProvider({}).factory, secrets: memorySecrets({}) })).toEqual({
      status: undefined,
      requeueAt: undefined,
    });
  });

  it('nothing due: no status to write, and the time to come back', async () => {
    const run = analysisRun([metric('m', { interval: '60s' })], {
      phase: 'Running',
      startedAt: at(-30),
      metricResults: [result('m', { count: 1, successful: 1, consecutiveSuccess: 1, measurements: [measured('Successful', 30)] })],
      runSummary: { count: 1 },
      dryRunSummary: {},
    });
    const outcome = await reconcile(run, scriptedProvider({}));
    expect(outcome.status).toBeUndefined();
    expect(outcome.requeueAt?.toISOString()).toBe(new Date(NOW.getTime() + 30_000).toISOString());
  });
});

describe('measurement history (TestTrimMeasurementHistory)', () => {
  const values = (phases: AnalysisPhase[]): Measurement[] => phases.map((phase, index) => ({ ...measured(phase), value: String(index + 2) }));
  it.each([
    { case: 'default limit 2 keeps both', retention: new Map<string, number>(), limit: 2, expected: ['2', '3'] },
    { case: 'default limit 1 keeps the newest', retention: new Map<string, number>(), limit: 1, expected: ['3'] },
    { case: 'a rule of 2 wins over a default of 1', retention: new Map([['metric2', 2]]), limit: 1, expected: ['2', '3'] },
  ])('$case', ({ retention, limit, expected }) => {
    const trimmed = trimMeasurements({ name: 'metric2', phase: 'Running', measurements: values(['Successful', 'Successful']) }, retention, limit);
    expect(trimmed.measurements?.map((m) => m.value)).toEqual(expected);
  });

  it('a reconcile keeps at most 10 measurements by default', async () => {
    const history = Array.from({ length: 10 }, (_, index) => ({ ...measured('Successful', 120), value: String(index) }));
    const run = analysisRun([metric('m', { interval: '60s' })], {
      phase: 'Running',
      startedAt: at(-600),
      metricResults: [result('m', { count: 10, successful: 10, measurements: history })],
    });
    const { next } = await reconcile(run, scriptedProvider({ run: { phase: 'Successful', value: 'new', startedAt: at(0), finishedAt: at(0) } }));
    const kept = next.metricResults?.[0]?.measurements ?? [];
    expect(kept).toHaveLength(10);
    expect(kept[0]?.value).toBe('1');
    expect(kept[9]?.value).toBe('new');
  });
});
