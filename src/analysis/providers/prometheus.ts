// The prometheus provider (metricproviders/prometheus/prometheus.go over
// client_golang): an instant query POSTed as a form to <address>/api/v1/query
// (or a range query to /api/v1/query_range), retried as GET on 405/501; the
// result is evaluated as Argo shapes it (see prometheus-response.ts).

import { posix } from 'node:path';
import type { Measurement, Metric, PrometheusMetric } from '../../model/analysis.js';
import { evaluateConditions } from '../conditions.js';
import { parseGoDuration } from '../go-duration.js';
import { formatKubeTime } from '../time-format.js';
import { formatGoFloat } from './go-float.js';
import { exchange, type HttpReply } from './http-request.js';
import { fetchToken, oauth2Problem } from './oauth2.js';
import { readPrometheusReply } from './prometheus-response.js';
import type { MeasurementContext, MetricProviderDriver } from './provider.js';
import { readyMeasurement } from './ready-measurement.js';
import { evaluateTime } from './time-expressions.js';

const DEFAULT_TIMEOUT_SECONDS = 30;
export const PROMETHEUS_ADDRESS_ENV = 'ARGO_ROLLOUTS_PROMETHEUS_ADDRESS';

export function prometheusProvider(prometheus: PrometheusMetric, defaultAddress: string | undefined): MetricProviderDriver | { error: string } {
  const address = prometheus.address || defaultAddress;
  if (!address) return { error: 'prometheus address is not configured' };
  if (!isUrl(address)) return { error: 'prometheus address is not is url format' };
  const oauth2 = oauth2Problem(prometheus.authentication?.oauth2);
  if (oauth2) return { error: oauth2 };
  if ((prometheus.timeout ?? 0) < 0) return { error: 'prometheus timeout should not be negative' };
  return {
    run: (metric, context) => measure(metric, prometheus, address, context),
    resume: async (_metric, measurement) => measurement,
    terminate: async (_metric, measurement) => measurement,
    metadata: () => (prometheus.query ? { ResolvedPrometheusQuery: prometheus.query } : undefined),
  };
}

async function measure(metric: Metric, prometheus: PrometheusMetric, address: string, context: MeasurementContext): Promise<Measurement> {
  const now = context.clock.now();
  const done = readyMeasurement(formatKubeTime(now), context);
  let endpoint: string;
  let params: URLSearchParams;
  try {
    ({ endpoint, params } = queryOf(prometheus, now));
  } catch (error) {
    return done.error(error instanceof Error ? error.message : String(error));
  }
  let reply: HttpReply;
  try {
    reply = await send(prometheus, joinPath(address, endpoint), params);
  } catch (error) {
    return done.error(error instanceof Error ? error.message : String(error));
  }
  const read = readPrometheusReply(reply.status, reply.body);
  if (!read.ok) return done.error(read.message);
  const outcome = evaluateConditions(read.result, metric);
  if (!outcome.ok) return done.error(outcome.message);
  const warnings = read.warnings.map((warning) => `"${warning}"`).join(', ');
  return done.finished(outcome.phase, read.value, warnings ? { warnings } : undefined);
}

function queryOf(prometheus: PrometheusMetric, now: Date): { endpoint: string; params: URLSearchParams } {
  const params = new URLSearchParams({ query: prometheus.query ?? '' });
  const range = prometheus.rangeQuery;
  if (!range) {
    params.set('time', unixSeconds(now));
    return { endpoint: '/api/v1/query', params };
  }
  const start = wrap('failed to parse rangeQuery.start as time', () => evaluateTime(range.start ?? '', now));
  const end = wrap('failed to parse rangeQuery.end as time', () => evaluateTime(range.end ?? '', now));
  const step = wrap('failed to parse rangeQuery.step as duration', () => parseGoDuration(range.step ?? ''));
  params.set('start', unixSeconds(start));
  params.set('end', unixSeconds(end));
  params.set('step', formatGoFloat(step / 1000));
  return { endpoint: '/api/v1/query_range', params };
}

async function send(prometheus: PrometheusMetric, url: string, params: URLSearchParams): Promise<HttpReply> {
  const headers: Record<string, string> = {};
  for (const header of prometheus.headers ?? []) headers[header.key] = header.value;
  const common = { headers, timeoutMs: ((prometheus.timeout ?? 0) || DEFAULT_TIMEOUT_SECONDS) * 1000, insecure: prometheus.insecure === true };
  const oauth2 = prometheus.authentication?.oauth2;
  if (oauth2?.tokenUrl) {
    const token = await fetchToken(oauth2, common.timeoutMs, common.insecure);
    if (!token.ok) throw new Error(token.message);
    headers['Authorization'] = token.authorization;
  }
  const posted = await exchange({
    ...common,
    method: 'POST',
    url,
    headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
  });
  if (posted.status !== 405 && posted.status !== 501) return posted;
  return exchange({ ...common, method: 'GET', url: `${url}?${params.toString()}` });
}

function wrap<T>(context: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new Error(`${context}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function unixSeconds(date: Date): string {
  return formatGoFloat(date.getTime() / 1000);
}

function joinPath(address: string, endpoint: string): string {
  const url = new URL(address);
  url.pathname = posix.join(url.pathname || '/', endpoint);
  return url.toString();
}

function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol !== '' && url.host !== '';
  } catch {
    return false;
  }
}
