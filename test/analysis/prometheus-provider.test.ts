// The prometheus provider against a local server speaking the Prometheus query
// API: vector, scalar and matrix results shaped as Argo shapes them, client
// errors worded as client_golang words them, range queries, GET fallback.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusProvider } from '../../src/analysis/providers/prometheus.js';
import type { MetricProviderDriver } from '../../src/analysis/providers/provider.js';
import type { Measurement, PrometheusMetric } from '../../src/model/analysis.js';
import { NOW, fixedClock, metric } from './support/fixtures.js';
import { startPrometheus, type PromServer } from './support/prometheus-server.js';

let prom: PromServer;

beforeAll(async () => {
  prom = await startPrometheus();
  prom.answer('error_rate', { vector: [{ labels: { app: 'a' }, value: '0.01' }] });
  prom.answer('two_pods', { vector: [{ value: '0.01' }, { value: '0.2' }] });
  prom.answer('nothing', { vector: [] });
  prom.answer('scalar(up)', { scalar: '0.99' });
  prom.answer('rate_range', { matrix: [{ values: ['1', '2'] }, { values: ['3e-7'] }] });
  prom.answer('nan', { vector: [{ value: 'NaN' }, { value: '+Inf' }] });
  prom.answer('a_string', { string: 'hello' });
  prom.answer('bad', { error: { status: 400, errorType: 'bad_data', error: 'invalid parameter "query": parse error' } });
  prom.answer('down', { status: 503, body: 'unavailable' });
  prom.answer('garbage', { status: 200, body: 'not json' });
});

afterAll(() => prom.close());

async function measure(
  query: string,
  conditions: { successCondition?: string; failureCondition?: string },
  extra: Partial<PrometheusMetric> = {},
): Promise<Measurement> {
  const prometheus: PrometheusMetric = { address: prom.url, query, ...extra };
  const driver = prometheusProvider(prometheus, undefined);
  if ('error' in driver) throw new Error(driver.error);
  return (driver as MetricProviderDriver).run(metric('prom', { ...conditions, provider: { prometheus } }), {
    clock: fixedClock(),
    namespace: 'ns',
    runName: 'r',
    runUid: 'u',
    attempt: 1,
  });
}

describe('prometheus provider', () => {
  it.each([
    { query: 'error_rate', condition: 'result[0] < 0.05', phase: 'Successful', value: '[0.01]' },
    { query: 'error_rate', condition: 'result[0] < 0.001', phase: 'Failed', value: '[0.01]' },
    { query: 'two_pods', condition: 'all(result, {# < 0.05})', phase: 'Failed', value: '[0.01,0.2]' },
    { query: 'nothing', condition: 'len(result) == 0 || result[0] < 0.05', phase: 'Successful', value: '[]' },
    { query: 'scalar(up)', condition: 'result > 0.9', phase: 'Successful', value: '0.99' },
    { query: 'rate_range', condition: 'len(result) == 3', phase: 'Successful', value: '[1,2,0.0000003]' },
    { query: 'nan', condition: 'isNaN(result[0]) && isInf(result[1])', phase: 'Successful', value: '[NaN,+Inf]' },
  ])('$query with "$condition" → $phase ($value)', async ({ query, condition, phase, value }) => {
    expect(await measure(query, { successCondition: condition })).toMatchObject({ phase, value });
  });

  it('sends the query as a form POST to <address>/api/v1/query with the time', async () => {
    await measure('error_rate', {});
    const request = prom.requests[prom.requests.length - 1];
    expect(request).toMatchObject({ method: 'POST', path: '/prom/api/v1/query', params: { query: 'error_rate', time: String(NOW.getTime() / 1000) } });
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('retries with GET when POST is refused with 405', async () => {
    prom.refusePost(405);
    try {
      expect(await measure('scalar(up)', { successCondition: 'result > 0.9' })).toMatchObject({ phase: 'Successful' });
      expect(prom.requests.slice(-2).map((request) => request.method)).toEqual(['POST', 'GET']);
    } finally {
      prom.refusePost(undefined);
    }
  });

  it('a range query goes to query_range with start, end and step', async () => {
    await measure(
      'rate_range',
      {},
      { rangeQuery: { start: 'now() - duration("5m")', end: 'now()', step: '1m' }, headers: [{ key: 'X-Scope-OrgID', value: 'tenant' }] },
    );
    const request = prom.requests[prom.requests.length - 1];
    const end = NOW.getTime() / 1000;
    expect(request).toMatchObject({
      path: '/prom/api/v1/query_range',
      params: { query: 'rate_range', start: String(end - 300), end: String(end), step: '60' },
    });
    expect(request?.headers['x-scope-orgid']).toBe('tenant');
  });

  it.each([
    { query: 'nothing', condition: 'result[0] < 0.05', message: undefined },
    { query: 'a_string', condition: 'true', message: 'unexpected value type "string"' },
    { query: 'bad', condition: 'true', message: 'bad_data: invalid parameter "query": parse error' },
    { query: 'down', condition: 'true', message: 'server_error: server error: 503' },
    { query: 'garbage', condition: 'true', message: undefined },
  ])('$query → Error $message', async ({ query, condition, message }) => {
    const measurement = await measure(query, { successCondition: condition });
    expect(measurement.phase).toBe('Error');
    if (message) expect(measurement.message).toBe(message);
    expect(measurement.value).toBeUndefined();
  });

  it.each([
    { prometheus: { query: 'x' }, env: undefined, error: 'prometheus address is not configured' },
    { prometheus: { query: 'x', address: 'not a url' }, env: undefined, error: 'prometheus address is not is url format' },
    { prometheus: { query: 'x', address: 'http://127.0.0.1:9', timeout: -1 }, env: undefined, error: 'prometheus timeout should not be negative' },
  ])('cannot be built: $error', ({ prometheus, env, error }) => {
    expect(prometheusProvider(prometheus, env)).toEqual({ error });
  });

  it('takes the address from ARGO_ROLLOUTS_PROMETHEUS_ADDRESS when the metric has none, and records the resolved query', () => {
    const driver = prometheusProvider({ query: 'up' }, 'http://127.0.0.1:9090');
    expect('error' in driver).toBe(false);
    expect((driver as MetricProviderDriver).metadata(metric('m'))).toEqual({ ResolvedPrometheusQuery: 'up' });
  });
});
