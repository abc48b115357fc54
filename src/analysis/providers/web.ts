// The web provider (metricproviders/webmetric/webmetric.go): one HTTP request;
// non-2xx is Error; a JSON body is narrowed by jsonPath (default `{$}`) and its
// first match is `result` for the conditions and, as JSON, the measurement's
// value. A body that is not JSON is Successful as is (Argo v1.9.1).

import type { Measurement, Metric, WebMetric } from '../../model/analysis.js';
import { evaluateConditions } from '../conditions.js';
import { formatKubeTime } from '../time-format.js';
import { exchange, type HttpReply } from './http-request.js';
import { parseJsonPath, type JsonPath } from './json-path.js';
import { fetchToken, oauth2Problem } from './oauth2.js';
import type { MeasurementContext, MetricProviderDriver } from './provider.js';
import { readyMeasurement } from './ready-measurement.js';

const DEFAULT_TIMEOUT_SECONDS = 10;

export function webProvider(web: WebMetric): MetricProviderDriver | { error: string } {
  const oauth2 = oauth2Problem(web.authentication?.oauth2);
  if (oauth2) return { error: oauth2 };
  let path: JsonPath;
  try {
    path = parseJsonPath(web.jsonPath || '{$}');
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return {
    run: (metric, context) => measure(metric, web, path, context),
    resume: async (_metric, measurement) => measurement,
    terminate: async (_metric, measurement) => measurement,
    metadata: () => undefined,
  };
}

async function measure(metric: Metric, web: WebMetric, path: JsonPath, context: MeasurementContext): Promise<Measurement> {
  const startedAt = formatKubeTime(context.clock.now());
  const done = readyMeasurement(startedAt, context);
  const method = web.method || 'GET';
  const hasJsonBody = web.jsonBody !== undefined && web.jsonBody !== null;
  if (web.body && hasJsonBody) return done.error('use either Body or JSONBody; both cannot exists for WebMetric payload');
  if ((web.body || hasJsonBody) && method === 'GET') return done.error('Body/JSONBody can only be used with POST or PUT WebMetric Method types');

  const headers: Record<string, string> = {};
  for (const header of web.headers ?? []) setHeader(headers, header.key, header.value);
  if (hasJsonBody) setHeader(headers, 'Content-Type', 'application/json');
  const timeoutMs = ((web.timeoutSeconds ?? 0) > 0 ? (web.timeoutSeconds ?? 0) : DEFAULT_TIMEOUT_SECONDS) * 1000;
  const oauth2 = web.authentication?.oauth2;
  if (oauth2?.tokenUrl) {
    const token = await fetchToken(oauth2, timeoutMs, web.insecure === true);
    if (!token.ok) return done.error(token.message);
    setHeader(headers, 'Authorization', token.authorization);
  }
  let reply: HttpReply;
  try {
    reply = await exchange({
      method,
      url: web.url,
      headers,
      body: web.body || (hasJsonBody ? JSON.stringify(web.jsonBody) : undefined),
      timeoutMs,
      insecure: web.insecure === true,
    });
  } catch (error) {
    return done.error(error instanceof Error ? error.message : String(error));
  }
  if (reply.status < 200 || reply.status >= 300) return done.error(`received non 2xx response code: ${reply.status}`);

  let data: unknown;
  try {
    data = JSON.parse(reply.body);
  } catch {
    return done.finished('Successful', reply.body);
  }
  let matches: unknown[][];
  try {
    matches = path.find(data);
  } catch (error) {
    return done.error(`Could not find JSONPath in body: ${error instanceof Error ? error.message : String(error)}`);
  }
  const first = matches.find((list) => list.length > 0);
  if (!first) return done.error('result of web metric produced no value');
  const result = first[0] ?? null;
  const outcome = evaluateConditions(result, metric);
  if (!outcome.ok) return done.error(outcome.message);
  return done.finished(outcome.phase, JSON.stringify(result));
}

/** Go's Header.Set: names are canonicalised, so a later header of the same name wins. */
function setHeader(headers: Record<string, string>, key: string, value: string): void {
  const canonical = key.toLowerCase().replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => dash + letter.toUpperCase());
  headers[canonical] = value;
}
